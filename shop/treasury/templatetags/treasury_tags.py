"""Display helpers of the bendahara's pages."""

from types import SimpleNamespace

from django import template

from pst.formats import format_money
from shop.pricing import tariff_wording
from shop.treasury import exports

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """``Rp 1.250.000`` (English ``Rp 1,250,000``): ``pst.formats.format_money``."""
    return format_money(value)


@register.filter
def product_type_name(value: str) -> str:
    """The report row's product type in the page's language ("E-publication" on an English
    page, which showed the Indonesian labels of the filed documents)."""
    return exports.product_type_name(value)


@register.filter
def tariff_item_name(code: str) -> str:
    """The schedule's wording of a tariff line in the page's language (``tariff_wording``)."""
    line = SimpleNamespace(code=code, description=exports.tariff_item_label(code))
    return tariff_wording.line_description(line)
