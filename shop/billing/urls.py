"""Payment, kuitansi and delivery URLs, mounted at ``/bayar/`` (before Wagtail's catch-all)."""

from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("", views.pay_home, name="pay"),
    path("notifikasi/simponi/", views.simponi_notify, name="simponi-notify"),
    path("simulator/teller/", views.teller, name="teller"),
    path("pesanan/<str:number>/kode-billing/", views.billing_create, name="billing-create"),
    path("kode-billing/<int:pk>/terbitkan-ulang/", views.billing_reissue, name="billing-reissue"),
    path(
        "pesanan/<str:number>/bukti-transfer/",
        views.transfer_proof_upload,
        name="transfer-proof-upload",
    ),
    path("pesanan/<str:number>/sppd/", views.sppd_upload, name="sppd-upload"),
    path("sppd/<int:pk>/berkas/", views.sppd_file, name="sppd-file"),
    path(
        "sppd/<int:pk>/asli-diterima/",
        views.sppd_originals_received,
        name="sppd-originals-received",
    ),
    path("kuitansi/<int:pk>/pdf/", views.receipt_pdf, name="receipt-pdf"),
    path("kuitansi/verifikasi/<str:token>/", views.receipt_verify, name="receipt-verify"),
    path("unduh/<str:token>/", views.delivery_download, name="delivery-download"),
    path("bendahara/", views.treasurer_home, name="treasurer"),
    path("bendahara/bpn/", views.bpn_entry, name="bpn-entry"),
    path("bendahara/tunai/", views.cash_entry, name="cash-entry"),
    path(
        "bendahara/bukti-transfer/<int:pk>/",
        views.transfer_proof_review,
        name="transfer-proof-review",
    ),
    path(
        "bendahara/bukti-transfer/<int:pk>/berkas/",
        views.transfer_proof_file,
        name="transfer-proof-file",
    ),
    path(
        "bendahara/pembayaran/<int:payment_pk>/kuitansi/",
        views.receipt_issue,
        name="receipt-issue",
    ),
    path("bendahara/kuitansi/<int:pk>/koreksi/", views.receipt_correct, name="receipt-correct"),
    path("bendahara/pengecualian/<int:pk>/", views.exception_resolve, name="exception-resolve"),
]
