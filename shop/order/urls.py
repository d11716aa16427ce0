"""Buyer actions and private downloads of orders, under ``/toko/pesanan/`` (issue #7)."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "orders"

urlpatterns = [
    # "Pesanan saya" itself is Oscar's order history; the short address leads there.
    path("", RedirectView.as_view(pattern_name="customer:order-list"), name="list"),
    path("<str:number>/aksi/<slug:action>/", views.buyer_action, name="buyer-action"),
    path(
        "<str:number>/dokumen/<int:document_id>/",
        views.document_download,
        name="document",
    ),
    path("<str:number>/invoice/<int:invoice_id>/", views.invoice_download, name="invoice"),
]
