"""Issue #10, walk-in desk: "walk-in and online work land in the same records and the same
service-time reports". An officer opens a consultation (or a recommendation request) for a
guest book visitor at the counter; it is the same record on the same clock, counted in the
same row of the head of office's performance report, with the channel as a breakdown and a
filter. Only officers record walk-in work."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from layanan import selectors, services
from layanan.models import (
    Channel,
    Complaint,
    Consultation,
    ConsultationStatus,
    GuestBookEntry,
    Recommendation,
)
from pst.calendar import service_due_for
from pst.clock import office_today
from tests.factories import UserFactory
from tests.factories.layanan import activity_plan

# Mail leaves after commit (pst.notify); the fixture lets a service's block commit.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_at_the_service")]


@pytest.fixture
def guest(db):
    """A visitor without an account who signed the guest book for a consultation."""
    return services.guest_register(
        name="Siti Aminah",
        institution="SMA Negeri 3",
        phone="0812-1111-2222",
        email="siti@contoh.id",
        service="konsultasi",
        purpose="Tanya data IPM",
    )


def walk_in_post(**overrides) -> dict:
    return {
        "topic": "data",
        "subject": "Data IPM kabupaten",
        "body": "Di mana data IPM per kabupaten tahun 2025?",
        **overrides,
    }


def rows_by_key(**kwargs):
    today = office_today()
    return {
        (r.service, "queue" if r.queue else r.channel): r
        for r in selectors.performance(year=today.year, month=today.month, **kwargs)
    }


def test_officer_answers_and_closes_a_walk_in_consultation_on_the_spot(client, officer, guest):
    client.force_login(officer)
    before = timezone.now()
    response = client.post(
        reverse("layanan:walk_in_consultation", args=[guest.pk]),
        walk_in_post(answer="Tabel IPM ada di publikasi Kabupaten Dalam Angka.", close="on"),
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("layanan:consultation_detail", args=[consultation.pk])
    assert (consultation.channel, consultation.guest, consultation.user) == (
        Channel.WALK_IN,
        guest,
        None,
    )
    assert consultation.number.startswith("KONS-")  # the one numbering series
    assert consultation.status == ConsultationStatus.CLOSED
    assert before <= consultation.first_answered_at <= timezone.now()  # first answer = now
    assert consultation.first_answer_due_at == service_due_for("konsultasi", consultation.opened_at)
    question, answer = consultation.messages.all()
    assert (question.author, question.from_officer) == (officer, False)
    assert (answer.author, answer.from_officer) == (officer, True)
    # The visitor wrote an e-mail address in the guest book: the answer and the closing go there.
    assert {m.to[0] for m in mail.outbox} == {"siti@contoh.id"}

    page = client.get(reverse("layanan:consultation_detail", args=[consultation.pk]))
    text = page.content.decode()
    assert "Siti Aminah" in text and 'id="channel"' in text

    # The same row of the performance report as the online consultations.
    online = services.consultation_open(
        user=UserFactory(), topic="data", subject="Online", body="Pertanyaan daring"
    )
    services.consultation_reply(consultation=online, author=officer, body="Jawaban")
    row = rows_by_key()[("konsultasi", "all")]
    assert (row.requests, row.completed, row.within_standard, row.late) == (2, 2, 2, 0)
    assert row.breakdown == (("online", 1), ("walk_in", 1))
    walk_in_only = rows_by_key(channel="walk_in")
    assert walk_in_only[("konsultasi", "walk_in")].requests == 1
    assert ("penjualan", "online") not in walk_in_only  # the shop has no counter
    assert ("konsultasi", "queue") in walk_in_only
    online_only = rows_by_key(channel="online")
    assert online_only[("konsultasi", "online")].requests == 1
    assert not any(key[1] == "queue" for key in online_only)


def test_walk_in_consultation_left_open_runs_on_the_same_clock_and_can_be_late(officer, guest):
    consultation = services.consultation_open_walk_in(
        officer=officer, guest=guest, topic="metadata", subject="Definisi", body="Apa itu IPM?"
    )
    assert consultation.status == ConsultationStatus.WAITING
    assert consultation.first_answered_at is None
    row = rows_by_key()[("konsultasi", "all")]
    assert (row.requests, row.completed, row.late) == (1, 0, 0)

    Consultation.objects.update(first_answer_due_at=timezone.now() - timedelta(hours=1))
    call_command("layanan_late_services", stdout=io.StringIO())
    late = Complaint.objects.get(automatic=True)
    # The visitor has no account: the written notice goes to the guest book's address.
    assert (late.complainant, late.contact_email, late.channel) == (
        None,
        "siti@contoh.id",
        "walk_in",
    )
    assert consultation.number in late.notice_text
    row = rows_by_key()[("konsultasi", "all")]
    assert (row.requests, row.late, row.complaints) == (1, 1, 1)

    # Answered later from the thread by an officer, like any consultation.
    services.consultation_reply(consultation=consultation, author=officer, body="IPM adalah ...")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ANSWERED


def test_closing_needs_the_answer_given(client, officer, guest):
    client.force_login(officer)
    response = client.post(
        reverse("layanan:walk_in_consultation", args=[guest.pk]), walk_in_post(close="on")
    )
    assert response.status_code == 200 and 'id="form-errors"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_visitor_with_an_account_keeps_the_record_in_their_account(client, officer):
    visitor = UserFactory()
    entry = services.guest_register(
        name=visitor.get_full_name(), service="konsultasi", purpose="Tanya", user=visitor
    )
    consultation = services.consultation_open_walk_in(
        officer=officer, guest=entry, topic="data", subject="Data", body="Pertanyaan"
    )
    assert consultation.user == visitor
    client.force_login(visitor)
    detail = client.get(reverse("layanan:consultation_detail", args=[consultation.pk]))
    assert detail.status_code == 200
    assert list(client.get(reverse("layanan:consultation_list")).context["mine"]) == [consultation]


def test_only_officers_record_walk_in_work(client, officer, head, guest):
    url = reverse("layanan:walk_in_consultation", args=[guest.pk])
    recommendation_url = reverse("layanan:walk_in_recommendation", args=[guest.pk])
    assert client.get(url).status_code == 302  # to the login page
    for person in (UserFactory(), head):
        client.force_login(person)
        assert client.post(url, walk_in_post()).status_code == 403
        assert client.post(recommendation_url, activity_plan()).status_code == 403
    assert not Consultation.objects.exists()
    with pytest.raises(services.ServiceError):
        services.consultation_open_walk_in(
            officer=head, guest=guest, topic="data", subject="x", body="y"
        )
    client.force_login(officer)
    page = client.get(reverse("layanan:staff_queue"))
    assert url in page.content.decode()


def test_database_refuses_a_consultation_of_nobody(guest, officer):
    consultation = services.consultation_open_walk_in(
        officer=officer, guest=guest, topic="data", subject="x", body="y"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.filter(pk=consultation.pk).update(guest=None)


def test_walk_in_recommendation_belongs_to_the_applicants_account(client, officer, guest):
    client.force_login(officer)
    url = reverse("layanan:walk_in_recommendation", args=[guest.pk])
    page = client.get(url)
    assert 'id="needs-account"' in page.content.decode()
    response = client.post(url, activity_plan())
    assert response.status_code == 200 and not Recommendation.objects.exists()

    applicant = UserFactory(email="siti@contoh.id")
    response = client.post(url, activity_plan())
    recommendation = Recommendation.objects.get()
    assert response["Location"] == reverse(
        "layanan:recommendation_detail", args=[recommendation.pk]
    )
    assert (recommendation.user, recommendation.channel, recommendation.guest) == (
        applicant,
        Channel.WALK_IN,
        guest,
    )
    assert recommendation.events.get().actor == officer
    services.recommendation_accept(recommendation=recommendation, officer=officer)
    recommendation.refresh_from_db()
    assert recommendation.due_at == service_due_for("rekomendasi", recommendation.completed_at)
    row = rows_by_key()[("rekomendasi", "all")]
    assert (row.requests, row.breakdown) == (1, (("online", 0), ("walk_in", 1)))
    assert GuestBookEntry.objects.get().recommendations.get() == recommendation
