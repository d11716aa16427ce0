"""The tariff schedule's lines, units, details and price-class reasons in the page's language.

A schedule's wording and a quote's details and reason are Indonesian, the regulation's own
words, and they are kept that way: the stored schedules and the quotes snapshotted with orders
are never rewritten, and the invoice and kuitansi (official documents) print them as stored.
This is the display layer (issue #17): in Indonesian it shows the stored text unchanged; in
English it says the line by its stable code and reads a stored detail or reason back through
the Indonesian templates of ``shop.pricing.tariffs`` to say it with English wording. A text it
cannot read (an older wording, an officer's own note) is shown as stored.

The English message ids below have the schedule's exact Indonesian as their translation; a test
checks each against the schedule, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from django.utils.translation import get_language, gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from pst.formats import format_number
from shop.pricing import tariffs
from shop.pricing.tariffs import Segment, TariffCode

LINE_LABELS = {
    TariffCode.EPUB_FIRST_50: _("E-publication, first 50 pages"),
    TariffCode.EPUB_NEXT_50: _("E-publication, each further 50 pages"),
    TariffCode.MICRODATA_FIRST_MB: _("Microdata without processing (per dataset), first 1 MB"),
    TariffCode.MICRODATA_NEXT_1000B: _("Microdata without processing, each further 1,000 bytes"),
    TariffCode.MICRODATA_PROCESSED_FIRST_MB: _(
        "Microdata with processing (tabulation, per table), first 1 MB"
    ),
    TariffCode.MICRODATA_PROCESSED_NEXT_1000B: _(
        "Microdata with processing (per table), each further 1,000 bytes"
    ),
    TariffCode.WKS_NATIONAL_KECAMATAN: _("Digital WKS map of Indonesia by district (kecamatan)"),
    TariffCode.WKS_NATIONAL_DESA: _("Digital WKS map of Indonesia by village (desa/kelurahan)"),
    TariffCode.WKS_KABKOTA_KECAMATAN: _(
        "Digital WKS map of one regency/city by district (kecamatan)"
    ),
    TariffCode.WKS_KABKOTA_DESA: _(
        "Digital WKS map of one regency/city by village (desa/kelurahan)"
    ),
}

_PER_50_PAGES = _("per 50 pages")
_PER_1000_BYTES = _("1,000 bytes")
_PER_MAP = _("per map")
UNIT_LABELS = {
    TariffCode.EPUB_FIRST_50: _PER_50_PAGES,
    TariffCode.EPUB_NEXT_50: _PER_50_PAGES,
    TariffCode.MICRODATA_FIRST_MB: "1 MB",
    TariffCode.MICRODATA_NEXT_1000B: _PER_1000_BYTES,
    TariffCode.MICRODATA_PROCESSED_FIRST_MB: "1 MB",
    TariffCode.MICRODATA_PROCESSED_NEXT_1000B: _PER_1000_BYTES,
    TariffCode.WKS_NATIONAL_KECAMATAN: _PER_MAP,
    TariffCode.WKS_NATIONAL_DESA: _PER_MAP,
    TariffCode.WKS_KABKOTA_KECAMATAN: _PER_MAP,
    TariffCode.WKS_KABKOTA_DESA: _PER_MAP,
}

#: the segments as a reason names them (``Segment.label`` is the Indonesian)
SEGMENT_LABELS = {
    Segment.UMUM: _("general public (individuals)"),
    Segment.MAHASISWA: _("students"),
    Segment.PENELITI: _("researchers"),
    Segment.SWASTA: _("private sector (swasta)"),
    Segment.INSTANSI_PEMERINTAH: _("central/regional government bodies"),
    Segment.LEMBAGA_NEGARA: _("state institutions"),
    Segment.INSTITUSI_PENDIDIKAN: _("domestic educational institutions"),
    Segment.PERWAKILAN_ASING: _("foreign missions"),
    Segment.LEMBAGA_INTERNASIONAL: _("international organisations"),
}

#: what a product page adds to a partial microdata selection's title (shop.pricing.quotes)
SELECTION_SUFFIX = " (pilihan)"

_NOL_RUPIAH_RULE_EN = "PP 13/2024 Article 4; formerly PP 7/2015 Article 8"

# (Indonesian template of shop.pricing.tariffs, English message id with the same placeholders)
REASONS = (
    (
        tariffs.REASON_LIBRARY,
        _("The library collection (e-library) is free of charge under the PST service standard."),
    ),
    (
        tariffs.REASON_SEGMENT_PAYS,
        _(
            "The %(segment)s segment pays the PNBP tariff; the Rp0 tariff is only for government "
            "bodies, state institutions, domestic educational institutions, foreign missions and "
            "international organisations (%(rule)s)."
        ),
    ),
    (
        tariffs.REASON_COMMERCIAL,
        _(
            "Commercial use pays the PNBP tariff; the Rp0 tariff is only for non-commercial use "
            "(%(rule)s)."
        ),
    ),
    (
        tariffs.REASON_NO_COVER_LETTER,
        _(
            "The Rp0 tariff needs a cover letter from the %(segment)s; without one the PNBP "
            "tariff applies (%(rule)s)."
        ),
    ),
    (
        tariffs.REASON_NOL_RUPIAH,
        _("Rp0 tariff: %(segment)s, non-commercial use, with a cover letter (%(rule)s)."),
    ),
    (tariffs.REASON_DEFAULT_BERBAYAR, _("PNBP tariff by %(schedule)s.")),
    (tariffs.REASON_DEFAULT_NOL_RUPIAH, _("Rp0 tariff (%(rule)s).")),
    (tariffs.REASON_DEFAULT_GRATIS, _("Free service.")),
)

# A number read from a detail is also given as ``<name>_n`` (an int) for the plural forms.
DETAILS = (
    (
        tariffs.DETAIL_PAGES,
        ngettext_lazy(
            "%(pages)s pages = %(blocks)s block", "%(pages)s pages = %(blocks)s blocks", "blocks_n"
        ),
    ),
    (
        tariffs.DETAIL_BYTES_TABLES,
        ngettext_lazy(
            "%(size)s bytes x %(tables)s table", "%(size)s bytes x %(tables)s tables", "tables_n"
        ),
    ),
    (tariffs.DETAIL_BYTES, _("%(size)s bytes")),
    (tariffs.DETAIL_MAPS, ngettext_lazy("%(count)s map", "%(count)s maps", "count_n")),
)


def _is_indonesian() -> bool:
    return (get_language() or "id").split("-")[0].lower() == "id"


@cache
def _reader(template: str) -> re.Pattern:
    """A pattern reading a text the Indonesian ``template`` made back into its values."""
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(pattern)


_SEGMENTS_BY_INDONESIAN = {segment.label: segment for segment in Segment}


def _values(values: dict[str, str]) -> dict[str, str] | None:
    """The English placeholders of a read text; ``None`` when a value is not one we know."""
    english = {"rule": _NOL_RUPIAH_RULE_EN}
    for name, value in values.items():
        if name == "segment":
            if value not in _SEGMENTS_BY_INDONESIAN:
                return None
            english[name] = str(SEGMENT_LABELS[_SEGMENTS_BY_INDONESIAN[value]])
        elif name == "schedule":
            english[name] = value
        else:  # a count written with Indonesian grouping ("1.234")
            digits = value.replace(".", "")
            if not digits.isdigit():
                return None
            english[name], english[f"{name}_n"] = format_number(int(digits)), int(digits)
    return english


def _say(text: str, table, fallback: Callable[[str], str] | None = None) -> str:
    for template, english in table:
        match = _reader(template).fullmatch(text)
        if match and (values := _values(match.groupdict())) is not None:
            return english % values
    return fallback(text) if fallback else text


def line_description(line) -> str:
    """A schedule item's or quote line's description: stored in Indonesian, by code in English."""
    if _is_indonesian() or line.code not in LINE_LABELS:
        return line.description
    return str(LINE_LABELS[line.code])


def line_unit(item) -> str:
    if _is_indonesian() or item.code not in UNIT_LABELS:
        return item.unit
    return str(UNIT_LABELS[item.code])


def _product_label(label: str) -> str:
    if label.endswith(SELECTION_SUFFIX):
        return gettext("%(title)s (selection)") % {"title": label[: -len(SELECTION_SUFFIX)]}
    return label


def _labelled_detail(text: str) -> str:
    """ "Statistik Daerah: 120 halaman = 3 blok": the product's own title, then the detail."""
    label, separator, detail = text.rpartition(": ")
    if not separator:
        return text
    said = _say(detail, DETAILS)
    if said == detail:
        return text
    return f"{_product_label(label)}: {said}"


def line_detail(line) -> str:
    if _is_indonesian() or not line.detail:
        return line.detail
    return _say(line.detail, DETAILS, _labelled_detail)


def quote_reason(reason: str) -> str:
    if _is_indonesian() or not reason:
        return reason
    return _say(reason, REASONS)
