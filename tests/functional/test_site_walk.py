"""Walk the demo site as each of its people does (issue #16): sign in through the login form,
start from the home page and the role's own desk, and follow every same-site link breadth
first, as a person clicking through the navigation would.

Every answer must be a page (2xx), a redirect that ends (3xx, followed here with a limit), or a
404 in the site's own look (templates/error_page.html). A 500 is an exception that surfaces
with its traceback. No page, and no menu (any ``<nav>``, the shop dashboard's included),
offers a role a link that answers 403 to it: a 403 in the site's look is only for someone who
types or keeps an address they may not open. A GET changes nothing in the database but the
bookkeeping listed in ``GET_BOOKKEEPING``, and signs no one out: an action is a POST. The
listings of ``LISTINGS`` are reached from the navigation and show at least one of the demo
rows they exist to list.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.test import Client
from django.utils.html import escape
from oscar.core.loading import get_model

from demo.seed import DEMO_PASSWORD
from pst.landing import landing_url
from pst.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/toko/accounts/login/"
#: Pages one role's walk may open; a path is opened with at most PER_PATH query strings, so
#: facets and page numbers do not eat the bound before the other pages are seen.
MAX_PAGES = 200
PER_PATH = 3
MAX_REDIRECTS = 10
#: templates/error_page.html: the site's own 403/404 (Django's bare page has none of it).
ERROR_PAGE_MARK = 'id="error-page"'
#: Link prefixes the walk does not follow: Wagtail's bulk actions are hrefs its script sends
#: with the pages ticked in the listing; without them Wagtail answers its own 404. Everything
#: else is followed, the sign-out link too (signing out is a POST).
NOT_FOLLOWED_PREFIXES = ("/cms/bulk/",)
#: Rows a GET may write (an app, or one model of it): the session, the login audit, Oscar's
#: product-view analytics, the caches of resized images (Wagtail's renditions, sorl's
#: thumbnails) and the per-user state Wagtail's admin keeps for itself.
GET_BOOKKEEPING = {
    "sessions",
    "axes",
    "analytics",
    "thumbnail",
    "wagtailimages.Rendition",
    "wagtailusers",
    # the empty open basket Oscar's middleware keeps for every signed-in person
    "basket.Basket",
    # who is editing a page now, and the editor's subscription to its comments
    "wagtailadmin.EditingSession",
    "wagtailcore.PageSubscription",
}

ROLES = [
    None,
    "pembaca@pst.demo",
    "pembeli@pst.demo",
    "petugas@pst.demo",
    "bendahara@pst.demo",
    "kepala@pst.demo",
    "pustakawan@pst.demo",
    "admin@pst.demo",
]


class _Links(HTMLParser):
    """The ``href`` of every ``<a>``, each marked when it stands inside a ``<nav>``."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, bool]] = []
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "nav":
            self._nav_depth += 1
        elif tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append((href, self._nav_depth > 0))

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def _site_hosts() -> set[str]:
    return {"", "testserver", urlsplit(settings.PST_BASE_URL).netloc}


def _same_site(base: str, href: str) -> str | None:
    """``href`` as a path with its query on this site, or None (another site, mail, script,
    an anchor on the same page)."""
    url = urljoin(base, href.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in _site_hosts():
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class _Writes:
    """Rows saved or deleted while a GET runs, by ``app_label.Model``."""

    def __init__(self):
        self.seen: list[str] = []

    def _record(self, sender, **kwargs):
        meta = sender._meta
        label = f"{meta.app_label}.{meta.object_name}"
        if meta.app_label not in GET_BOOKKEEPING and label not in GET_BOOKKEEPING:
            self.seen.append(label)

    def __enter__(self):
        self.seen = []
        post_save.connect(self._record, dispatch_uid="site-walk-save")
        post_delete.connect(self._record, dispatch_uid="site-walk-delete")
        return self

    def __exit__(self, *exc):
        post_save.disconnect(dispatch_uid="site-walk-save")
        post_delete.disconnect(dispatch_uid="site-walk-delete")


@dataclass
class Walk:
    """What one role's walk saw."""

    role: str
    start: list[str] = field(default_factory=list)  # the home page and the role's desk
    pages: dict[str, int] = field(default_factory=dict)  # url -> final status
    problems: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # url -> the page linking it
    seconds: float = 0.0
    timings: list[tuple[float, str]] = field(default_factory=list)

    def summary(self) -> str:
        slowest = ", ".join(f"{url} {t:.2f} s" for t, url in sorted(self.timings)[-3:][::-1])
        refused = ", ".join(f"{url} (from {page})" for url, page in self.refused.items())
        return (
            f"{self.role}: {len(self.pages)} pages in {self.seconds:.1f} s (slowest: {slowest})"
            f"; refused: {refused or 'none'}"
        )


def _get(client: Client, url: str, walk: Walk, came_from: str):
    """GET ``url`` and follow its redirects by hand; the final answer and its URL."""
    chain = [url]
    while True:
        with _Writes() as writes:
            response = client.get(url)
        if writes.seen:
            walk.problems.append(
                f"GET {url} (linked from {came_from}) wrote {sorted(set(writes.seen))}"
            )
        if response.status_code not in (301, 302, 303, 307, 308):
            return response, url
        target = _same_site(url, response["Location"])
        if target is None:
            return response, url  # leaves the site: not ours to follow
        if target in chain:
            walk.problems.append(
                f"redirect loop from {came_from}: {' -> '.join(chain)} -> {target}"
            )
            return None, url
        chain.append(target)
        if len(chain) > MAX_REDIRECTS:
            walk.problems.append(f"more than {MAX_REDIRECTS} redirects: {' -> '.join(chain)}")
            return None, url
        url = target


def _sign_in(client: Client, email: str) -> str:
    """The shop's login form, as a person fills it in; where it sends them."""
    response = client.post(
        LOGIN,
        {"login-username": email, "login-password": DEMO_PASSWORD, "login_submit": "1"},
    )
    assert response.status_code == 302, f"{email} could not sign in"
    return response["Location"]


def walk_site(email: str | None) -> tuple[Walk, Client]:
    client = Client()
    walk = Walk(role=email or "anonymous")
    start = ["/"]
    if email:
        landing = _sign_in(client, email)
        assert landing == "/meja-kerja/" or landing == landing_url(User.objects.get(email=email))
        start.insert(0, landing)
    walk.start = start
    queue = deque((url, "the start", False) for url in start)
    queued = set(start)
    per_path: dict[str, int] = {}
    began = time.perf_counter()
    while queue and len(walk.pages) < MAX_PAGES:
        url, came_from, in_nav = queue.popleft()
        opened = time.perf_counter()
        response, final = _get(client, url, walk, came_from)
        walk.timings.append((time.perf_counter() - opened, url))
        if email and "_auth_user_id" not in client.session:
            walk.problems.append(f"GET {url} (linked from {came_from}) signed {email} out")
            _sign_in(client, email)
        if response is None:
            continue
        status = response.status_code
        walk.pages[url] = status
        content_type = response.get("Content-Type", "")
        html = response.content.decode() if content_type.startswith("text/html") else ""
        if status in (403, 404):
            if ERROR_PAGE_MARK not in html:
                walk.problems.append(f"{status} without the site's error page: {url}")
            if status == 403:
                walk.refused[url] = came_from
                where = "a menu on" if in_nav else "the page"
                walk.problems.append(f"{where} {came_from} offers {url}, which answers 403")
            continue
        if status >= 400:
            walk.problems.append(f"{status} for {url} (linked from {came_from})")
            continue
        if not html:
            continue
        parser = _Links()
        parser.feed(html)
        for href, nav in parser.links:
            target = _same_site(final, href)
            if target is None or target in queued:
                continue
            path = urlsplit(target).path
            if path.startswith(NOT_FOLLOWED_PREFIXES):
                continue
            if per_path.get(path, 0) >= PER_PATH:
                continue
            per_path[path] = per_path.get(path, 0) + 1
            queued.add(target)
            queue.append((target, final, nav))
    walk.seconds = time.perf_counter() - began
    return walk, client


# --- listings that must show their objects ------------------------------------------------

READER, BUYER, OFFICER, TREASURER, HEAD = (
    "pembaca@pst.demo",
    "pembeli@pst.demo",
    "petugas@pst.demo",
    "bendahara@pst.demo",
    "kepala@pst.demo",
)


def _model(label: str):
    app_label, name = label.split(".")
    return get_model(app_label, name)


@dataclass(frozen=True)
class Listing:
    """A page that lists ``model`` rows (``filters`` narrow them to what ``role`` is shown),
    showing each by ``shown``."""

    role: str | None
    url: str
    model: str
    shown: Callable  # row -> the text the page shows for it
    filters: dict = field(default_factory=dict)

    def rows(self) -> list:
        queryset = _model(self.model).objects.filter(**self.filters)
        if self.model == "catalogue.Product":
            queryset = queryset.browsable()
        return list(queryset[:50])


LISTINGS = [
    Listing(None, "/pustaka/", "library.PublicationPage", lambda p: p.title, {"live": True}),
    Listing(None, "/toko/catalogue/", "catalogue.Product", lambda p: p.get_title(),
            {"is_public": True}),
    Listing(READER, "/pustaka/riwayat-unduhan/", "library.Download", lambda d: d.publication.title,
            {"reader__email": READER}),
    Listing(BUYER, "/toko/accounts/orders/", "order.Order", lambda o: o.number,
            {"user__email": BUYER}),
    Listing(BUYER, "/bayar/", "billing.Billing", lambda b: b.code,
            {"invoice__order__user__email": BUYER, "status": "unpaid"}),
    Listing(OFFICER, "/toko/dashboard/orders/", "order.Order", lambda o: o.number),
    Listing(OFFICER, "/layanan/petugas/konsultasi/", "layanan.Consultation", lambda c: c.subject),
    Listing(OFFICER, "/layanan/petugas/rekomendasi/", "layanan.Recommendation",
            lambda r: r.number),
    Listing(OFFICER, "/layanan/petugas/pengaduan/", "layanan.Complaint", lambda c: c.tracking_code),
    Listing(HEAD, "/layanan/petugas/rekomendasi/?status=draf_surat", "layanan.Recommendation",
            lambda r: r.number, {"status": "draf_surat"}),
    Listing(TREASURER, "/bendahara/pembayaran/", "treasury.Receipt", lambda r: r.number),
    Listing(TREASURER, "/bendahara/buku-kas/", "treasury.CashBookEntry", lambda e: e.description),
    Listing(TREASURER, "/bendahara/pengecualian/", "treasury.ReconciliationException",
            lambda e: e.billing_code),
]  # fmt: skip


@pytest.fixture(scope="module")
def walks(demo_site_once, django_db_blocker, request):
    """Every role's walk, once for the module; each role's page count and time are printed
    to the terminal (not captured), so a CI log shows them."""
    capture = request.config.pluginmanager.getplugin("capturemanager")
    done = {}
    with django_db_blocker.unblock():
        for email in ROLES:
            walk, client = walk_site(email)
            done[email] = (walk, client)
            with capture.global_and_fixture_disabled():
                print(f"\nsite walk: {walk.summary()}", flush=True)
    return done


@pytest.mark.parametrize("email", ROLES, ids=lambda e: e or "anonymous")
def test_every_page_a_role_reaches_answers_well(walks, email):
    walk, _client = walks[email]
    assert all(walk.pages.get(url) == 200 for url in walk.start), (walk.start, walk.pages)
    assert len(walk.pages) > 10, walk.pages
    assert not walk.problems, "\n".join(walk.problems)


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.url)
def test_no_listing_is_empty_while_its_objects_exist(walks, listing):
    walk, client = walks[listing.role]
    rows = listing.rows()
    assert rows, f"the demo has no {listing.model} for {listing.url} to list"
    assert walk.pages.get(listing.url) == 200, f"{listing.url} is not reached from the navigation"
    html = client.get(listing.url).content.decode()
    shown = [str(listing.shown(row)) for row in rows]
    assert any(escape(text) in html for text in shown), f"{listing.url} shows none of {shown[:5]}"


#: The shop dashboard's menu: the pages the office works in (docs/forks.md, "Oscar's dashboard").
DASHBOARD_MENU = [
    "dashboard:index",
    "dashboard:catalogue-product-list",
    "dashboard:order-list",
    "dashboard:order-stats",
]


def test_the_dashboard_menu_keeps_only_the_offices_pages(walks):
    """Even the administrator, who may open every dashboard page, is offered only these."""
    from oscar.apps.dashboard.menu import get_nodes

    def url_names(nodes):
        for node in nodes:
            if node.url_name:
                yield node.url_name
            yield from url_names(node.children)

    admin = User.objects.get(email="admin@pst.demo")
    assert list(url_names(get_nodes(admin))) == DASHBOARD_MENU
