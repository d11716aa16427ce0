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
    # Consultation
    path("konsultasi/", views.consultation_list, name="consultation_list"),
    path("konsultasi/baru/", views.consultation_create, name="consultation_create"),
    path("konsultasi/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("konsultasi/<int:pk>/tutup/", views.consultation_close, name="consultation_close"),
    path(
        "konsultasi/<int:pk>/publikasikan/",
        views.consultation_publish,
        name="consultation_publish",
    ),
    path(
        "konsultasi/lampiran/<int:pk>/",
        views.consultation_attachment,
        name="consultation_attachment",
    ),
    path("petugas/konsultasi/", views.staff_consultations, name="staff_consultations"),
    # Recommendation of statistical activities
    path("rekomendasi/", views.recommendation_list, name="recommendation_list"),
    path("rekomendasi/baru/", views.recommendation_create, name="recommendation_create"),
    path("rekomendasi/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("rekomendasi/<int:pk>/surat/", views.recommendation_letter, name="recommendation_letter"),
    path(
        "rekomendasi/lampiran/<int:pk>/",
        views.recommendation_attachment,
        name="recommendation_attachment",
    ),
    path("verifikasi/<str:token>/", views.letter_verify, name="letter_verify"),
    path("petugas/rekomendasi/", views.staff_recommendations, name="staff_recommendations"),
    # Walk-in desk and the head of office's report
    path("tamu/", views.guest_book, name="guest_book"),
    path("antrian/", views.queue_display, name="queue_display"),
    path("petugas/antrian/", views.staff_queue, name="staff_queue"),
    path(
        "petugas/tamu/<int:pk>/konsultasi/",
        views.staff_walk_in_consultation,
        name="walk_in_consultation",
    ),
    path(
        "petugas/tamu/<int:pk>/rekomendasi/",
        views.staff_walk_in_recommendation,
        name="walk_in_recommendation",
    ),
    path("petugas/kinerja/", views.staff_performance, name="staff_performance"),
    # Satisfaction survey (SKM) and the index (IKM) for staff
    path("petugas/skm/", views.staff_skm, name="staff_skm"),
    path("petugas/skm/laporan/<int:year>/", views.staff_skm_report, name="staff_skm_report"),
    path("skm/tiket/<str:token>/", views.survey_for_ticket, name="survey_ticket"),
    path("skm/layanan/<str:service>/", views.survey_general, name="survey_general"),
    path("skm/<str:kind>/<int:pk>/", views.survey_for_service, name="survey"),
]
