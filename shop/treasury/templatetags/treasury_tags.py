"""Display helpers of the bendahara's pages."""

from django import template

from pst.formats import format_money

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """``Rp 1.250.000`` (English ``Rp 1,250,000``): ``pst.formats.format_money``."""
    return format_money(value)
