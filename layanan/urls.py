"""URLs of the PST services under ``/layanan/`` (namespace ``layanan``)."""

from django.urls import path

from .views import complaints, consultations, desk, overview, recommendations, survey

app_name = "layanan"

urlpatterns = [
    path("", overview.index, name="index"),
    path("petugas/", overview.staff_home, name="staff_home"),
    # Complaints (contract: layanan:complaint_create at /layanan/pengaduan/baru/)
    path("pengaduan/baru/", complaints.complaint_create, name="complaint_create"),
    path("pengaduan/lacak/", complaints.complaint_track, name="complaint_track"),
    path("pengaduan/saya/", complaints.my_complaints, name="my_complaints"),
    path("petugas/pengaduan/", complaints.staff_complaints, name="staff_complaints"),
    path("petugas/pengaduan/<int:pk>/", complaints.staff_complaint_detail, name="staff_complaint"),
    path(
        "petugas/pengaduan/bukti/<int:pk>/",
        complaints.complaint_evidence_download,
        name="complaint_evidence",
    ),
    # Consultation
    path("konsultasi/", consultations.consultation_list, name="consultation_list"),
    path("konsultasi/baru/", consultations.consultation_create, name="consultation_create"),
    path("konsultasi/<int:pk>/", consultations.consultation_detail, name="consultation_detail"),
    path("konsultasi/<int:pk>/tutup/", consultations.consultation_close, name="consultation_close"),
    path(
        "konsultasi/<int:pk>/publikasikan/",
        consultations.consultation_publish,
        name="consultation_publish",
    ),
    path(
        "konsultasi/lampiran/<int:pk>/",
        consultations.consultation_attachment,
        name="consultation_attachment",
    ),
    path("petugas/konsultasi/", consultations.staff_consultations, name="staff_consultations"),
    # Recommendation of statistical activities
    path("rekomendasi/", recommendations.recommendation_list, name="recommendation_list"),
    path("rekomendasi/baru/", recommendations.recommendation_create, name="recommendation_create"),
    path(
        "rekomendasi/<int:pk>/", recommendations.recommendation_detail, name="recommendation_detail"
    ),
    path(
        "rekomendasi/<int:pk>/surat/",
        recommendations.recommendation_letter,
        name="recommendation_letter",
    ),
    path(
        "rekomendasi/lampiran/<int:pk>/",
        recommendations.recommendation_attachment,
        name="recommendation_attachment",
    ),
    path("verifikasi/<str:token>/", recommendations.letter_verify, name="letter_verify"),
    path(
        "petugas/rekomendasi/", recommendations.staff_recommendations, name="staff_recommendations"
    ),
    # Walk-in desk and the head of office's report
    path("tamu/", desk.guest_book, name="guest_book"),
    path("antrian/", desk.queue_display, name="queue_display"),
    path("petugas/antrian/", desk.staff_queue, name="staff_queue"),
    path(
        "petugas/tamu/<int:pk>/konsultasi/",
        desk.staff_walk_in_consultation,
        name="walk_in_consultation",
    ),
    path(
        "petugas/tamu/<int:pk>/rekomendasi/",
        desk.staff_walk_in_recommendation,
        name="walk_in_recommendation",
    ),
    path("petugas/kinerja/", overview.staff_performance, name="staff_performance"),
    # Satisfaction survey (SKM) and the index (IKM) for staff
    path("petugas/skm/", survey.staff_skm, name="staff_skm"),
    path("petugas/skm/laporan/<int:year>/", survey.staff_skm_report, name="staff_skm_report"),
    path("skm/tiket/<str:token>/", survey.survey_for_ticket, name="survey_ticket"),
    path("skm/layanan/<str:service>/", survey.survey_general, name="survey_general"),
    path("skm/<str:kind>/<int:pk>/", survey.survey_for_service, name="survey"),
]
