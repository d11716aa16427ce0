"""The bendahara's one URL tree, mounted at ``/bendahara/`` before Wagtail's catch-all (issue
#19): the payment desk (payments, BPN, cash, transfer proofs, kuitansi, payment exceptions) and
the books (statements, reconciliation, cash book, reports), and the refund cases (issue #20).

Two more lists are mounted by ``config/urls.py`` under ``/bayar/``: :data:`buyer_urlpatterns`
(the buyer's transfer proof and kuitansi, the public verification page printed on every
kuitansi, and the letter of apology of a refund case; namespace ``billing``, their names
unchanged) and :data:`moved_urlpatterns`, which redirect every address the desk had under
``/bayar/bendahara/`` to its new one (301).
"""

from django.urls import path
from django.views.generic import RedirectView

from . import payment_views, refund_views, views

app_name = "treasury"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # the payment desk (issue #8; under /bayar/bendahara/ before issue #19)
    path("pembayaran/", payment_views.treasurer_home, name="payments"),
    path("pembayaran/bpn/", payment_views.bpn_entry, name="bpn-entry"),
    path("pembayaran/tunai/", payment_views.cash_entry, name="cash-entry"),
    path(
        "pembayaran/<int:payment_pk>/kuitansi/",
        payment_views.receipt_issue,
        name="receipt-issue",
    ),
    path(
        "bukti-transfer/<int:pk>/",
        payment_views.transfer_proof_review,
        name="transfer-proof-review",
    ),
    path(
        "bukti-transfer/<int:pk>/berkas/",
        payment_views.transfer_proof_file,
        name="transfer-proof-file",
    ),
    path("kuitansi/<int:pk>/koreksi/", payment_views.receipt_correct, name="receipt-correct"),
    path(
        "pengecualian-pembayaran/<int:pk>/",
        payment_views.exception_resolve,
        name="payment-exception-resolve",
    ),
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
    # refund cases of lines that cannot be delivered (issue #20)
    path("pengembalian/", refund_views.refund_list, name="refunds"),
    path("pengembalian/<int:pk>/", refund_views.refund_settle, name="refund-settle"),
    path("pengembalian/buka/<int:line_pk>/", refund_views.refund_open, name="refund-open"),
]

#: The buyer's pages kept by the treasury, under ``/bayar/`` in the ``billing`` namespace.
buyer_urlpatterns = [
    path(
        "pesanan/<str:number>/bukti-transfer/",
        payment_views.transfer_proof_upload,
        name="transfer-proof-upload",
    ),
    path("kuitansi/<int:pk>/pdf/", payment_views.receipt_pdf, name="receipt-pdf"),
    path("kuitansi/verifikasi/<str:token>/", payment_views.receipt_verify, name="receipt-verify"),
    path("pengembalian/<int:pk>/surat/", refund_views.refund_letter, name="refund-letter"),
]


def _moved(pattern_name: str) -> RedirectView:
    """A permanent redirect to the desk's new address (keeps the path's arguments and the query
    string)."""
    return RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True)


#: The desk's addresses before issue #19, under ``/bayar/``: each answers 301 to the new one.
moved_urlpatterns = [
    path("bendahara/", _moved("treasury:payments")),
    path("bendahara/bpn/", _moved("treasury:bpn-entry")),
    path("bendahara/tunai/", _moved("treasury:cash-entry")),
    path("bendahara/bukti-transfer/<int:pk>/", _moved("treasury:transfer-proof-review")),
    path("bendahara/bukti-transfer/<int:pk>/berkas/", _moved("treasury:transfer-proof-file")),
    path(
        "bendahara/pembayaran/<int:payment_pk>/kuitansi/",
        _moved("treasury:receipt-issue"),
    ),
    path("bendahara/kuitansi/<int:pk>/koreksi/", _moved("treasury:receipt-correct")),
    path(
        "bendahara/pengecualian/<int:pk>/",
        _moved("treasury:payment-exception-resolve"),
    ),
]
