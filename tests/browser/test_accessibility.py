"""WCAG 2.1 AA on every door (issue #18): axe-core finds no serious or critical violation, and
none of the page's structure (one <main>, one banner, headings in order, content in landmarks,
a working skip link: ``a11y.STRUCTURE_RULES``), in Indonesian at 1366 and 390 px and in English
at 1366 px; at 360 px no door scrolls sideways; at phone width every control is a touch
target of at least 44 px.

One crawl serves the three tests: the demo site is seeded once (``seed_demo``'s own code), one
browser context per person signs in once, and each door is visited once per view. The first
test crawls; its teardown empties the tables as every browser test does, and the others read
what it found.
"""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.browser import a11y
from tests.browser.a11y import Door, Finding

LOGIN = "/toko/accounts/login/"
#: A folder to keep a screenshot of every door in every view, for looking at the theme
#: (PST_A11Y_SHOTS=/tmp/shots); unset, none is taken.
SHOTS = os.environ.get("PST_A11Y_SHOTS", "")
#: Only the doors whose name holds one of these comma-separated words
#: (PST_A11Y_DOORS=master,upload), for checking the pages one is working on; unset, every door.
ONLY = [word.strip() for word in os.environ.get("PST_A11Y_DOORS", "").split(",") if word.strip()]

#: The demo accounts seed_demo creates, by the role they stand for (demo/seed.py).
PEOPLE = {
    "reader": "pembaca@pst.demo",
    "buyer": "pembeli@pst.demo",
    "officer": "petugas@pst.demo",
    "treasurer": "bendahara@pst.demo",
    "head": "kepala@pst.demo",
    "librarian": "pustakawan@pst.demo",
}


@dataclass
class Crawl:
    axe: list[Finding] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    small_targets: list[str] = field(default_factory=list)
    #: (door, view) -> "rules/elements" of serious and critical violations, for the report
    counts: dict[tuple[str, str], str] = field(default_factory=dict)
    visited: int = 0
    seconds: float = 0.0
    seed_seconds: float = 0.0


def _doors() -> list[Door]:
    """Every door of issue #18, from what the seed made (so no path is guessed)."""
    from catalogue.models import Product
    from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI
    from library.models import PublicationPage
    from pst.models import ServiceKind
    from shop.order.models import Order

    readable = (
        PublicationPage.objects.live()
        .filter(is_free=True)
        .exclude(pdf="")
        .exclude(master_dir="")
        .order_by("pk")
        .first()
    )
    products = {
        slug: Product.objects.filter(product_class__slug=slug, is_public=True)
        .order_by("pk")
        .first()
        for slug in (PUBLIKASI, DATA_MIKRO, PETA_WKS)
    }
    buyer_order = Order.objects.filter(user__email=PEOPLE["buyer"]).order_by("pk").first()
    uploads = _master_uploads_for_officer(products[DATA_MIKRO])
    library = readable.get_parent()
    doors = [
        Door("home", "/"),
        Door("e-pustaka", library.url),
        Door("publication", readable.url),
        Door("release calendar", reverse("library:release-calendar")),
        Door("search results", reverse("site_search:results") + "?q=statistik"),
        Door("shop listing", reverse("catalogue:index")),
        *(Door(f"product {slug}", p.get_absolute_url()) for slug, p in products.items()),
        Door("tariff", reverse("pricing:tariff")),
        Door("layanan", reverse("layanan:index")),
        Door("complaint form", reverse("layanan:complaint_create")),
        Door("complaint tracking", reverse("layanan:complaint_track")),
        Door("guest book", reverse("layanan:guest_book")),
        Door("queue display", reverse("layanan:queue_display")),
        Door("login", LOGIN),
        Door("registration", reverse("customer:register")),
        Door("password reset", reverse("password-reset")),
        # the reader
        Door("reading online", reverse("library:read", args=[readable.pk]), "reader"),
        Door("download history", reverse("library:download-history"), "reader"),
        Door("consultation form", reverse("layanan:consultation_create"), "reader"),
        Door("consultations", reverse("layanan:consultation_list"), "reader"),
        Door("recommendation form", reverse("layanan:recommendation_create"), "reader"),
        Door("recommendations", reverse("layanan:recommendation_list"), "reader"),
        Door("my complaints", reverse("layanan:my_complaints"), "reader"),
        Door(
            "survey form",
            reverse("layanan:survey_general", args=[ServiceKind.LIBRARY]),
            "reader",
        ),
        # the buyer
        Door("basket", reverse("basket:summary"), "buyer"),
        Door("bayar", reverse("billing:pay"), "buyer"),
        Door("checkout", reverse("checkout:payment-details"), "buyer"),
        Door("profile", reverse("customer:profile-view"), "buyer"),
        Door("profile edit", reverse("customer:profile-update"), "buyer"),
        Door("my orders", reverse("customer:order-list"), "buyer"),
        Door(
            "order page",
            reverse("customer:order", kwargs={"order_number": buyer_order.number}),
            "buyer",
        ),
        # the staff desks
        Door("order desk", reverse("dashboard:order-list"), "officer"),
        Door(
            "order desk: one order",
            reverse("dashboard:order-detail", kwargs={"number": buyer_order.number}),
            "officer",
        ),
        Door(
            "master files",
            reverse("catalogue:master", kwargs={"pk": products[DATA_MIKRO].pk}),
            "officer",
        ),
        Door(
            "master files: map",
            reverse("catalogue:master", kwargs={"pk": products[PETA_WKS].pk}),
            "officer",
        ),
        *(
            Door(
                f"master upload {status}",
                reverse("catalogue:master-upload", kwargs={"upload_id": upload.pk}),
                "officer",
            )
            for status, upload in uploads.items()
        ),
        Door("service desk", reverse("layanan:staff_home"), "officer"),
        Door("service desk: complaints", reverse("layanan:staff_complaints"), "officer"),
        Door("service desk: queue", reverse("layanan:staff_queue"), "officer"),
        Door("treasury", reverse("treasury:dashboard"), "treasurer"),
        Door("treasury: payments", reverse("treasury:payments"), "treasurer"),
        Door("treasury: cash book", reverse("treasury:cashbook"), "treasurer"),
        Door("treasury: exceptions", reverse("treasury:exceptions"), "treasurer"),
        Door("treasury: report", reverse("treasury:report"), "treasurer"),
        Door("treasury: refunds", reverse("treasury:refunds"), "treasurer"),
        Door("letters", reverse("layanan:staff_recommendations"), "head"),
        Door("performance", reverse("layanan:staff_performance"), "head"),
        Door("wagtail admin", reverse("wagtailadmin_home"), "librarian", theme=False),
        Door(
            "wagtail explorer",
            reverse("wagtailadmin_explore", args=[library.pk]),
            "librarian",
            theme=False,
        ),
        Door(
            "wagtail page edit",
            reverse("wagtailadmin_pages:edit", args=[readable.pk]),
            "librarian",
            theme=False,
        ),
        Door("softcopy requests", reverse("softcopy_requests:index"), "librarian", theme=False),
        Door("download reports", reverse("library:download-reports"), "librarian"),
    ]
    if ONLY:
        doors = [door for door in doors if any(word in door.name for word in ONLY)]
    return doors


def _sign_in(page, who: str | None) -> None:
    if who is None:
        return
    from demo.seed import DEMO_PASSWORD

    page.goto(LOGIN)
    page.fill("[name=login-username]", PEOPLE[who])
    page.fill("[name=login-password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("[name=login_submit]")
    assert "/accounts/login/" not in page.url, f"{who} could not sign in"


def _basket_for_buyer() -> None:
    from catalogue.models import Product
    from catalogue.product_classes import PUBLIKASI
    from pst.models import User
    from tests.factories.orders import basket_with

    product = Product.objects.filter(product_class__slug=PUBLIKASI, is_public=True).first()
    basket_with(User.objects.get(email=PEOPLE["buyer"]), [product])


def _master_uploads_for_officer(product) -> dict:
    """The master upload page in its three looks (converting, stored, refused): the seed
    uploads no master through the page, so these rows stand for uploads of the product."""
    from catalogue.models import MasterUpload, MasterVersion

    current = MasterVersion.objects.filter(product=product, is_current=True).first()
    made = {}
    for status, fields in {
        "running": {"done_rows": 12_500, "total_rows": 40_000},
        "done": {"message": "52962 record dari berkas CSV disimpan", "version": current},
        "failed": {"message": "Kolom tidak ada di codebook: BOBOT."},
    }.items():
        made[status] = MasterUpload.objects.create(
            product=product, original_name=f"susenas-{status}.csv", status=status, **fields
        )
    return made


def _visit(page, door: Door, crawl: Crawl, *, language: str, width: int) -> None:
    view = f"{language} {width}px"
    response = page.goto(door.path)
    assert response is not None and response.status == 200, (
        f"{door.name} ({door.path}) answered {response and response.status} as {door.who}"
    )
    assert urlsplit(page.url).path == urlsplit(door.path).path, (
        f"{door.name} ({door.path}) sent {door.who} to {page.url}"
    )
    if SHOTS:
        name = f"{door.name}-{language}-{width}".replace(" ", "_").replace(":", "")
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
    found = a11y.axe_findings(page, door=door.name, view=view)
    crawl.axe.extend(found)
    serious = [f for f in found if f.impact in a11y.BLOCKING_IMPACTS]
    crawl.counts[(door.name, view)] = f"{len(serious)}/{sum(len(f.targets) for f in serious)}"
    crawl.visited += 1
    if language == "id" and width < 1000:
        if door.theme:
            crawl.small_targets.extend(
                f"{door.name}: {target}" for target in a11y.small_touch_targets(page)
            )
        page.set_viewport_size({"width": a11y.NARROWEST, "height": a11y.PHONE_HEIGHT})
        if extra := a11y.horizontal_overflow(page):
            crawl.overflow.append(f"{door.name} ({door.path}): {extra} px wider than 360")
        page.set_viewport_size({"width": width, "height": a11y.PHONE_HEIGHT})


def _crawl(browser, live_server) -> Crawl:
    from django.core.management import call_command

    started = time.monotonic()
    call_command("seed_demo", count=6, verbosity=0, stdout=io.StringIO())
    _basket_for_buyer()
    result = Crawl(seed_seconds=time.monotonic() - started)
    started = time.monotonic()
    by_person: dict[str | None, list[Door]] = {}
    for door in _doors():
        by_person.setdefault(door.who, []).append(door)
    for who, their_doors in by_person.items():
        context = browser.new_context(base_url=live_server.url, locale="id-ID")
        context.set_default_timeout(15_000)
        page = context.new_page()
        _sign_in(page, who)
        for language, width in a11y.VIEWS:
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            height = a11y.PHONE_HEIGHT if width < 1000 else a11y.DESKTOP_HEIGHT
            page.set_viewport_size({"width": width, "height": height})
            for door in their_doors:
                _visit(page, door, result, language=language, width=width)
        context.close()
    result.seconds = time.monotonic() - started
    return result


_CRAWLED: dict[str, Crawl] = {}


@pytest.fixture
def crawl(browser, live_server) -> Crawl:
    """The crawl, made by the first test that asks (inside a test, where the database holds
    what the migrations made) and kept for the others of this module."""
    if "crawl" not in _CRAWLED:
        _CRAWLED["crawl"] = None  # a crawl that fails is not tried again by the next test
        _CRAWLED["crawl"] = _crawl(browser, live_server)
    if _CRAWLED["crawl"] is None:
        pytest.fail("the crawl failed in the first test of this module")
    return _CRAWLED["crawl"]


def _table(crawl: Crawl) -> str:
    views = [f"{language} {width}px" for language, width in a11y.VIEWS]
    doors = list(dict.fromkeys(door for door, _view in crawl.counts))
    rows = [f"{'door':<28}" + "".join(f"{v:>12}" for v in views)]
    rows += [
        f"{door:<28}" + "".join(f"{crawl.counts.get((door, v), '-'):>12}" for v in views)
        for door in doors
    ]
    return "\n".join(rows)


def test_no_serious_or_critical_axe_violation_on_any_door(crawl):
    print(f"\nseed {crawl.seed_seconds:.0f} s; {crawl.visited} axe runs in {crawl.seconds:.0f} s")
    print("serious + critical violations per door (rules/elements)")
    print(_table(crawl))
    assert crawl.visited >= (len(a11y.VIEWS) if ONLY else 3 * 50)
    assert not crawl.axe, "\n".join(map(str, crawl.axe))


def test_no_door_scrolls_sideways_at_360_px(crawl):
    assert not crawl.overflow, "\n".join(crawl.overflow)


def test_controls_are_touch_targets_of_44_px_at_phone_width(crawl):
    assert not crawl.small_targets, "\n".join(sorted(set(crawl.small_targets)))
