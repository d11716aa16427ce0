"""Issue #4: a librarian uploads a leaked copy and sees which download it came from."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import watermark
from library.models import Download
from pst import roles
from tests.factories.library import PublicationPageFactory, sample_pdf

pytestmark = pytest.mark.django_db

URL = "/pustaka/staf/lacak-salinan/"


def pdf_upload(data: bytes, name: str = "bocoran.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def librarian(make_staff):
    return make_staff(roles.LIBRARIAN)


@pytest.fixture
def leaked_copy(client, user):
    """A copy a reader really downloaded through the download view."""
    page = PublicationPageFactory()
    client.force_login(user)
    response = client.post(
        reverse("library:download", args=[page.pk]),
        REMOTE_ADDR="198.51.100.23",
        HTTP_USER_AGENT="Pembocor/1.0",
    )
    body = b"".join(response.streaming_content)
    client.logout()
    return body, Download.objects.get()


def test_librarian_finds_who_downloaded_the_leaked_copy(client, librarian, leaked_copy, user):
    body, download = leaked_copy
    client.force_login(librarian)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"file": pdf_upload(body)})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.status == "found" and result.download == download
    html = response.content.decode()
    for shown in (user.full_name, user.email, "198.51.100.23", download.download_id):
        assert shown in html
    assert download.publication_title in html
    assert 'id="trace-evidence"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ini hanya teks biasa, bukan berkas pdf", "bukan berkas PDF"),
        (b"", "kosong"),
    ],
)
def test_garbage_is_refused_with_a_message(client, librarian, data, message):
    client.force_login(librarian)
    response = client.post(URL, {"file": SimpleUploadedFile("x.pdf", data)})
    assert response.status_code == 200
    assert response.context["result"] is None
    assert message in " ".join(response.context["form"].errors["file"])


def test_too_large_file_is_refused(client, librarian, settings):
    settings.PST_LIBRARY_PDF_MAX_BYTES = 100
    client.force_login(librarian)
    response = client.post(URL, {"file": pdf_upload(b"%PDF-1.4\n" + b"0" * 200)})
    assert "terbesar" in " ".join(response.context["form"].errors["file"])


def test_missing_file_is_refused(client, librarian):
    client.force_login(librarian)
    response = client.post(URL, {})
    assert response.status_code == 200 and response.context["form"].errors["file"]


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda: b"%PDF-1.7\n" + b"\x00\xff garbage " * 500, ("unreadable", "no_mark")),
        (lambda: sample_pdf().read_bytes(), ("no_mark",)),
    ],
)
def test_unmarked_or_broken_pdf_answers_without_error(client, librarian, make, status):
    client.force_login(librarian)
    response = client.post(URL, {"file": pdf_upload(make())})
    assert response.status_code == 200
    assert response.context["result"].status in status


def test_mark_without_a_logged_download_is_reported(client, librarian, tmp_path):
    master = watermark.prepare(sample_pdf(), tmp_path / "master")
    identity = watermark.Identity(
        "Orang Lain", "lain@contoh.org", "DL20990101-ABCDEF0123", datetime.date(2099, 1, 1)
    )
    copy = watermark.stamp_bytes(master, identity)
    client.force_login(librarian)
    response = client.post(URL, {"file": pdf_upload(copy)})
    assert response.context["result"].status == "unknown_id"
    assert "DL20990101-ABCDEF0123" in response.content.decode()


@pytest.mark.parametrize("role", [roles.OFFICER, roles.HEAD_OF_OFFICE, roles.TREASURER])
def test_other_staff_may_not_trace(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": pdf_upload(b"%PDF-")}).status_code == 403


def test_reader_and_anonymous_may_not_trace(client, user):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_superuser_may_trace(client, admin_user):
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200


def test_wagtail_menu_links_the_page_for_librarians_only(client, librarian, make_staff):
    client.force_login(librarian)
    assert URL in client.get("/cms/").content.decode()
    client.force_login(make_staff(roles.ADMINISTRATOR))
    assert URL not in client.get("/cms/").content.decode()
