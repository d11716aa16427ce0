"""How facet values read on the page (both backends share them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from library.models import Frequency, Region, Subject

from .models import DocumentType

PRICE_LABELS = {"gratis": _("Free"), "berbayar": _("For a fee"), "nol_rupiah": _("Rp0 tariff")}
FACET_TITLES = {
    "type": _("Type"),
    "subject": _("Subject"),
    "year": _("Year"),
    "region": _("Region"),
    "frequency": _("Frequency"),
    "price": _("Price"),
}
TYPE_ORDER = [choice.value for choice in DocumentType]


def facet_labels(facet: str, values) -> dict[str, str]:
    values = list(values)
    if facet == "type":
        return {v: str(DocumentType(v).label) if v in TYPE_ORDER else v for v in values}
    if facet == "frequency":
        choices = dict(Frequency.choices)
        return {v: str(choices.get(v, v)) for v in values}
    if facet == "price":
        return {v: str(PRICE_LABELS.get(v, v)) for v in values}
    if facet == "subject":
        names = dict(Subject.objects.filter(slug__in=values).values_list("slug", "name"))
        return {v: names.get(v, v) for v in values}
    if facet == "region":
        names = dict(Region.objects.filter(code__in=values).values_list("code", "name"))
        return {v: f"{names[v]} ({v})" if v in names else v for v in values}
    return {v: v for v in values}


def sort_key(facet: str):
    """Types in their fixed order, years newest first, the rest by count then label."""
    if facet == "type":
        return lambda fv: (TYPE_ORDER.index(fv.value) if fv.value in TYPE_ORDER else 99,)
    if facet == "year":
        return lambda fv: (-int(fv.value) if fv.value.isdigit() else 0,)
    return lambda fv: (-fv.count, fv.label)
