"""Buyer actions and private downloads of orders, under ``/toko/pesanan/`` (issue #7)."""

from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("<str:number>/aksi/<slug:action>/", views.buyer_action, name="buyer-action"),
    path(
        "<str:number>/dokumen/<int:document_id>/",
        views.document_download,
        name="document",
    ),
    path("<str:number>/invoice/<int:invoice_id>/", views.invoice_download, name="invoice"),
]
