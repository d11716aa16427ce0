"""Reader views of the e-pustaka that are not Wagtail pages (mounted before Wagtail's catch-all)."""

from django.urls import path

from . import views, views_import, views_staff
from .feeds import NewReleasesFeed

app_name = "library"

urlpatterns = [
    path("unduh/<int:page_id>/", views.publication_download, name="download"),
    path("riwayat-unduhan/", views.DownloadHistoryView.as_view(), name="download-history"),
    path("feed/atom/", NewReleasesFeed(), name="feed-atom"),
    path("staf/lacak-salinan/", views_staff.leak_trace, name="leak-trace"),
    path("staf/laporan-unduhan/", views_staff.download_reports, name="download-reports"),
    path("staf/impor/", views_import.import_start, name="import-start"),
    path("staf/impor/<str:result_id>/", views_import.import_status, name="import-status"),
    path("unduhan/<str:download_id>/nilai/", views.download_rate, name="download-rate"),
    path("baca/<int:page_id>/", views.publication_read, name="read"),
    path(
        "baca/<int:page_id>/halaman/<int:number>.png",
        views.publication_page_image,
        name="read-page",
    ),
    path("minta-softcopy/<int:page_id>/", views.softcopy_request_create, name="softcopy-request"),
    path("jadwal-rilis/", views.ReleaseCalendarView.as_view(), name="release-calendar"),
]
