"""Staff pages are for staff: the role matrix of issue #2, and the demo site's pages."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from pst import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/cms/", "/toko/dashboard/", "/django-admin/"]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_reader_cannot_reach_staff_pages(client, url):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_librarian_reaches_wagtail_admin_but_not_dashboard(client, make_staff):
    client.force_login(make_staff(roles.LIBRARIAN))
    assert client.get("/cms/").status_code == 200
    assert client.get("/toko/dashboard/orders/").status_code in (302, 403)


def test_officer_reaches_order_dashboard_but_not_wagtail_admin(client, make_staff):
    client.force_login(make_staff(roles.OFFICER))
    # Oscar's stock index sends the officer on to the order desk (pst/landing.py, issue #16).
    assert client.get("/toko/dashboard/")["Location"] == "/toko/dashboard/orders/"
    assert client.get("/toko/dashboard/orders/").status_code == 200
    assert client.get("/cms/").status_code in (302, 403)


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", count=6, verbosity=0)


def test_seed_demo_is_idempotent(demo_site):
    from oscar.core.loading import get_model

    from library.models import PublicationPage
    from pst.models import User

    counts = (
        PublicationPage.objects.count(),
        get_model("catalogue", "Product").objects.count(),
        User.objects.count(),
    )
    call_command("seed_demo", count=6, verbosity=0)
    assert counts == (
        PublicationPage.objects.count(),
        get_model("catalogue", "Product").objects.count(),
        User.objects.count(),
    )
    assert counts[0] == 6
    for role in roles.ROLE_PERMISSIONS:
        assert User.objects.filter(groups__name=role).exists(), role


def test_demo_pages_render_in_indonesian(client, demo_site):
    from oscar.core.loading import get_model

    from library.models import PublicationPage

    home = client.get("/")
    assert home.status_code == 200
    assert "Publikasi terbaru" in home.content.decode()
    library = client.get("/pustaka/")
    assert library.status_code == 200
    publication = PublicationPage.objects.live().first()
    page = client.get(publication.url).content.decode()
    assert publication.katalog in page and "Tanggal rilis" in page
    assert client.get("/toko/catalogue/").status_code == 200
    product = get_model("catalogue", "Product").objects.filter(stockrecords__isnull=False).first()
    product_page = client.get(product.get_absolute_url()).content.decode()
    assert "Rp " in product_page


def test_scheduled_publications_stay_hidden_until_release(client, demo_site):
    """The demo schedules releases the way a librarian does (go_live_at in the future)."""
    from demo.catalogue_data import demo_publications
    from library.models import PublicationPage

    scheduled = [p.slug for p in demo_publications(count=6) if p.scheduled]
    assert scheduled
    listing = client.get("/pustaka/").content.decode()
    for slug in scheduled:
        page = PublicationPage.objects.get(slug=slug)
        assert not page.live and page.go_live_at is not None
        assert client.get(f"/pustaka/{slug}/").status_code == 404
        assert f"/pustaka/{slug}/" not in listing


def test_language_switch_to_english(client, demo_site):
    page = client.get("/").content.decode()
    assert "Publikasi terbaru" in page
    # one button naming the other language in itself ("Go" beside a select read "Buka")
    assert 'name="language" value="en"' in page and '<span lang="en">English</span>' in page
    assert 'value="id" id="switch-language-id"' not in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Latest publications" in page
    assert '<span lang="id">Bahasa Indonesia</span>' in page


def test_browser_language_does_not_override_indonesian_default(client, demo_site):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Publikasi terbaru" in page
