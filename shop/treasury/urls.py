"""The bendahara's pages, mounted at ``/bendahara/`` before Wagtail's catch-all."""

from django.urls import path

from . import views

app_name = "treasury"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("impor/", views.statement_upload, name="import"),
    path("impor/konfirmasi/", views.statement_confirm, name="import-confirm"),
    path("mutasi/<int:pk>/unduh/", views.statement_download, name="statement-download"),
    path("pemetaan-kolom/", views.mappings, name="mappings"),
    path("pemetaan-kolom/<int:pk>/", views.mappings, name="mapping-edit"),
    path("rekonsiliasi/", views.reconcile, name="reconcile"),
    path("rekonsiliasi/<int:pk>/", views.result_detail, name="result"),
    path("pengecualian/", views.exceptions, name="exceptions"),
    path("pengecualian/<int:pk>/", views.exception_detail, name="exception"),
    path("buku-kas/", views.cashbook_view, name="cashbook"),
    path("buku-kas/setor/", views.deposit, name="deposit"),
    path("buku-kas/sinkron/", views.cashbook_sync, name="cashbook-sync"),
    path("laporan/", views.report_view, name="report"),
]
