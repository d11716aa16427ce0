"""How many database queries each page costs (issue #23): no page above the bound stated in
``BOUNDS``, and no listing whose count grows with the number of items it lists.

The bounds are per request of a warm process (the first request of a process also loads the
site root, the locales and the content types, which Django and Wagtail then keep), counted with
Django's ``CaptureQueriesContext`` through the test client, on the demo (``seed_demo --count 6``)
as the people of the demo see it. A bound is the count measured when it was set, with a little
room on the shop's pages (Oscar's and the pricing code's queries move with their releases); a
change that adds a query per listed item fails the growth tests below even when it stays under
a bound. The time of a page is measured by ``benchmarks/load.py`` through gunicorn, not here
(no timed tests: the machine is shared).
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image as PILImage
from wagtail.images import get_image_model

from demo.seed import DEMO_PASSWORD
from library.models import Download, PublicationPage, Region, RegionLevel, Subject
from tests.factories.catalogue import (
    SMALL_REGIONS,
    microdata_product,
    publication_product,
    wks_product,
)
from tests.factories.library import PublicationPageFactory

pytestmark = pytest.mark.django_db

LOGIN = "/toko/accounts/login/"
READER = "pembaca@pst.demo"
BUYER = "pembeli@pst.demo"
OFFICER = "petugas@pst.demo"
TREASURER = "bendahara@pst.demo"


def _sign_in(client: Client, email: str) -> None:
    response = client.post(
        LOGIN,
        {"login-username": email, "login-password": DEMO_PASSWORD, "login_submit": "1"},
    )
    assert response.status_code == 302, f"{email} could not sign in"


def _count(client: Client, url: str, *, method: str = "get", data=None) -> tuple[int, list]:
    """Queries of one request, after a first request of the same page that warms what a
    process keeps (site root paths, content types, renditions written on first sight)."""
    send = getattr(client, method)
    first = send(url, data) if data is not None else send(url)
    if method == "get":
        assert first.status_code == 200, (url, first.status_code)
    if first.streaming:
        b"".join(first.streaming_content)
    with CaptureQueriesContext(connection) as queries:
        response = send(url, data) if data is not None else send(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries), queries.captured_queries


def _explain(queries: list) -> str:
    """The repeated statements, for the failure message: an N+1 shows as one line many times."""
    repeated = Counter(query["sql"].split(" WHERE ")[0][:160] for query in queries)
    return "\n".join(f"{n:3} × {sql}" for sql, n in repeated.most_common(8))


def _publication_url() -> str:
    return PublicationPage.objects.live().public().order_by("-release_date").first().url


def _product_url() -> str:
    Product = get_model("catalogue", "Product")
    product = Product.objects.filter(is_public=True).exclude(structure="parent").order_by("pk")
    return product.first().get_absolute_url()


def _search_url() -> str:
    return reverse("site_search:results") + "?q=penduduk"


@dataclass(frozen=True)
class PageBound:
    name: str
    who: str | None
    url: Callable[[], str]
    bound: int


#: Queries per request, measured on the demo (issue #23; before it: home 11, listing 16,
#: publication page 17, release calendar 30), with what remains.
BOUNDS = [
    # The site, the home page, its view restrictions (Wagtail's serve hook, two), the six
    # latest with their regions, the library's address (every page's header).
    PageBound("home", None, lambda: "/", 7),
    # The same, the library index read as its own model, four facet counts, the count, the
    # rows with their regions, their covers and the covers' renditions.
    PageBound("library listing", None, lambda: "/pustaka/", 14),
    # The route (site, home, index, publication), the hook's restrictions, subjects, products,
    # related publications (one query), the library's address.
    PageBound("publication page", None, _publication_url, 12),
    # The scheduled revisions, the pages not live yet, their subjects and regions.
    PageBound("release calendar", None, lambda: reverse("library:release-calendar"), 5),
    PageBound("search results", None, _search_url, 7),
    # Oscar's catalogue: what the product cards' prices and availability read is loaded once
    # per page (catalogue.views.CatalogueView; 95 before, 19 measured; the growth test at the
    # end of this file).
    PageBound("shop listing", None, lambda: reverse("catalogue:index"), 22),
    PageBound("product page", None, _product_url, 20),
    PageBound("basket", BUYER, lambda: reverse("basket:summary"), 16),
    # Oscar's order history reads the lines and invoices of each order (shop/customer).
    PageBound("my orders", BUYER, lambda: reverse("customer:order-list"), 52),
    PageBound("officer's order desk", OFFICER, lambda: reverse("dashboard:order-list"), 11),
    PageBound("bendahara dashboard", TREASURER, lambda: reverse("treasury:dashboard"), 19),
]


@pytest.fixture(scope="module")
def demo_clients(demo_site_once, django_db_blocker):
    """One signed-in client per demo person (and an anonymous one), kept for the module."""
    clients: dict[str | None, Client] = {}
    with django_db_blocker.unblock():
        for who in {bound.who for bound in BOUNDS} | {READER}:
            client = Client()
            if who:
                _sign_in(client, who)
            clients[who] = client
    return clients


@pytest.mark.parametrize("page", BOUNDS, ids=lambda page: page.name)
def test_no_page_makes_more_queries_than_its_bound(demo_clients, page):
    count, queries = _count(demo_clients[page.who], page.url())
    print(f"\nqueries {page.name}: {count} (bound {page.bound})")
    assert count <= page.bound, f"{page.name}: {count} queries > {page.bound}\n{_explain(queries)}"


#: The reader's stamped download (9 before issue #23): the session, the user, the page (its
#: view restrictions in the same query), then in one transaction (a savepoint and its release
#: here, inside the test's transaction) the rate limit's lock, the recent downloads and the log
#: row (kept). The lock is kept (library.services._serialise_downloads_of): on PostgreSQL an
#: advisory lock instead of locking the reader's row, one statement; on SQLite the
#: ``BEGIN IMMEDIATE`` that opens a real transaction, no statement of its own.
DOWNLOAD_BOUND = {"postgresql": 8, "sqlite": 7}


def test_the_stamped_download_stays_within_its_bound(demo_clients):
    page = PublicationPage.objects.live().public().exclude(master_dir="").filter(is_free=True)
    page = page.order_by("pk").first()
    before = Download.objects.count()
    count, queries = _count(
        demo_clients[READER], reverse("library:download", args=[page.pk]), method="post"
    )
    bound = DOWNLOAD_BOUND[connection.vendor]
    print(f"\nqueries stamped download: {count} (bound {bound})")
    assert Download.objects.count() == before + 2  # both requests logged
    assert count <= bound, _explain(queries)


# --- The count does not grow with the items listed --------------------------------------------


def _cover(n: int):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 56), (n * 30 % 255, 90, 120)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=f"Sampul {n}", file=ImageFile(buffer, name=f"sampul-{n}.png")
    )


def _publications(start: int, count: int, **kwargs) -> None:
    """``count`` publications, each with its own region, subject and cover, so that a lookup
    per row cannot hide behind an object shared by the rows."""
    for n in range(start, start + count):
        region = Region.objects.create(
            code=f"UJI{n:03d}", name=f"Wilayah Uji {n}", level=RegionLevel.PROVINCE
        )
        subject = Subject.objects.create(name=f"Subjek Uji {n}", slug=f"subjek-uji-{n}")
        PublicationPageFactory(
            title=f"Statistik Uji Pertumbuhan {n}",
            slug=f"statistik-uji-pertumbuhan-{n}",
            region=region,
            subjects=[subject],
            cover=_cover(n),
            with_pdf=False,
            **kwargs,
        )


LISTINGS = [
    # (name, url, items at first, items after: within what the page shows at once)
    ("home", lambda: "/", 2, 6),
    ("library listing", lambda: "/pustaka/", 3, 9),
    ("search results", lambda: reverse("site_search:results") + "?q=pertumbuhan", 3, 9),
]


@pytest.mark.parametrize("name, url, few, many", LISTINGS, ids=[row[0] for row in LISTINGS])
def test_a_listing_costs_the_same_queries_for_three_times_the_items(name, url, few, many):
    client = Client()
    _publications(0, few)
    count_few, _ = _count(client, url())
    _publications(few, many - few)
    count_many, queries = _count(client, url())
    assert count_many == count_few, (
        f"{name}: {count_few} queries for {few} items, {count_many} for {many}\n"
        + _explain(queries)
    )


def test_the_release_calendar_costs_the_same_queries_for_three_times_the_releases():
    client = Client()
    url = reverse("library:release-calendar")
    _publications(0, 2, scheduled=True)
    count_few, _ = _count(client, url)
    _publications(2, 4, scheduled=True)
    count_many, queries = _count(client, url)
    response = client.get(url)
    assert response.content.decode().count("Statistik Uji Pertumbuhan") == 6
    assert "Wilayah Uji 5" in response.content.decode()
    assert count_many == count_few, _explain(queries)


def _products(start: int, count: int) -> None:
    """``count`` products of the three classes in turn, one in four without its master, each
    with its own codebook, page or map (so that no lookup hides behind a shared row)."""
    makers = (
        lambda n, d: publication_product(title=f"Produk Uji Pertumbuhan {n}", deliverable=d),
        lambda n, d: microdata_product(
            title=f"Produk Uji Pertumbuhan {n}", regions=SMALL_REGIONS, deliverable=d
        ),
        lambda n, d: wks_product(title=f"Produk Uji Pertumbuhan {n}", deliverable=d),
    )
    for n in range(start, start + count):
        makers[n % 3](n, n % 4 != 3)


def test_the_shop_listing_costs_the_same_queries_for_three_times_the_products():
    """The product cards' prices and availability (shop.partner.strategy: the quote, the
    codebook, the master) read nothing per product (issue #23; 95 queries for 16 products)."""
    client = Client()
    url = reverse("catalogue:index")
    _products(0, 4)
    count_few, _ = _count(client, url)
    _products(4, 8)
    count_many, queries = _count(client, url)
    body = client.get(url).content.decode()
    assert body.count("Produk Uji Pertumbuhan") >= 12
    assert count_many == count_few, (
        f"shop listing: {count_few} queries for 4 products, {count_many} for 12\n"
        + _explain(queries)
    )
