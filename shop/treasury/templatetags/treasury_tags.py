"""Display helpers of the bendahara's pages."""

from decimal import Decimal

from django import template

from shop.billing.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """``Rp 1.250.000`` (the project's one money display, ``shop.billing.money``)."""
    if value is None or value == "":
        return "–"
    return format_rupiah(Decimal(value))
