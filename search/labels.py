"""How facet values read on the page (both backends share them)."""

from __future__ import annotations

import threading
import time

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
NAMES_SECONDS = 60.0
_names_lock = threading.Lock()
_names: dict[str, tuple[float, dict[str, str]]] = {}


def _all_names(kind: str) -> dict[str, str]:
    """Subject and region names for the facet labels, read once a minute per process instead
    of at every search (issue #21: two queries of every results page); a saved subject or
    region clears them (``search.signals``)."""
    now = time.monotonic()
    cached = _names.get(kind)
    if cached is None or now - cached[0] > NAMES_SECONDS:
        if kind == "subject":
            names = dict(Subject.objects.values_list("slug", "name"))
        else:
            names = dict(
                Region.objects.filter(
                    level__in=("nasional", "provinsi", "kabupaten", "kota")
                ).values_list("code", "name")
            )
        with _names_lock:
            _names[kind] = (now, names)
        return names
    return cached[1]


def _with_missing(names: dict[str, str], values, model, field: str) -> dict[str, str]:
    """Values the cached names lack (a kecamatan code, a subject added a moment ago by a bulk
    write that sends no signal) are read on demand."""
    missing = [v for v in values if v not in names]
    if not missing:
        return names
    found = model.objects.filter(**{f"{field}__in": missing}).values_list(field, "name")
    return {**names, **dict(found)}


def clear_names() -> None:
    with _names_lock:
        _names.clear()


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
        names = _with_missing(_all_names("subject"), values, Subject, "slug")
        return {v: names.get(v, v) for v in values}
    if facet == "region":
        names = _with_missing(_all_names("region"), values, Region, "code")
        return {v: f"{names[v]} ({v})" if v in names else v for v in values}
    return {v: v for v in values}


def sort_key(facet: str):
    """Types in their fixed order, years newest first, the rest by count then label."""
    if facet == "type":
        return lambda fv: (TYPE_ORDER.index(fv.value) if fv.value in TYPE_ORDER else 99,)
    if facet == "year":
        return lambda fv: (-int(fv.value) if fv.value.isdigit() else 0,)
    return lambda fv: (-fv.count, fv.label)
