"""Issue #10: the walk-in desk (guest book, queue numbers, counter screen, SKM by ticket), the
late-service notices for consultations and recommendations, the service-standard and maklumat
pages reading the clocks' settings, and the head of office's performance report."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site

from layanan import selectors, services
from layanan.models import (
    Complaint,
    Consultation,
    MaklumatPage,
    QueueStatus,
    QueueTicket,
    Recommendation,
    SatisfactionSurvey,
    ServiceStandardPage,
)
from tests.factories import UserFactory
from tests.factories.layanan import activity_plan, drafted_recommendation

pytestmark = pytest.mark.django_db


def sign_in(client, name, service="konsultasi"):
    return client.post(
        reverse("layanan:guest_book"),
        {"name": name, "institution": "Dinas", "service": service, "purpose": "Minta data"},
    )


def test_guest_book_queue_and_counter(client, officer):
    first = sign_in(client, "Ani")
    second = sign_in(client, "Budi", service="perpustakaan")
    assert first.context["ticket"].display_number == "001"
    assert second.context["ticket"].display_number == "002"
    assert 'id="queue-number"' in second.content.decode()
    display = client.get(reverse("layanan:queue_display"))
    assert len(display.context["waiting"]) == 2

    ticket = first.context["ticket"]
    survey = reverse("layanan:survey_ticket", args=[ticket.survey_token])
    assert client.get(survey).status_code == 404  # not served yet

    client.force_login(officer)
    client.post(reverse("layanan:staff_queue"), {"action": "call", "counter": "2"})
    ticket.refresh_from_db()
    assert (ticket.status, ticket.counter) == (QueueStatus.CALLED, "2")
    client.post(reverse("layanan:staff_queue"), {"action": "call", "counter": "2"})
    ticket.refresh_from_db()
    assert ticket.status == QueueStatus.SERVED
    assert QueueTicket.objects.get(number=2).status == QueueStatus.CALLED
    page = client.get(reverse("layanan:staff_queue"))
    assert [g.name for g in page.context["guests"]] == ["Budi", "Ani"]

    # The walk-in visitor answers the SKM from the ticket, without an account, once.
    client.logout()
    answers = {f"u{i}": "3" for i in range(1, 10)}
    client.post(survey, answers)
    client.post(survey, answers)
    survey_row = SatisfactionSurvey.objects.get()
    assert (survey_row.service, survey_row.channel) == ("konsultasi", "walk_in")
    # Visitors cannot work the counter.
    client.force_login(UserFactory())
    assert client.post(reverse("layanan:staff_queue"), {"action": "call"}).status_code == 403


def test_guest_book_needs_name_and_purpose(client):
    response = client.post(reverse("layanan:guest_book"), {"service": "konsultasi"})
    assert response.status_code == 200 and not QueueTicket.objects.exists()


def test_late_consultations_and_recommendations_get_notice_and_priority(user, officer):
    consultation = services.consultation_open(
        user=user, topic="data", subject="Data upah", body="Berapa UMR?"
    )
    answered = services.consultation_open(user=user, topic="data", subject="x", body="y")
    services.consultation_reply(consultation=answered, author=officer, body="Jawab")
    recommendation = services.recommendation_submit(user=user, plan=activity_plan())
    services.recommendation_accept(recommendation=recommendation, officer=officer)
    past = timezone.now() - timedelta(days=1)
    Consultation.objects.update(first_answer_due_at=past)
    Recommendation.objects.update(due_at=past)

    call_command("layanan_late_services", stdout=io.StringIO())
    call_command("layanan_late_services", stdout=io.StringIO())  # idempotent

    complaints = Complaint.objects.filter(automatic=True)
    assert complaints.count() == 2  # the answered consultation is not late any more
    assert all(c.priority and c.complainant == user for c in complaints)
    by_service = {c.service: c for c in complaints}
    assert consultation.number in by_service["konsultasi"].notice_text
    assert recommendation.number in by_service["rekomendasi"].notice_text
    assert "30 hari kerja" in by_service["rekomendasi"].notice_text


def test_service_standard_and_maklumat_pages_read_the_clock_settings(client, settings):
    root = Site.objects.get(is_default_site=True).root_page
    standard = root.add_child(
        instance=ServiceStandardPage(
            title="Standar Pelayanan Konsultasi",
            slug="standar-konsultasi",
            service="konsultasi",
            requirements="<p>Memiliki akun.</p>",
        )
    )
    maklumat = root.add_child(
        instance=MaklumatPage(
            title="Maklumat Pelayanan", slug="maklumat", body="<p>Kami sanggup</p>"
        )
    )
    page = client.get(standard.url)
    assert page.context["service_time_days"] == 3
    assert "Memiliki akun." in page.content.decode()
    settings.PST_SERVICE_TIMES = {**settings.PST_SERVICE_TIMES, "konsultasi": 5}
    assert client.get(standard.url).context["service_time_days"] == 5
    times = {
        row.service: row.working_days for row in client.get(maklumat.url).context["service_times"]
    }
    assert times == {"perpustakaan": 0, "penjualan": 10, "konsultasi": 5, "rekomendasi": 30}


def test_performance_report(client, user, officer, head):
    now = timezone.now()
    year, month = timezone.localtime(now).year, timezone.localtime(now).month
    on_time = services.consultation_open(user=user, topic="data", subject="a", body="a")
    services.consultation_reply(consultation=on_time, author=officer, body="jawab")
    late = services.consultation_open(user=user, topic="data", subject="b", body="b")
    Consultation.objects.filter(pk=late.pk).update(first_answer_due_at=now - timedelta(hours=1))
    issued = drafted_recommendation(user=user, officer=officer)
    services.recommendation_issue(recommendation=issued, head=head)
    services.complaint_create(service="konsultasi", what="lambat", user=user)
    services.survey_submit(service="konsultasi", scores=[4] * 9, subject_key="k1")

    # Walk-in: number 1 waited 4 minutes, number 2 waited 15 (> 10) after number 1's call.
    t1 = services.queue_ticket_take(service="konsultasi")
    t2 = services.queue_ticket_take(service="konsultasi")
    QueueTicket.objects.filter(pk=t1.pk).update(
        issued_at=now - timedelta(minutes=30), called_at=now - timedelta(minutes=26)
    )
    QueueTicket.objects.filter(pk=t2.pk).update(
        issued_at=now - timedelta(minutes=29), called_at=now - timedelta(minutes=11)
    )

    rows = {
        (r.service, "queue" if r.queue else r.channel): r
        for r in selectors.performance(year=year, month=month)
    }
    consult = rows[("konsultasi", "all")]
    assert consult.breakdown == (("online", 2), ("walk_in", 0))
    assert (consult.requests, consult.completed, consult.within_standard, consult.late) == (
        2,
        1,
        1,
        1,
    )
    assert consult.complaints == 1 and consult.ikm.converted == 100
    recommendation = rows[("rekomendasi", "all")]
    assert (recommendation.requests, recommendation.completed, recommendation.within_standard) == (
        1,
        1,
        1,
    )
    walk_in = rows[("konsultasi", "queue")]
    assert (walk_in.requests, walk_in.completed, walk_in.within_standard, walk_in.late) == (
        2,
        2,
        1,
        1,
    )
    assert walk_in.average == pytest.approx(9.5, abs=0.1)  # (4 + 15) / 2

    client.force_login(head)
    page = client.get(reverse("layanan:staff_performance"), {"bulan": f"{year}-{month:02d}"})
    assert page.status_code == 200 and 'id="performance"' in page.content.decode()
    pdf = client.get(
        reverse("layanan:staff_performance"), {"bulan": f"{year}-{month:02d}", "format": "pdf"}
    )
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "LAPORAN KINERJA PST" in text and "Antrian tatap muka" in text
    assert "Semua (daring 2, tatap muka 0)" in text
    client.force_login(user)
    assert client.get(reverse("layanan:staff_performance")).status_code == 403


def test_performance_report_counts_sales_against_each_orders_due_moment():
    from shop.order.models import Order
    from shop.order.workflow import OrderStatus
    from tests.factories.orders import submitted_order

    now = timezone.now()
    year, month = timezone.localtime(now).year, timezone.localtime(now).month
    on_time, late_delivered, still_open, cancelled = (submitted_order() for _ in range(4))
    Order.objects.filter(pk=on_time.pk).update(
        request_completed_at=now - timedelta(days=3),
        service_due_at=now + timedelta(days=10),
        delivered_at=now,
    )
    Order.objects.filter(pk=late_delivered.pk).update(
        request_completed_at=now - timedelta(days=20),
        service_due_at=now - timedelta(days=2),
        delivered_at=now,
    )
    Order.objects.filter(pk=still_open.pk).update(
        request_completed_at=now - timedelta(days=20), service_due_at=now - timedelta(hours=1)
    )
    Order.objects.filter(pk=cancelled.pk).update(
        status=OrderStatus.CANCELLED, service_due_at=now - timedelta(days=1)
    )
    rows = {(r.service, r.channel): r for r in selectors.performance(year=year, month=month)}
    sales = rows[("penjualan", "online")]
    assert (sales.requests, sales.completed, sales.within_standard, sales.late) == (4, 2, 1, 2)
    assert sales.average is not None and sales.unit == "hari kerja"
