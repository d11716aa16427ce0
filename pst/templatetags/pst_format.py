"""The site's date, moment and number filters (``pst.formats``), loaded as template builtins.

``{{ order.date_placed|long_datetime }}`` → ``2 Desember 2026 pukul 23.22 WIB``;
``{{ invoice.valid_until|long_date }}`` → ``2 Desember 2026``; ``{{ ikm|number:2 }}`` →
``90,28``. Each follows the page's language.
"""

from django import template

from pst.formats import format_date, format_datetime, format_number, format_time

register = template.Library()


@register.filter
def long_date(value) -> str:
    """``2 Desember 2026``: a date, or the office's day of an aware datetime."""
    return format_date(value)


@register.filter
def long_datetime(value) -> str:
    """``2 Desember 2026 pukul 23.22 WIB`` on the office's clock."""
    return format_datetime(value)


@register.filter
def clock_time(value) -> str:
    """``23.22 WIB`` (a moment today, e.g. a queue ticket)."""
    return "–" if value in (None, "") else format_time(value)


@register.filter
def number(value, decimals=None) -> str:
    """``3.667`` / ``90,28`` in the page's language; ``decimals`` rounds half-up."""
    return format_number(value, None if decimals in (None, "") else int(decimals))
