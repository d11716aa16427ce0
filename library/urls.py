"""Reader views of the e-pustaka that are not Wagtail pages (mounted before Wagtail's catch-all)."""

from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("unduh/<int:page_id>/", views.publication_download, name="download"),
    path("riwayat-unduhan/", views.DownloadHistoryView.as_view(), name="download-history"),
]
