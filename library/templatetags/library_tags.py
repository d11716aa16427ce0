"""Template helpers of the e-pustaka listing."""

from django import template
from django.utils.http import urlencode

from library.reader import PAGES_PER_SCREEN

register = template.Library()


@register.simple_tag
def facet_query(filters, param: str, value: str) -> str:
    """The query string that sets (or, with an empty value, removes) one facet and keeps the
    others; the page number is dropped because the result set changes."""
    return urlencode(filters.as_query(**{param: value}))


@register.filter
def reader_screen(page_number) -> int:
    """The screen of the online reader that shows this page (1-based)."""
    try:
        return (int(page_number) - 1) // PAGES_PER_SCREEN + 1
    except (TypeError, ValueError):
        return 1
