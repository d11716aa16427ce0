"""Issue #10, online statistical consultation: search first, open with a topic, private thread
with attachments, the 3-working-day first-answer clock, closing by the officer, the automatic
close after 7 days without a reply from the user, publishing an answer, and the SKM after."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from layanan import services
from layanan.models import ClosedReason, Consultation, ConsultationStatus, SatisfactionSurvey
from pst.calendar import service_due_for
from pst.clock import office_today
from tests.factories import UserFactory
from tests.factories.layanan import fake_pdf_upload, pdf_upload

# Mail leaves after commit (pst.notify); the fixture lets a service's block commit.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_at_the_service")]


def open_consultation(user, **kwargs):
    return services.consultation_open(
        user=user,
        topic=kwargs.pop("topic", "data"),
        subject=kwargs.pop("subject", "Data kemiskinan kabupaten"),
        body=kwargs.pop("body", "Di mana data kemiskinan per kecamatan?"),
        **kwargs,
    )


def test_user_opens_a_consultation_with_an_attachment(client, user, officer):
    client.force_login(user)
    before = timezone.now()
    response = client.post(
        reverse("layanan:consultation_create"),
        {
            "topic": "klasifikasi",
            "subject": "KBLI 2020",
            "body": "Kode KBLI untuk usaha kopi keliling?",
            "attachments": [pdf_upload("contoh usaha.pdf")],
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("layanan:consultation_detail", args=[consultation.pk])
    assert consultation.number == f"KONS-{office_today().year}-00001"
    assert consultation.status == ConsultationStatus.WAITING
    # 3 working days on the office calendar, the same function every clock uses.
    low, high = service_due_for("konsultasi", before), service_due_for("konsultasi", timezone.now())
    assert low <= consultation.first_answer_due_at <= high
    message = consultation.messages.get()
    assert message.attachments.get().original_name == "contoh usaha.pdf"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([user.email, officer.email])

    page = client.get(response["Location"])
    assert "Kode KBLI untuk usaha kopi keliling?" in page.content.decode()
    attachment_url = reverse("layanan:consultation_attachment", args=[message.attachments.get().pk])
    assert client.get(attachment_url).status_code == 200
    # Private: another user sees neither the thread nor the file.
    client.force_login(UserFactory())
    assert client.get(response["Location"]).status_code == 404
    assert client.get(attachment_url).status_code == 404
    client.force_login(officer)
    assert client.get(attachment_url).status_code == 200


def test_bad_attachment_and_unverified_user_are_refused(client, user, unverified_user):
    client.force_login(user)
    response = client.post(
        reverse("layanan:consultation_create"),
        {"topic": "data", "subject": "x", "body": "y", "attachments": [fake_pdf_upload()]},
    )
    assert response.status_code == 200 and not Consultation.objects.exists()
    assert response.context["form"].non_field_errors()
    with pytest.raises(services.ServiceError):
        open_consultation(unverified_user)


def test_officer_answer_stops_the_clock_and_late_ones_are_flagged(client, user, officer):
    on_time = open_consultation(user, subject="tepat waktu")
    late = open_consultation(user, subject="terlambat")
    Consultation.objects.filter(pk=late.pk).update(
        first_answer_due_at=timezone.now() - timedelta(hours=1)
    )
    mail.outbox.clear()
    services.consultation_reply(consultation=on_time, author=officer, body="Lihat publikasi X.")
    on_time.refresh_from_db()
    assert on_time.status == ConsultationStatus.ANSWERED
    assert on_time.first_answered_at is not None
    assert [m.to for m in mail.outbox] == [[user.email]]

    client.force_login(officer)
    listing = client.get(reverse("layanan:staff_consultations"))
    flags = {c.subject: c.is_late for c in listing.context["consultations"]}
    assert flags == {"tepat waktu": False, "terlambat": True}
    # Waiting (unanswered) consultations come first.
    assert list(listing.context["consultations"])[0].subject == "terlambat"


def test_the_user_replies_and_the_thread_stays_private_to_them(client, user, officer):
    consultation = open_consultation(user)
    services.consultation_reply(consultation=consultation, author=officer, body="Jawaban")
    with pytest.raises(services.ServiceError):
        services.consultation_reply(consultation=consultation, author=UserFactory(), body="x")
    client.force_login(user)
    client.post(
        reverse("layanan:consultation_detail", args=[consultation.pk]), {"body": "Terima kasih"}
    )
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.WAITING
    assert [m.from_officer for m in consultation.messages.all()] == [False, True, False]


def test_autoclose_after_seven_days_without_a_reply_from_the_user(user, officer):
    now = timezone.now()

    def answered(subject, *, officer_days_ago, user_days_ago=None):
        consultation = open_consultation(user, subject=subject)
        services.consultation_reply(consultation=consultation, author=officer, body="Jawaban")
        Consultation.objects.filter(pk=consultation.pk).update(
            last_officer_message_at=now - timedelta(days=officer_days_ago),
            last_user_message_at=(
                now - timedelta(days=user_days_ago) if user_days_ago is not None else None
            ),
        )
        return consultation

    silent = answered("diam 8 hari", officer_days_ago=8, user_days_ago=9)
    recent = answered("dijawab 6 hari lalu", officer_days_ago=6, user_days_ago=7)
    replied = answered("pengguna membalas", officer_days_ago=8, user_days_ago=1)
    waiting = open_consultation(user, subject="menunggu petugas")
    Consultation.objects.filter(pk=waiting.pk).update(opened_at=now - timedelta(days=30))
    mail.outbox.clear()

    out = io.StringIO()
    call_command("consultation_autoclose", stdout=out)
    assert silent.number in out.getvalue()

    statuses = {c.subject: (c.status, c.closed_reason) for c in Consultation.objects.all()}
    assert statuses[silent.subject] == (ConsultationStatus.CLOSED, ClosedReason.NO_REPLY)
    assert statuses[recent.subject][0] == ConsultationStatus.ANSWERED
    assert statuses[replied.subject][0] == ConsultationStatus.ANSWERED
    assert statuses[waiting.subject][0] == ConsultationStatus.WAITING
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert reverse("layanan:survey", args=["konsultasi", silent.pk]) in mail.outbox[0].body
    # Idempotent: a second run closes nothing more.
    assert services.consultation_autoclose() == []


def test_officer_closes_then_the_user_answers_the_survey_once(client, user, officer):
    consultation = open_consultation(user)
    services.consultation_reply(consultation=consultation, author=officer, body="Jawaban")
    client.force_login(officer)
    client.post(reverse("layanan:consultation_close", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.closed_reason == ClosedReason.OFFICER
    with pytest.raises(services.ServiceError):
        services.consultation_reply(consultation=consultation, author=user, body="lagi")

    client.force_login(user)
    survey_url = reverse("layanan:survey", args=["konsultasi", consultation.pk])
    answers = {f"u{i}": "4" for i in range(1, 10)} | {"u3": "3", "suggestion": "Cepat"}
    response = client.post(survey_url, answers)
    assert "survey-thanks" in response.content.decode()
    survey = SatisfactionSurvey.objects.get()
    assert survey.scores == (4, 4, 3, 4, 4, 4, 4, 4, 4)
    assert survey.service == "konsultasi" and survey.respondent == user
    client.post(survey_url, answers)
    assert SatisfactionSurvey.objects.count() == 1
    # Not someone else's consultation, not an open one.
    client.force_login(UserFactory())
    assert client.get(survey_url).status_code == 404


def test_published_answers_are_searchable_without_the_users_name(client, user, officer):
    consultation = open_consultation(user)
    services.consultation_reply(consultation=consultation, author=officer, body="Jawaban")
    client.force_login(officer)
    client.post(
        reverse("layanan:consultation_publish", args=[consultation.pk]),
        {
            "public_question": "Di mana data kemiskinan per kecamatan?",
            "public_answer": "Dalam publikasi Kecamatan Dalam Angka.",
        },
    )
    client.logout()
    listing = client.get(reverse("layanan:consultation_list"), {"q": "kemiskinan kecamatan"})
    assert list(listing.context["answers"]) == [consultation]
    html = listing.content.decode()
    assert "Kecamatan Dalam Angka" in html and user.full_name not in html
    assert not client.get(reverse("layanan:consultation_list"), {"q": "inflasi"}).context["answers"]
    # A regular user cannot publish.
    client.force_login(user)
    response = client.post(
        reverse("layanan:consultation_publish", args=[consultation.pk]),
        {"public_question": "x", "public_answer": "y"},
    )
    assert response.status_code == 403
