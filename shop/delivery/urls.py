"""The delivery's part of the buyer's ``/bayar/`` tree (namespace ``billing``, composed in
``config/urls.py``): the payment page itself, the signed SPPD, and the download of a bought
file. The paths and names are those buyers were sent before issue #19."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.pay_home, name="pay"),
    path("pesanan/<str:number>/sppd/", views.sppd_upload, name="sppd-upload"),
    path("sppd/<int:pk>/berkas/", views.sppd_file, name="sppd-file"),
    path(
        "sppd/<int:pk>/asli-diterima/",
        views.sppd_originals_received,
        name="sppd-originals-received",
    ),
    path("unduh/<str:token>/", views.delivery_download, name="delivery-download"),
]
