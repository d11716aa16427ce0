"""The three kinds of statistical product (DOMAIN.md, "Sale of statistical products").

Digital goods: no shipping and no stock tracking. Attributes hold what the product page shows;
the tariff data that prices them lives in ``shop.billing``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
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
