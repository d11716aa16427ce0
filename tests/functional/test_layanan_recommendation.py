"""Issue #10, recommendation of statistical activities (Romantik): search past activities,
submit the plan with documents, officer's requests for completion, the letter drafted from the
template, issued by the head of office as a numbered PDF with a verification QR code, the
public verification page, and gap-free letter numbers."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from layanan import services
from layanan.models import Recommendation, RecommendationStatus
from layanan.services import recommendations as recommendation_services
from pst import roles
from pst.calendar import service_due_for
from pst.clock import office_today
from pst.models import DocumentSequence
from tests.factories import UserFactory
from tests.factories.layanan import activity_plan, drafted_recommendation, pdf_upload

# Mail leaves after commit (pst.notify); the fixture lets a service's block commit.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commits_at_the_service")]


@pytest.fixture
def head(make_staff):
    return make_staff(roles.HEAD_OF_OFFICE, full_name="Dr. Siti Kepala")


def post_plan(client, url, **extra):
    plan = activity_plan()
    data = {k: v.isoformat() if isinstance(v, date) else v for k, v in plan.items()}
    data.update(extra)
    return client.post(url, data)


def detail(recommendation):
    return reverse("layanan:recommendation_detail", args=[recommendation.pk])


def test_the_whole_path_from_plan_to_verified_letter(client, user, officer, head):
    client.force_login(user)
    response = post_plan(
        client,
        reverse("layanan:recommendation_create"),
        attachments=[pdf_upload("kuesioner.pdf")],
        sample="",  # incomplete: the form says so
    )
    assert response.status_code == 200 and not Recommendation.objects.exists()
    response = post_plan(
        client, reverse("layanan:recommendation_create"), attachments=[pdf_upload("kuesioner.pdf")]
    )
    recommendation = Recommendation.objects.get()
    assert response["Location"] == detail(recommendation)
    assert recommendation.status == RecommendationStatus.SUBMITTED
    assert recommendation.attachments.get().original_name == "kuesioner.pdf"

    # The officer asks for completion; the user is told what is missing and resubmits.
    client.force_login(officer)
    mail.outbox.clear()
    client.post(
        detail(recommendation),
        {"action": "request_completion", "note": "Lampirkan rancangan sampel yang rinci."},
    )
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.NEEDS_COMPLETION
    assert "Lampirkan rancangan sampel" in mail.outbox[0].body
    client.force_login(user)
    post_plan(
        client,
        detail(recommendation),
        action="resubmit",
        sample="400 rumah tangga, two-stage: 20 kelurahan x 20 rumah tangga.",
    )
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.SUBMITTED
    assert recommendation.sample.startswith("400 rumah tangga, two-stage")

    # Complete and clear: the 30-working-day clock starts; the letter is drafted.
    client.force_login(officer)
    client.post(detail(recommendation), {"action": "accept", "note": ""})
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.COMPLETE
    assert recommendation.due_at == service_due_for("rekomendasi", recommendation.completed_at)
    assert "Survei Kepuasan Pelanggan PDAM 2027" in recommendation.letter_text
    client.post(
        detail(recommendation),
        {"action": "draft", "letter_text": recommendation.letter_text + "\nTembusan: Walikota."},
    )
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.DRAFTED
    # An officer cannot issue; the head of office does.
    client.post(detail(recommendation), {"action": "issue"})
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.DRAFTED
    client.force_login(head)
    mail.outbox.clear()
    client.post(detail(recommendation), {"action": "issue"})
    recommendation.refresh_from_db()
    year = office_today().year
    assert recommendation.status == RecommendationStatus.ISSUED
    assert recommendation.letter_number == f"B-0001/0000/REK/{year}"
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert recommendation.letter_number in mail.outbox[0].subject

    # The applicant downloads the PDF; it names the number, the signer and the QR's address.
    client.force_login(user)
    letter = client.get(reverse("layanan:recommendation_letter", args=[recommendation.pk]))
    pdf = PdfReader(io.BytesIO(b"".join(letter.streaming_content)))
    text = "".join(page.extract_text() for page in pdf.pages)
    verify_path = reverse("layanan:letter_verify", args=[recommendation.verification_token])
    assert recommendation.letter_number in text and "Dr. Siti Kepala" in text
    assert verify_path in text.replace("\n", "")
    assert "Tembusan: Walikota." in text
    client.force_login(UserFactory())
    assert (
        client.get(reverse("layanan:recommendation_letter", args=[recommendation.pk])).status_code
        == 404
    )
    assert client.get(detail(recommendation)).status_code == 404

    # Anyone can verify the letter from the QR code; a made-up code is refused.
    client.logout()
    page = client.get(verify_path)
    assert page.status_code == 200 and recommendation.letter_number in page.content.decode()
    assert client.get(reverse("layanan:letter_verify", args=["palsu"])).status_code == 404
    # And the activity is now in the public search of recommended activities.
    listing = client.get(reverse("layanan:recommendation_list"), {"q": "PDAM"})
    assert list(listing.context["activities"]) == [recommendation]


def test_roles_guard_each_step(user, officer, head):
    recommendation = services.recommendation_submit(user=user, plan=activity_plan())
    with pytest.raises(services.ServiceError):
        services.recommendation_accept(recommendation=recommendation, officer=head)
    with pytest.raises(services.ServiceError):
        services.recommendation_request_completion(
            recommendation=recommendation, officer=officer, note=""
        )
    with pytest.raises(services.ServiceError):  # not drafted yet
        services.recommendation_issue(recommendation=recommendation, head=head)
    with pytest.raises(services.ServiceError):
        services.recommendation_resubmit(
            recommendation=recommendation, user=UserFactory(), plan=activity_plan()
        )


def test_letter_numbers_are_sequential_and_gap_free(user, officer, head, monkeypatch):
    """SQLite twin of the concurrency test: a failed issue rolls the counter back with it."""
    first, second, third = (
        drafted_recommendation(user=user, officer=officer, title=f"Survei {n}") for n in range(3)
    )
    services.recommendation_issue(recommendation=first, head=head)

    def broken(recommendation):
        raise RuntimeError("printer on fire")

    monkeypatch.setattr(recommendation_services, "render_letter_pdf", broken)
    with pytest.raises(RuntimeError):
        services.recommendation_issue(recommendation=second, head=head)
    second.refresh_from_db()
    assert second.status == RecommendationStatus.DRAFTED and second.letter_sequence is None
    monkeypatch.undo()
    services.recommendation_issue(recommendation=third, head=head)
    services.recommendation_issue(recommendation=second, head=head)
    sequences = dict(Recommendation.objects.values_list("title", "letter_sequence"))
    assert sequences == {"Survei 0": 1, "Survei 2": 2, "Survei 1": 3}
    assert DocumentSequence.objects.get(scheme="rekomendasi").last == 3
    with pytest.raises(services.ServiceError):  # issued once only
        services.recommendation_issue(recommendation=first, head=head)
