"""Playwright driving Debian's chromium against pytest-django's ``live_server``.

Everything under tests/browser is marked ``browser`` here, so ``pytest -m "not browser"`` leaves
it out and ``pytest -m browser`` runs only it (scripts/test.sh runs the two separately). The
browser is the system's /usr/bin/chromium: nothing is downloaded (no ``playwright install``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.steps import click

# Playwright's sync API runs an event loop in this thread; Django would refuse database access
# from it ("You cannot call this from an async context") although the calls are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_TESTS = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("PST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark before ``-m`` deselects (tryfirst); this hook sees the whole session's items, so only
    those in this folder get the mark."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: `make install` installs Debian's chromium")
    # Once Playwright's event loop runs in this thread, asgiref gives Django a new, context-local
    # set of connection objects. The copy of the migrated database that serialized rollback
    # restores lives on the old ones: carry it over (the test database is set up first).
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(autouse=True)
def _live_server_database(transactional_db, django_db_serialized_rollback):
    """The live server answers from another thread: data must be committed to be seen, so each
    test ends by emptying every table. Serialized rollback then restores what the migrations
    created (role groups, the Wagtail root and site), which staff journeys rely on."""


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) per test; ``page.goto("/…")`` is relative to the
    live server."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


RESULTS = BROWSER_TESTS.parent.parent / "test-results" / "journeys"


class Shots:
    """``shots(page, "step")`` saves ``test-results/journeys/<test>/NN-step.png`` (full page), so
    the developer can look at every step of a journey. The folder is emptied first: what is there
    is the last run's. ``shots.taken`` lists the files, in order."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: list[Path] = []
        if folder.exists():
            for old in folder.glob("*.png"):
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, page, step: str) -> Path:
        path = self.folder / f"{len(self.taken) + 1:02d}-{step}.png"
        viewport = page.viewport_size
        inner = page.evaluate(_INNER_SCROLL_HEIGHT)
        if inner > viewport["height"]:  # the Wagtail admin scrolls in a pane, not the page
            page.set_viewport_size({"width": viewport["width"], "height": min(inner, 8000)})
        try:
            # Transitions finished: Wagtail's messages slide in over half a second, and a
            # picture taken on arrival showed an empty coloured bar instead of the message.
            page.screenshot(path=str(path), full_page=True, animations="disabled")
        finally:
            page.set_viewport_size(viewport)
        self.taken.append(path)
        self._check_voice(page, step)
        return path

    @staticmethod
    def _check_voice(page, step: str) -> None:
        """Every page a journey photographs is read in its language (issue #17): no English
        message id without its Indonesian on an Indonesian page, no text of the Indonesian
        catalogue on an English one (the checks of tests/functional/test_one_voice.py)."""
        from tests.functional.test_one_voice import english_leaks, indonesian_leaks

        # A search hit's <mark> is inside a title, not a text of its own.
        html = re.sub(r"</?mark\b[^>]*>", "", page.content())
        language = page.locator("html").get_attribute("lang") or "id"
        if language.startswith("en"):
            # In the Wagtail admin the Indonesian a librarian reads in English is their own
            # content (page titles, "E-Pustaka"); Wagtail's own English is its catalogue's.
            in_admin = urlsplit(page.url).path.startswith("/cms/")
            leaks = [] if in_admin else indonesian_leaks(html)
        else:
            leaks = english_leaks(html)
        assert leaks == [], f"{step} ({language}): {leaks}"


#: The height of the tallest scrolling pane when the document itself does not scroll.
_INNER_SCROLL_HEIGHT = """() => {
    if (document.scrollingElement.scrollHeight > window.innerHeight) { return 0; }
    let tallest = 0;
    for (const el of document.querySelectorAll("body *")) {
        if (el.scrollHeight > el.clientHeight
                && /(auto|scroll)/.test(getComputedStyle(el).overflowY)) {
            tallest = Math.max(tallest, el.scrollHeight);
        }
    }
    return tallest;
}"""


@pytest.fixture
def shots(request) -> Shots:
    return Shots(RESULTS / request.node.name)


@pytest.fixture
def sign_in(browser, live_server):
    """``sign_in(user)``: a new browser context (a person at their own computer) that opens the
    login page, signs in with the factories' password and lands where the site sends the role
    (``pst.landing``). Returns the page, on that landing. Given ``shots``, the login form and
    the landing are the journey's first two screenshots. ``language="en"`` first switches the
    site to English with the header's button (the choice is a cookie that lasts the visit)."""
    from tests.factories.accounts import DEFAULT_PASSWORD

    contexts = []

    def sign_in(user, *, page=None, shots=None, language="id"):
        if page is None:
            context = browser.new_context(base_url=live_server.url, locale="id-ID")
            context.set_default_timeout(15_000)
            contexts.append(context)
            page = context.new_page()
        page.goto("/toko/accounts/login/")
        if language != "id":  # the header's language switch, before signing in
            click(page, f"#switch-language-{language}")
            assert page.locator("html").get_attribute("lang") == language
        page.fill("[name=login-username]", user.email)
        page.fill("[name=login-password]", DEFAULT_PASSWORD)
        if shots is not None:
            shots(page, "login")
        click(page, "[name=login_submit]")
        if shots is not None:
            shots(page, "landing")
        return page

    yield sign_in
    for context in contexts:
        context.close()
