"""Issue #4, read online: page images rendered from the master on demand, cached, stamped for
the reader who asks, lazy-loaded with page navigation; the download rules decide who may read."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from library import reader
from pst.storage import private_storage
from tests.factories.library import SHARED_PDFS, PublicationPageFactory
from watermark.image import read_image_mark

pytestmark = pytest.mark.django_db


@pytest.fixture
def publication():
    """The 55-page office report, so the reader has several screens."""
    return PublicationPageFactory(pdf_path=SHARED_PDFS / "M1_pdkids.pdf")


def read_url(page, **query) -> str:
    url = reverse("library:read", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def image_url(page, number: int, width: int | None = None) -> str:
    url = reverse("library:read-page", args=[page.pk, number])
    return f"{url}?w={width}" if width else url


def test_verified_reader_sees_lazy_page_images_with_navigation(client, user, publication):
    client.force_login(user)
    assert 'id="read-online"' in client.get(publication.url).content.decode()
    response = client.get(read_url(publication))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert html.count('loading="lazy"') == 10
    # Each image reserves its page's height, so lazy loading only fetches what is near.
    heights = [int(h) for h in re.findall(r'width="1200" height="(\d+)"', html)]
    assert len(heights) == 10 and all(h > 0 for h in heights)
    assert image_url(publication, 1, 1200).replace("?", "?") in html
    assert image_url(publication, 11, 1200) not in html
    assert "?halaman=2" in html and 'rel="next"' in html
    second = client.get(read_url(publication, halaman=6)).content.decode()
    assert (
        image_url(publication, 55, 1200) in second
        and image_url(publication, 50, 1200) not in second
    )
    assert 'rel="next"' not in second


def test_page_image_is_stamped_for_the_reader_and_cached(client, user, publication):
    client.force_login(user)
    response = client.get(image_url(publication, 3, 800))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"].startswith("private")
    png = response.content
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.width == 800
    mark = read_image_mark(png)
    assert mark and mark["email"] == user.email and mark["download_id"] == f"BACA-{user.pk}"
    cached = Path(private_storage().path("cache/pages")) / Path(publication.master_dir).name
    assert (cached / "3-800.png").is_file()
    # The cache holds the unmarked page; the mark is applied per reader on every response.
    assert read_image_mark((cached / "3-800.png").read_bytes()) is None


def test_cached_page_is_not_rendered_again(client, user, publication, monkeypatch):
    client.force_login(user)
    assert client.get(image_url(publication, 2, 800)).status_code == 200

    def fail(*args, **kwargs):
        raise AssertionError("rendered twice")

    monkeypatch.setattr(reader, "render_pdf_page", fail)
    assert client.get(image_url(publication, 2, 800)).status_code == 200


def test_width_snaps_to_an_allowed_size(client, user, publication):
    client.force_login(user)
    response = client.get(image_url(publication, 1, 5000))
    with Image.open(io.BytesIO(response.content)) as picture:
        assert picture.width == max(reader.PAGE_WIDTHS)


def test_page_out_of_range_is_404(client, user, publication):
    client.force_login(user)
    assert client.get(image_url(publication, 56)).status_code == 404
    assert client.get(image_url(publication, 0)).status_code == 404


def test_anonymous_reader_is_sent_to_login(client, publication):
    response = client.get(read_url(publication))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))
    assert client.get(image_url(publication, 1)).status_code == 404


def test_unverified_reader_is_refused_with_a_message(client, unverified_user, publication):
    client.force_login(unverified_user)
    response = client.get(read_url(publication), follow=True)
    assert response.redirect_chain[-1][0] == publication.url
    assert "verifikasi" in " ".join(str(m) for m in response.context["messages"]).lower()
    assert client.get(image_url(publication, 1)).status_code == 404


def test_sold_publication_is_not_readable_online(client, user):
    page = PublicationPageFactory(is_free=False)
    client.force_login(user)
    response = client.get(read_url(page), follow=True)
    assert response.redirect_chain[-1][0] == page.url
    assert client.get(image_url(page, 1)).status_code == 404


def test_draft_and_masterless_pages_are_404(client, user):
    draft = PublicationPageFactory()
    draft.unpublish()
    no_pdf = PublicationPageFactory(with_pdf=False)
    client.force_login(user)
    for page in (draft, no_pdf):
        assert client.get(read_url(page)).status_code == 404
        assert client.get(image_url(page, 1)).status_code == 404


def test_rotated_pages_render_upright(client, user):
    page = PublicationPageFactory(pdf_path=SHARED_PDFS / "rotated_0_90.pdf")
    client.force_login(user)
    sizes = []
    for number in (1, 2):
        with Image.open(io.BytesIO(client.get(image_url(page, number, 800)).content)) as picture:
            sizes.append(picture.size)
    # One portrait and one landscape page as the reader sees them: pdftoppm honours /Rotate.
    assert sizes[0][1] > sizes[0][0] and sizes[1][0] > sizes[1][1]
