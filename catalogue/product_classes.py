"""The three kinds of statistical product (DOMAIN.md, "Sale of statistical products").

Digital goods: no shipping and no stock tracking. Attributes hold what the product page shows;
the tariff data that prices them lives in ``shop.billing``.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class ProductFacts:
    """What the buyer gets, shown on every product page (issue #6), in Indonesian.

    Text of the office's service standard (DOMAIN.md, "Sale of statistical products"): online
    buyers need an account with a verified e-mail and, for private-sector buyers, an NPWP;
    microdata and maps also need the abstraksi penggunaan data and the SPPD; Rp0 needs a cover
    letter from the institution.
    """

    format: str
    media: str
    sample: str
    documents: tuple[str, ...]


_COMMON_DOCUMENTS = (
    "Akun PST dengan alamat e-mail terverifikasi",
    "NPWP bagi pembeli swasta",
    "Surat pengantar instansi bila mengajukan tarif Rp0 (penggunaan nonkomersial)",
)
_DATA_DOCUMENTS = (
    "Abstraksi penggunaan data (rencana penggunaan data)",
    "SPPD (Surat Perjanjian Penggunaan Data), dua rangkap bermeterai Rp10.000",
)

PRODUCT_FACTS: dict[str, ProductFacts] = {
    PUBLIKASI: ProductFacts(
        format="PDF (softcopy) bertanda air atas nama pembeli",
        media="Unduhan dari akun PST setelah pembayaran dikonfirmasi",
        sample="Ringkasan dan metadata publikasi di e-pustaka",
        documents=_COMMON_DOCUMENTS,
    ),
    DATA_MIKRO: ProductFacts(
        format="Teks lebar tetap berpemisah koma (CSV) + codebook (PDF)",
        media="Unduhan dari akun PST setelah pembayaran dikonfirmasi",
        sample="Contoh record dikirim petugas bersama invoice untuk diperiksa",
        documents=_COMMON_DOCUMENTS + _DATA_DOCUMENTS,
    ),
    PETA_WKS: ProductFacts(
        format="SHP, GeoJSON dan PDF",
        media="Unduhan dari akun PST setelah pembayaran dikonfirmasi",
        sample="Gambar pratinjau bertanda air di halaman ini",
        documents=_COMMON_DOCUMENTS + _DATA_DOCUMENTS,
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
