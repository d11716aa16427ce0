"""The three kinds of statistical product (DOMAIN.md, "Sale of statistical products").

Digital goods: no shipping and no stock tracking. Attributes hold what the product page shows;
the tariff data that prices them lives in ``shop.billing``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

PUBLIKASI = "publikasi"
DATA_MIKRO = "data-mikro"
PETA_WKS = "peta-wks"


@dataclass(frozen=True)
class AttributeSpec:
    code: str
    name: str
    type: str
    required: bool = False


PRODUCT_CLASSES: dict[str, tuple[str, tuple[AttributeSpec, ...]]] = {
    PUBLIKASI: (
        "Publikasi",
        (
            AttributeSpec("page_count", "Jumlah halaman", "integer", True),
            AttributeSpec("format", "Format", "text"),
        ),
    ),
    DATA_MIKRO: (
        "Data Mikro",
        (
            AttributeSpec("survey", "Nama survei", "text", True),
            AttributeSpec("year", "Tahun", "integer", True),
            AttributeSpec("reference_period", "Periode referensi", "text"),
            AttributeSpec("region_level", "Level wilayah", "text"),
            AttributeSpec("record_count", "Jumlah record", "integer", True),
            AttributeSpec("format", "Format", "text"),
        ),
    ),
    PETA_WKS: (
        "Peta WKS",
        (
            AttributeSpec("map_kind", "Jenis peta", "text", True),
            AttributeSpec("region_code", "Kode wilayah", "text", True),
            AttributeSpec("year", "Tahun", "integer"),
            AttributeSpec("format", "Format", "text"),
        ),
    ),
}

#: What a person reads for each class, in the page's language: ``ProductClass.name`` is stored
#: in Indonesian (the office's term) and would show "Publikasi" on an English page (issue #17).
PRODUCT_CLASS_LABELS = {
    PUBLIKASI: _("Publication"),
    DATA_MIKRO: _("Microdata"),
    PETA_WKS: _("WKS map"),
}

#: The attributes by code, in the page's language (their stored names are Indonesian).
ATTRIBUTE_LABELS = {
    "page_count": _("Number of pages"),
    "format": _("Format"),
    "survey": _("Survey"),
    "year": _("Year"),
    "reference_period": _("Reference period"),
    "region_level": _("Region level"),
    "record_count": _("Number of records"),
    "map_kind": _("Map type"),
    "region_code": _("Region code"),
}


# --- what an online buyer uploads -------------------------------------------------------------
# The one table the product page and the checkout both read (issue #17), from DOMAIN.md "Sale of
# statistical products": online, a publication needs only the account (plus the NPWP of a
# private-sector buyer, and the institution's cover letter when it asks for the Rp0 tariff);
# microdata and maps also need the abstraksi penggunaan data and the SPPD. An identity card
# (KTP, SIM, passport) is asked at the walk-in counter only, never online. The keys are the
# values of ``shop.order.models.DocumentKind`` (catalogue may not import shop; a test checks).

ABSTRAKSI = "abstraksi"
SPPD = "sppd"
NPWP = "npwp"
COVER_LETTER = "cover_letter"

#: documents every order of the product class needs, whoever buys
DOCUMENTS_BY_CLASS: dict[str, tuple[str, ...]] = {
    PUBLIKASI: (),
    DATA_MIKRO: (ABSTRAKSI, SPPD),
    PETA_WKS: (ABSTRAKSI, SPPD),
}
#: documents that depend on the buyer, not the product
SWASTA_DOCUMENTS: tuple[str, ...] = (NPWP,)
NOL_RUPIAH_DOCUMENTS: tuple[str, ...] = (COVER_LETTER,)

#: how the product page names each requirement (the account first: it is not an upload)
ACCOUNT_REQUIREMENT = _("A PST account with a verified e-mail address")
DOCUMENT_DESCRIPTIONS = {
    ABSTRAKSI: _("Abstract of data use (how you will use the data)"),
    SPPD: _(
        "SPPD (Surat Perjanjian Penggunaan Data), two originals, each on a Rp 10,000 "
        "duty stamp (meterai)"
    ),
    NPWP: _("NPWP, for private-sector (swasta) buyers"),
    COVER_LETTER: _(
        "Your institution's cover letter, when you request the Rp0 tariff (non-commercial use)"
    ),
}


def required_documents(
    *, product_classes: Iterable[str], segment: str, nol_rupiah_requested: bool
) -> list[str]:
    """The documents an online order of ``product_classes`` needs from this buyer, in the order
    the checkout asks for them."""
    kinds: list[str] = []
    for slug in product_classes:
        kinds += [k for k in DOCUMENTS_BY_CLASS.get(slug, ()) if k not in kinds]
    if segment == "swasta":
        kinds += SWASTA_DOCUMENTS
    if nol_rupiah_requested:
        kinds += NOL_RUPIAH_DOCUMENTS
    return kinds


def product_page_requirements(slug: str) -> tuple[str, ...]:
    """What the product page lists under "Required documents": the account, the class's own
    documents, then those that depend on the buyer (NPWP, cover letter), all from the table."""
    kinds = (*DOCUMENTS_BY_CLASS.get(slug, ()), *SWASTA_DOCUMENTS, *NOL_RUPIAH_DOCUMENTS)
    return (ACCOUNT_REQUIREMENT, *(DOCUMENT_DESCRIPTIONS[k] for k in kinds))


@dataclass(frozen=True)
class ProductFacts:
    """What the buyer gets, shown on every product page (issue #6), in the page's language:
    English message ids whose Indonesian translations are the service standard's wording.

    Text of the office's service standard (DOMAIN.md, "Sale of statistical products"); the
    required documents come from :data:`DOCUMENTS_BY_CLASS`, the table the checkout reads.
    """

    slug: str
    format: str  # a lazy translation
    media: str  # a lazy translation
    sample: str  # a lazy translation

    @property
    def documents(self) -> tuple[str, ...]:
        return product_page_requirements(self.slug)


PRODUCT_FACTS: dict[str, ProductFacts] = {
    PUBLIKASI: ProductFacts(
        slug=PUBLIKASI,
        format=_("PDF (softcopy) watermarked with the buyer's name"),
        media=_("Download from your PST account once the payment is confirmed"),
        sample=_("The publication's summary and metadata in the e-library"),
    ),
    DATA_MIKRO: ProductFacts(
        slug=DATA_MIKRO,
        format=_("Fixed-width comma-separated text (CSV) + codebook (PDF)"),
        media=_("Download from your PST account once the payment is confirmed"),
        sample=_("Sample records, sent by the officer with the invoice for you to check"),
    ),
    PETA_WKS: ProductFacts(
        slug=PETA_WKS,
        format=_("PDF, PNG or JPEG, marked with the buyer's name"),
        media=_("Download from your PST account once the payment is confirmed"),
        sample=_("A watermarked preview image on this page"),
    ),
}


@transaction.atomic
def product_classes_ensure() -> dict[str, object]:
    """Create (or update) the product classes and their attributes; returns them by slug."""
    ProductClass = get_model("catalogue", "ProductClass")
    ProductAttribute = get_model("catalogue", "ProductAttribute")
    result = {}
    for slug, (name, attributes) in PRODUCT_CLASSES.items():
        product_class, _ = ProductClass.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "requires_shipping": False, "track_stock": False},
        )
        for spec in attributes:
            ProductAttribute.objects.update_or_create(
                product_class=product_class,
                code=spec.code,
                defaults={"name": spec.name, "type": spec.type, "required": spec.required},
            )
        result[slug] = product_class
    return result
