"""Steps the journeys share (tests/browser/conftest.py has the fixtures)."""

from __future__ import annotations

from django.utils import translation

#: Every role's journey runs once per language of the site (issue #17: "screenshots read in both
#: languages"); the person chooses the language with the header's switch, as a visitor does.
JOURNEY_LANGUAGES = ("id", "en")


def tr(language: str, msgid: str) -> str:
    """What the page shows for ``msgid`` in ``language``: the journeys find links by the words a
    person reads, in the language they read them."""
    with translation.override(language):
        return translation.gettext(msgid)


def click(page, selector: str) -> None:
    """Click what a person clicks and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)
