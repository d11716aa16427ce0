"""Issue #10 from the user's side in chromium: one consultation (search first, ask with an
attachment, read the officer's answer, close, answer the SKM) and one recommendation (search
past activities, submit the plan, complete it on request, download the issued letter and open
its verification page)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import mail

from layanan import services
from layanan.models import Consultation, Recommendation, RecommendationStatus, SatisfactionSurvey
from pst import roles
from tests.browser.steps import JOURNEY_LANGUAGES
from tests.factories import UserFactory, user_with_role
from tests.factories.accounts import DEFAULT_PASSWORD
from tests.factories.layanan import drafted_recommendation, pdf_upload


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _login(page, user) -> None:
    page.goto("/toko/accounts/login/")
    page.fill("[name=login-username]", user.email)
    page.fill("[name=login-password]", DEFAULT_PASSWORD)
    _submit(page, "[name=login_submit]")


def _attachment(tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf_upload(name).read())
    return str(path)


def test_user_consults_an_officer(page, tmp_path):
    user = UserFactory(full_name="Rina Statistika")
    officer = user_with_role(roles.OFFICER)
    _login(page, user)

    page.goto("/layanan/konsultasi/")
    assert page.locator("#site-search").is_visible()  # search first
    page.fill("#answer-search [name=q]", "inflasi")
    _submit(page, "#answer-search button")
    _submit(page, "#ask")
    page.select_option("[name=topic]", "metadata")
    page.fill("[name=subject]", "Definisi rumah tangga")
    page.fill("[name=body]", "Apa definisi rumah tangga dalam Susenas?")
    page.set_input_files("[name=attachments]", _attachment(tmp_path, "kuesioner.pdf"))
    _submit(page, "#consultation-form button[type=submit]")

    consultation = Consultation.objects.get()
    assert urlsplit(page.url).path == f"/layanan/konsultasi/{consultation.pk}/"
    assert "Apa definisi rumah tangga dalam Susenas?" in page.locator("#thread").inner_text()
    assert "kuesioner.pdf" in page.locator("#thread").inner_text()

    services.consultation_reply(
        consultation=consultation,
        author=officer,
        body="Sekelompok orang yang makan dari satu dapur.",
    )
    assert any(m.to == [user.email] for m in mail.outbox)
    page.reload()
    assert "satu dapur" in page.locator("#thread").inner_text()
    page.fill("#reply-form [name=body]", "Terima kasih, sudah jelas.")
    _submit(page, "#reply-form button[type=submit]")
    _submit(page, "#close-form button")
    assert page.locator("#closed").is_visible()

    _submit(page, "#survey-link")
    for index in range(1, 10):
        page.check(f"[name=u{index}][value='4']")
    page.fill("[name=suggestion]", "Cepat dan jelas")
    _submit(page, "#survey-form button[type=submit]")
    assert page.locator("#survey-thanks").is_visible()
    assert SatisfactionSurvey.objects.get().scores == (4,) * 9


def test_agency_gets_a_recommendation_letter(page, tmp_path):
    user = UserFactory(full_name="Dinas Kesehatan Kota", institution="Dinas Kesehatan")
    officer = user_with_role(roles.OFFICER)
    head = user_with_role(roles.HEAD_OF_OFFICE, full_name="Dr. Kepala")
    _login(page, user)

    page.goto("/layanan/rekomendasi/")
    page.fill("#activity-search [name=q]", "gizi")
    _submit(page, "#activity-search button")
    _submit(page, "#apply")
    fields = {
        "title": "Survei Status Gizi Balita 2027",
        "organiser": "Dinas Kesehatan Kota",
        "purpose": "Mengukur prevalensi stunting.",
        "method": "Pengukuran antropometri dan wawancara.",
        "population": "Balita di kota.",
        "sample": "1.200 balita.",
        "variables": "Tinggi badan, berat badan, umur.",
    }
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    page.fill("[name=schedule_start]", "2027-03-01")
    page.fill("[name=schedule_end]", "2027-04-30")
    page.set_input_files("[name=attachments]", _attachment(tmp_path, "proposal.pdf"))
    _submit(page, "#recommendation-form button[type=submit]")
    recommendation = Recommendation.objects.get()
    assert recommendation.status == RecommendationStatus.SUBMITTED

    services.recommendation_request_completion(
        recommendation=recommendation, officer=officer, note="Jelaskan cara memilih sampel."
    )
    page.reload()
    assert "Jelaskan cara memilih sampel." in page.locator("#history").inner_text()
    page.fill("#completion-form [name=sample]", "1.200 balita, acak dua tahap per kelurahan.")
    _submit(page, "#completion-form button[type=submit]")
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.SUBMITTED

    services.recommendation_accept(recommendation=recommendation, officer=officer)
    recommendation.refresh_from_db()
    services.recommendation_draft_letter(
        recommendation=recommendation, officer=officer, letter_text=recommendation.letter_text
    )
    services.recommendation_issue(recommendation=recommendation, head=head)
    recommendation.refresh_from_db()

    page.reload()
    assert page.locator("#letter-number").inner_text() == recommendation.letter_number
    with page.expect_download() as download_info:
        page.click("#letter-download")
    letter = download_info.value.path().read_bytes()
    assert letter.startswith(b"%PDF-")

    page.goto(f"/layanan/verifikasi/{recommendation.verification_token}/")
    assert page.locator("#valid").is_visible()
    assert recommendation.letter_number in page.content()


@pytest.mark.parametrize("language", JOURNEY_LANGUAGES)
def test_kepala_journey(sign_in, shots, language):
    """The head of office: from the login page to the letters waiting for a signature they land
    on, one letter read and issued with its number, the PDF and its public verification page."""
    officer = user_with_role(roles.OFFICER)
    head = user_with_role(roles.HEAD_OF_OFFICE, full_name="Dr. Kepala")
    applicant = UserFactory(full_name="Dinas Kesehatan Kota", institution="Dinas Kesehatan")
    drafted = drafted_recommendation(
        user=applicant, officer=officer, title="Survei Status Gizi Balita 2027"
    )

    page = sign_in(head, shots=shots, language=language)
    assert urlsplit(page.url).path == "/layanan/petugas/rekomendasi/"
    assert "Survei Status Gizi Balita 2027" in page.locator("#recommendations").inner_text()
    _submit(page, f"#recommendations a:has-text('{drafted.number}')")
    assert "Survei Status Gizi Balita 2027" in page.locator("pre").inner_text()
    shots(page, "letter-to-sign")
    _submit(page, "#issue-form button[type=submit]")
    drafted.refresh_from_db()
    assert drafted.status == RecommendationStatus.ISSUED
    assert page.locator("#letter-number").inner_text() == drafted.letter_number
    shots(page, "issued")
    with page.expect_download() as download_info:
        page.click("#letter-download")
    assert download_info.value.path().read_bytes().startswith(b"%PDF-")
