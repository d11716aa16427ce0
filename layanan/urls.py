"""URLs of the PST services under ``/layanan/`` (namespace ``layanan``)."""

from django.urls import path

from . import views

app_name = "layanan"

urlpatterns = [
    path("", views.index, name="index"),
    path("petugas/", views.staff_home, name="staff_home"),
    # Complaints (contract: layanan:complaint_create at /layanan/pengaduan/baru/)
    path("pengaduan/baru/", views.complaint_create, name="complaint_create"),
    path("pengaduan/lacak/", views.complaint_track, name="complaint_track"),
    path("pengaduan/saya/", views.my_complaints, name="my_complaints"),
    path("petugas/pengaduan/", views.staff_complaints, name="staff_complaints"),
    path("petugas/pengaduan/<int:pk>/", views.staff_complaint_detail, name="staff_complaint"),
    path(
        "petugas/pengaduan/bukti/<int:pk>/",
        views.complaint_evidence_download,
        name="complaint_evidence",
    ),
]
