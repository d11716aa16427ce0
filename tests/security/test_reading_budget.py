"""Finding 8 of issue #15: reading online was not rate-limited, so it bypassed the download
limit (the probe fetched 30 reader pages and 30 page images after the download answered 429).

Now every page image served counts against a per-account budget (``PST_READ_PAGE_RATE_LIMIT``,
600 an hour by default: more than a person reads); past it the image and the reader page
answer the download limit's 429 page, in Indonesian, with ``Retry-After``.
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.library import SHARED_PDFS, PublicationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publication():
    return PublicationPageFactory(pdf_path=SHARED_PDFS / "M1_pdkids.pdf")


def image(client, page, number: int):
    return client.get(reverse("library:read-page", args=[page.pk, number]) + "?w=800")


def test_default_budget_is_more_than_a_person_reads_in_an_hour():
    limit, seconds = django_settings.PST_READ_PAGE_RATE_LIMIT
    assert seconds == 3600 and limit >= 600


def test_page_images_past_the_budget_get_the_429_page(client, user, publication, settings):
    settings.PST_READ_PAGE_RATE_LIMIT = (3, 3600)
    client.force_login(user)
    assert [image(client, publication, n).status_code for n in (1, 2, 3)] == [200, 200, 200]
    refused = image(client, publication, 4)
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/html")
    assert 0 < int(refused["Retry-After"]) <= 3600
    text = refused.content.decode()
    assert 'id="rate-limited"' in text and "Batas baca tercapai" in text
    assert "batas 3 halaman baca daring" in text
    # The reader page says so too, rather than showing ten broken images.
    page = client.get(reverse("library:read", args=[publication.pk]))
    assert page.status_code == 429 and 'id="rate-limited"' in page.content.decode()
    # The budget is the account's: another reader reads on.
    client.force_login(UserFactory())
    assert image(client, publication, 4).status_code == 200


def test_an_image_the_reader_already_holds_costs_nothing(client, user, publication, settings):
    settings.PST_READ_PAGE_RATE_LIMIT = (1, 3600)
    client.force_login(user)
    first = image(client, publication, 1)
    assert first.status_code == 200
    url = reverse("library:read-page", args=[publication.pk, 1]) + "?w=800"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
