"""The public forms of the PST services are limited per IP address and per account
(``PST_FORM_RATE_LIMITS``, ``layanan.ratelimit``): past the limit the visitor gets a 429 page
in Indonesian with the minutes to wait, and nothing is recorded; an anonymous complaint is
limited without its IP address being stored anywhere."""

from __future__ import annotations

import math

import pytest
from django.urls import reverse

from layanan import services
from layanan.models import Complaint, Consultation, GuestBookEntry, SatisfactionSurvey
from layanan.ratelimit import form_submission_count
from pst.ratelimit import RateLimited
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMITS = {
    "complaint": (2, 3600),
    "consultation": (2, 3600),
    "recommendation": (2, 3600),
    "survey": (2, 3600),
    "guest_book": (3, 3600),
}


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.PST_FORM_RATE_LIMITS = LIMITS


def anonymous_complaint(n: int) -> dict:
    return {"service": "perpustakaan", "what": f"Keluhan ke-{n}", "anonymous": "on"}


def test_anonymous_complaints_are_limited_per_ip_with_an_indonesian_429(client):
    for n in range(2):
        response = client.post(reverse("layanan:complaint_create"), anonymous_complaint(n))
        assert response.status_code == 200
    response = client.post(reverse("layanan:complaint_create"), anonymous_complaint(3))
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 3600
    text = response.content.decode()
    assert 'id="rate-limited"' in text and "Terlalu banyak pengiriman" in text
    assert f"Silakan coba lagi dalam {math.ceil(retry_after / 60)} menit." in text
    assert Complaint.objects.count() == 2
    # No IP address in the records: the anonymous complaint keeps no personal data.
    assert "127.0.0.1" not in str(list(Complaint.objects.values()))
    # Another address is not held back by this one.
    other = client.post(
        reverse("layanan:complaint_create"), anonymous_complaint(4), REMOTE_ADDR="10.1.2.3"
    )
    assert other.status_code == 200 and Complaint.objects.count() == 3


def test_a_signed_in_user_is_limited_per_account_across_addresses(client, user):
    client.force_login(user)
    url = reverse("layanan:consultation_create")
    for n, address in enumerate(["10.0.0.1", "10.0.0.2"]):
        response = client.post(
            url, {"topic": "data", "subject": f"S{n}", "body": "Q"}, REMOTE_ADDR=address
        )
        assert response.status_code == 302
    response = client.post(
        url, {"topic": "data", "subject": "S3", "body": "Q"}, REMOTE_ADDR="10.0.0.3"
    )
    assert response.status_code == 429
    assert Consultation.objects.count() == 2
    # Reading the form is never limited.
    assert client.get(url).status_code == 200


def test_guest_book_and_walk_in_survey_are_limited(client, make_staff):
    url = reverse("layanan:guest_book")
    for n in range(3):
        response = client.post(
            url, {"name": f"Tamu {n}", "service": "konsultasi", "purpose": "Minta data"}
        )
        assert response.status_code == 200
    assert client.post(url, {"name": "X", "service": "konsultasi"}).status_code == 429
    assert GuestBookEntry.objects.count() == 3

    survey_urls = []
    for entry in GuestBookEntry.objects.select_related("ticket"):
        services.queue_finish(officer=make_staff("Petugas PST"), ticket=entry.ticket)
        survey_urls.append(reverse("layanan:survey_ticket", args=[entry.ticket.survey_token]))
    answers = {f"u{i}": "4" for i in range(1, 10)}
    assert [client.post(u, answers).status_code for u in survey_urls] == [200, 200, 429]
    assert SatisfactionSurvey.objects.count() == 2


def test_limiter_counts_each_subject_and_frees_the_next_window(settings):
    someone = f"user:{UserFactory().pk}"
    start = 1_800_000_000.0  # the start of a window of 3600 s
    for _ in range(2):
        form_submission_count(scope="complaint", subject=someone, now=start)
    form_submission_count(scope="complaint", subject="ip:10.9.9.9", now=start)
    with pytest.raises(RateLimited) as limited:
        form_submission_count(scope="complaint", subject=someone, now=start + 600)
    assert limited.value.retry_after == 3000 and limited.value.retry_minutes == 50
    # The next window starts afresh.
    form_submission_count(scope="complaint", subject=someone, now=start + 3600)
    # A form without a rule is not limited.
    for _ in range(10):
        form_submission_count(scope="unlisted", subject="ip:10.9.9.9", now=start)
