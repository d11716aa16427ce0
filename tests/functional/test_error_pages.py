"""Error pages in the site's look and in both languages (issue #16): what happened, what to
do next, and for a 403 who may open the page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

FAILING_URLS = "tests.functional.urls_failing"


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(response) -> str:
    html = response.content.decode()
    assert 'id="error-page"' in html
    assert 'id="error-home" href="/"' in html or 'href="/" id="error-home"' in html
    return html


def test_not_found_in_the_sites_look_in_both_languages(client):
    assert not settings.DEBUG
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = _page(response)
    assert "Halaman tidak ditemukan" in html
    assert "pst-nav" in html  # the site's header and navigation
    assert 'href="/cari/"' in html
    english = _page(_english(client).get("/tidak-ada-halaman-ini/"))
    assert "Page not found" in english


def test_forbidden_says_who_may_open_the_page_and_links_home(client, user):
    client.force_login(user)
    response = client.get("/layanan/petugas/")
    assert response.status_code == 403
    html = _page(response)
    assert "Akses ditolak" in html
    assert "pegawai kantor" in html
    assert "pst-nav" in html
    english = _page(_english(client).get("/layanan/petugas/"))
    assert "only to office staff with the right role" in english


def test_forbidden_gives_the_reason_the_guard_names(client, user):
    """The treasurer's desk says whose it is; the 403 page printed only its general sentence."""
    client.force_login(user)
    with translation.override("id"):
        reason = translation.gettext("Only the Bendahara can open this page.")
    response = client.get("/bendahara/")
    assert response.status_code == 403
    html = _page(response)
    assert f'<span id="refusal-reason">{reason}</span>' in html
    english = _page(_english(client).get("/bendahara/"))
    assert "Only the Bendahara can open this page." in english


@pytest.mark.urls(FAILING_URLS)
def test_bad_request_in_both_languages():
    client = Client()
    response = client.get("/uji/400/")
    assert response.status_code == 400
    assert "Permintaan tidak dapat dibaca" in _page(response)
    assert "Bad request" in _page(_english(client).get("/uji/400/"))


@pytest.mark.urls(FAILING_URLS)
def test_server_error_in_both_languages():
    client = Client(raise_request_exception=False)
    response = client.get("/uji/500/")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in _page(response)
    assert "Something went wrong" in _page(_english(client).get("/uji/500/"))


def test_the_server_error_page_needs_no_database_and_no_request(django_db_blocker):
    with django_db_blocker.block(), translation.override("id"):
        html = render_to_string("500.html")
    assert "Terjadi kesalahan" in html


def test_too_many_requests_in_both_languages(rf):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("id"):
        assert "Terlalu banyak permintaan" in render_to_string("429.html", request=request)
    with translation.override("en"):
        assert "Too many requests" in render_to_string("429.html", request=request)
