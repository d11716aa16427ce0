"""Issue #4: a reader asks for the softcopy of a publication listed without one, a librarian
answers in the Wagtail admin (the reader gets an e-mail); after a download the reader rates the
library service or opens a complaint."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse

from library import services
from library.models import Download, SoftcopyRequest, SoftcopyRequestStatus
from pst import roles
from pst.models import ServiceRating
from tests.factories import UserFactory, user_with_role
from tests.factories.library import PublicationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed_only():
    return PublicationPageFactory(title="Statistik Nelayan 1998", with_pdf=False)


def ask(client, page, note="Untuk skripsi"):
    return client.post(reverse("library:softcopy-request", args=[page.pk]), {"note": note})


def test_reader_asks_for_a_softcopy_once(client, user, listed_only):
    client.force_login(user)
    html = client.get(listed_only.url).content.decode()
    assert 'id="softcopy-request-form"' in html and 'id="download-form"' not in html
    response = ask(client, listed_only)
    assert response.status_code == 302
    request = SoftcopyRequest.objects.get()
    assert (request.reader, request.publication_id, request.note) == (
        user,
        listed_only.pk,
        "Untuk skripsi",
    )
    assert request.status == SoftcopyRequestStatus.NEW
    ask(client, listed_only)  # a double click files nothing new
    assert SoftcopyRequest.objects.count() == 1
    html = client.get(listed_only.url).content.decode()
    assert 'id="softcopy-request-open"' in html and 'id="softcopy-request-form"' not in html


def test_anonymous_reader_is_asked_to_log_in(client, listed_only):
    assert 'id="softcopy-request-login"' in client.get(listed_only.url).content.decode()
    response = ask(client, listed_only)
    assert response["Location"].startswith(reverse("customer:login"))
    assert not SoftcopyRequest.objects.exists()


def test_unverified_reader_and_available_softcopy_are_refused(client, unverified_user, user):
    client.force_login(unverified_user)
    listed = PublicationPageFactory(with_pdf=False)
    response = ask(client, listed)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("verifikasi" in m.lower() for m in messages)
    client.force_login(user)
    ask(client, PublicationPageFactory())
    assert not SoftcopyRequest.objects.exists()


def test_scheduled_publication_cannot_be_asked_for(client, user):
    page = PublicationPageFactory(with_pdf=False, scheduled=True)
    client.force_login(user)
    assert ask(client, page).status_code == 404


def edit_url(request) -> str:
    return reverse("softcopy_requests:edit", args=[request.pk])


def test_librarian_answers_in_the_admin_and_the_reader_gets_an_email(
    client, user, listed_only, django_capture_on_commit_callbacks
):
    request = services.softcopy_request_create(reader=user, publication=listed_only, note="")
    librarian = user_with_role(roles.LIBRARIAN)
    client.force_login(librarian)
    listing = client.get(reverse("softcopy_requests:index"))
    assert listing.status_code == 200 and "Statistik Nelayan 1998" in listing.content.decode()
    assert client.get(edit_url(request)).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(request),
            {
                "status": SoftcopyRequestStatus.AVAILABLE,
                "answer": "Softcopy sudah kami unggah; silakan unduh dari halaman publikasi.",
            },
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == SoftcopyRequestStatus.AVAILABLE
    assert request.answered_by == librarian and request.answered_at
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Statistik Nelayan 1998" in message.subject
    assert "silakan unduh" in message.body


def test_a_final_answer_needs_text_and_a_closed_request_stays_closed(client, user, listed_only):
    request = services.softcopy_request_create(reader=user, publication=listed_only)
    client.force_login(user_with_role(roles.LIBRARIAN))
    response = client.post(
        edit_url(request), {"status": SoftcopyRequestStatus.DECLINED, "answer": ""}
    )
    assert response.status_code == 200
    assert "jawaban" in response.content.decode().lower()
    request.refresh_from_db()
    assert request.status == SoftcopyRequestStatus.NEW
    services.softcopy_request_answer(
        request_id=request.pk, librarian=None, status="ditolak", answer="Tidak ada arsipnya."
    )
    with pytest.raises(services.SoftcopyRequestRefused):
        services.softcopy_request_answer(
            request_id=request.pk, librarian=None, status="tersedia", answer="x"
        )
    # After an answer the reader may ask again.
    again = services.softcopy_request_create(reader=user, publication=listed_only)
    assert again.pk != request.pk


def test_readers_and_officers_cannot_open_the_admin_list(client, user):
    client.force_login(user)
    assert client.get(reverse("softcopy_requests:index")).status_code in (302, 403)
    client.force_login(user_with_role(roles.OFFICER))
    assert client.get(reverse("softcopy_requests:index")).status_code in (302, 403)


# --- Rating after a download ----------------------------------------------------------------


@pytest.fixture
def download(user):
    page = PublicationPageFactory()
    stream = services.download_record(reader=user, publication=page, ip=None, user_agent="")
    return stream.download


def test_reader_rates_a_download_once(client, user, download):
    client.force_login(user)
    html = client.get(reverse("library:download-history")).content.decode()
    assert reverse("library:download-rate", args=[download.download_id]) in html
    response = client.post(
        reverse("library:download-rate", args=[download.download_id]),
        {"score": "4", "comment": "Cepat dan mudah."},
    )
    assert response.status_code == 302
    rating = ServiceRating.objects.get()
    assert (rating.user, rating.service, rating.score, rating.comment) == (
        user,
        "perpustakaan",
        4,
        "Cepat dan mudah.",
    )
    assert rating.object_id == str(download.pk)
    html = client.get(reverse("library:download-history")).content.decode()
    assert "4 dari 5" in html
    assert reverse("library:download-rate", args=[download.download_id]) not in html
    client.post(reverse("library:download-rate", args=[download.download_id]), {"score": "1"})
    assert ServiceRating.objects.count() == 1


def test_rating_needs_a_score_and_ones_own_download(client, user, download):
    client.force_login(user)
    client.post(reverse("library:download-rate", args=[download.download_id]), {"score": "9"})
    assert not ServiceRating.objects.exists()
    client.force_login(UserFactory())
    response = client.post(
        reverse("library:download-rate", args=[download.download_id]), {"score": "5"}
    )
    assert response.status_code == 404
    assert not ServiceRating.objects.exists()
    assert Download.objects.count() == 1


def test_complaint_link_when_the_complaint_desk_exists(client, user, download):
    client.force_login(user)
    html = client.get(reverse("library:download-history")).content.decode()
    try:
        complaint_url = reverse("layanan:complaint_create")
    except NoReverseMatch:
        assert "pst-complaint-link" not in html
    else:
        assert f"{complaint_url}?layanan=perpustakaan&amp;ref={download.download_id}" in html
