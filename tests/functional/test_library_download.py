"""Issue #4: the watermarked download of a free publication, its log, its limits and the
reader's history, through the test client."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

import watermark
from library import ingest, services
from library.models import Download, PublicationPage
from pst.errors import Refused
from pst.storage import private_storage
from tests.factories import UserFactory
from tests.factories.library import PublicationPageFactory, sample_pdf

pytestmark = pytest.mark.django_db

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) PSTTest/1.0"


def download_url(page: PublicationPage) -> str:
    return reverse("library:download", args=[page.pk])


def download(client, page, **extra):
    return client.post(download_url(page), HTTP_USER_AGENT=USER_AGENT, **extra)


@pytest.fixture
def publication():
    return PublicationPageFactory()


def test_verified_reader_gets_a_copy_traced_to_the_logged_download(client, user, publication):
    client.force_login(user)
    response = download(client, publication, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="1102001.7300-{publication.slug}.pdf"'
    )
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(body) == publication.file_size

    record = Download.objects.get()
    assert record.reader == user
    assert record.publication.pk == publication.pk
    assert re.fullmatch(watermark.DOWNLOAD_ID_PATTERN, record.download_id)
    assert record.download_id.startswith("DL")
    assert record.ip == "203.0.113.7"
    assert record.user_agent == USER_AGENT
    assert record.bytes == len(body)
    assert (record.reader_name, record.reader_email) == (user.full_name, user.email)

    assert watermark.trace(body).download_id == record.download_id
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert user.full_name in " ".join(text.split())


def test_long_user_agent_is_truncated(client, user, publication):
    client.force_login(user)
    client.post(download_url(publication), HTTP_USER_AGENT="x" * 1000)
    assert len(Download.objects.get().user_agent) == 255


def test_anonymous_reader_is_sent_to_login_and_nothing_is_logged(client, publication):
    response = download(client, publication)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))
    assert "next=" in response["Location"]
    assert not Download.objects.exists()


def test_download_is_post_only(client, user, publication):
    client.force_login(user)
    assert client.get(download_url(publication)).status_code == 405
    assert not Download.objects.exists()


def test_download_needs_the_csrf_token(user, publication):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert download(client, publication).status_code == 403
    assert not Download.objects.exists()


def test_unverified_reader_is_refused_with_a_message(client, unverified_user, publication):
    client.force_login(unverified_user)
    response = download(client, publication, follow=True)
    assert response.redirect_chain[-1][0] == publication.url
    assert "Content-Disposition" not in response
    text = " ".join(str(m) for m in response.context["messages"])
    assert "verifikasi" in text.lower() or "aktivasi" in text.lower()
    assert not Download.objects.exists()


def test_library_refusals_are_the_shared_refused(unverified_user, user, publication):
    """Issue #19: one ``Refused`` for every app; the library's carry an Indonesian message and a
    code, so any caller may catch ``pst.errors.Refused`` and show the message as it is."""
    with translation.override("id"), pytest.raises(Refused) as refused:
        services.download_record(
            reader=unverified_user, publication=publication, ip=None, user_agent=""
        )
    assert refused.value.code == "email_not_verified"
    assert refused.value.message.startswith("Verifikasi alamat e-mail Anda")
    with pytest.raises(Refused) as refused:
        services.softcopy_request_create(reader=user, publication=publication)
    assert isinstance(refused.value, services.SoftcopyRequestRefused)
    assert not Download.objects.exists()


def test_sold_publication_points_to_the_shop(client, user):
    page = PublicationPageFactory(is_free=False)
    client.force_login(user)
    response = download(client, page, follow=True)
    assert response.redirect_chain[-1][0] == page.url
    assert "toko" in " ".join(str(m) for m in response.context["messages"]).lower()
    assert not Download.objects.exists()


def test_rate_limit_answers_429_in_indonesian_without_a_stream(client, user, publication, settings):
    settings.PST_DOWNLOAD_RATE_LIMIT = (2, 3600)
    client.force_login(user)
    assert download(client, publication).status_code == 200
    assert download(client, publication).status_code == 200
    response = download(client, publication)
    assert response.status_code == 429
    assert not response.streaming
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "batas" in content.lower() and "lagi" in content.lower()
    assert int(response["Retry-After"]) > 3500
    assert Download.objects.count() == 2
    # Other readers keep their own quota.
    client.force_login(UserFactory())
    assert download(client, publication).status_code == 200


@pytest.mark.parametrize(
    "factory_kwargs",
    [
        pytest.param({"scheduled": True}, id="scheduled"),
        pytest.param({"with_pdf": False}, id="no-master"),
    ],
)
def test_scheduled_or_masterless_publication_is_404(client, user, factory_kwargs):
    page = PublicationPageFactory(**factory_kwargs)
    if factory_kwargs.get("scheduled"):
        assert not page.live
    client.force_login(user)
    assert download(client, page).status_code == 404
    assert not Download.objects.exists()


def test_unpublished_page_is_404(client, user, publication):
    publication.unpublish()
    client.force_login(user)
    assert download(client, publication).status_code == 404


def test_publication_page_shows_the_right_download_control(
    client, user, unverified_user, publication
):
    assert 'id="download-login"' in client.get(publication.url).content.decode()
    client.force_login(unverified_user)
    assert 'id="download-unverified"' in client.get(publication.url).content.decode()
    client.force_login(user)
    content = client.get(publication.url).content.decode()
    assert 'id="download-form"' in content
    assert download_url(publication) in content
    assert "csrfmiddlewaretoken" in content


def test_history_lists_only_the_readers_own_downloads(client, user, publication):
    other = UserFactory()
    client.force_login(other)
    download(client, publication)
    theirs = Download.objects.get()
    client.force_login(user)
    download(client, publication)
    mine = Download.objects.get(reader=user)

    response = client.get(reverse("library:download-history"))
    assert response.status_code == 200
    content = response.content.decode()
    assert mine.download_id in content
    assert theirs.download_id not in content
    assert (
        reverse("library:download-history")
        in client.get(reverse("customer:profile-view")).content.decode()
    )


def test_history_is_paginated_by_20(client, user, publication, settings):
    settings.PST_DOWNLOAD_RATE_LIMIT = (100, 3600)
    client.force_login(user)
    for _ in range(21):
        services.download_record(reader=user, publication=publication, ip=None, user_agent="")
    response = client.get(reverse("library:download-history"))
    assert len(response.context["downloads"]) == 20
    assert (
        len(client.get(reverse("library:download-history") + "?halaman=2").context["downloads"])
        == 1
    )


def test_history_needs_login(client):
    response = client.get(reverse("library:download-history"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


def test_private_master_and_original_have_no_url(client, user, publication):
    master = Path(private_storage().path(publication.master_dir)) / "master.pdf"
    assert master.is_file()
    client.force_login(user)
    for name in (f"{publication.master_dir}/master.pdf", publication.pdf.name):
        assert client.get(f"{settings.MEDIA_URL}{name}").status_code == 404
        assert client.get(f"/{name}").status_code == 404
    with pytest.raises(ValueError):
        publication.pdf.url  # noqa: B018


def test_attach_fills_the_record_from_the_master(publication):
    assert publication.page_count and publication.page_count >= 1
    assert (
        publication.file_size
        == watermark.PreparedMaster.load(private_storage().path(publication.master_dir)).file_size
    )
    assert publication.outline and {"title", "page"} <= set(publication.outline[0])


@pytest.mark.parametrize(
    ("content", "error"),
    [
        pytest.param(b"not a pdf at all", watermark.UnreadablePdf, id="unreadable"),
    ],
)
def test_rejected_upload_leaves_nothing_behind(tmp_path, content, error):
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(content)
    root = Path(private_storage().location)
    before = set(root.rglob("*")) if root.exists() else set()
    page = PublicationPage(title="Rusak", slug="rusak")
    with pytest.raises(error) as excinfo:
        ingest.publication_attach_pdf(page=page, pdf_path=bad, filename="rusak.pdf")
    assert excinfo.value.message  # Indonesian, for the upload form
    assert not page.pdf and not page.master_dir
    after = set(root.rglob("*")) if root.exists() else set()
    assert after == before


def test_password_protected_upload_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(sample_pdf()))
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    locked = tmp_path / "terkunci.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(watermark.PasswordRequired) as excinfo:
        ingest.publication_attach_pdf(
            page=PublicationPage(title="x", slug="x"), pdf_path=locked, filename="x.pdf"
        )
    assert "kata sandi" in excinfo.value.message
