"""Display helpers of the bendahara's pages."""

from types import SimpleNamespace

from django import template
from django.utils.translation import gettext_lazy as _

from pst.formats import format_money
from shop.billing import tariff_wording
from shop.treasury import exports

register = template.Library()

#: The report's product types as the page reads them; the XLSX and PDF keep the Indonesian
#: labels of ``exports.PRODUCT_TYPE_LABELS`` (official documents stay Indonesian).
PRODUCT_TYPE_NAMES = {
    "publikasi_elektronik": _("E-publication"),
    "data_mikro": _("Microdata"),
    "peta_wks": _("Digital WKS map"),
    "lainnya": _("Other"),
}


@register.filter
def rupiah(value) -> str:
    """``Rp 1.250.000`` (English ``Rp 1,250,000``): ``pst.formats.format_money``."""
    return format_money(value)


@register.filter
def product_type_name(value: str) -> str:
    """ "Publikasi elektronik" / "E-publication": the report row's product type in the page's
    language (the English report page showed the Indonesian labels of the filed documents)."""
    return str(PRODUCT_TYPE_NAMES.get(value, exports.product_type_label(value)))


@register.filter
def tariff_item_name(code: str) -> str:
    """The schedule's wording of a tariff line in the page's language (``tariff_wording``)."""
    line = SimpleNamespace(code=code, description=exports.tariff_item_label(code))
    return tariff_wording.line_description(line)
