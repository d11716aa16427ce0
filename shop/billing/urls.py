"""The billing app's part of the buyer's ``/bayar/`` tree (namespace ``billing``, composed in
``config/urls.py`` with the treasury's and the delivery's buyer pages): SIMPONI's notification
endpoint, the simulator's bank teller, and the buyer's kode billing."""

from django.urls import path

from . import views

urlpatterns = [
    path("notifikasi/simponi/", views.simponi_notify, name="simponi-notify"),
    path("simulator/teller/", views.teller, name="teller"),
    path("pesanan/<str:number>/kode-billing/", views.billing_create, name="billing-create"),
    path("kode-billing/<int:pk>/terbitkan-ulang/", views.billing_reissue, name="billing-reissue"),
]
