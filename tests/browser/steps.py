"""Steps the journeys share (tests/browser/conftest.py has the fixtures)."""

from __future__ import annotations


def click(page, selector: str) -> None:
    """Click what a person clicks and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)
