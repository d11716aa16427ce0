"""Shop products of the three PNBP classes, with their stock record (Oscar needs one per line)
and, for Data Mikro, a small codebook whose numbers are easy to check by hand."""

from __future__ import annotations

import io
from decimal import Decimal

from oscar.core.loading import get_model
from PIL import Image

from catalogue.models import MicrodataDataset, MicrodataRegion, MicrodataVariable
from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI, product_classes_ensure
from catalogue.services import microdata_master_attach, wks_map_master_attach

# name, block, label, type, width: one record of all five takes 4+1+2+9+10 + 5 = 31 bytes.
CODEBOOK = (
    ("region_code", "Blok I. Keterangan Tempat", "Kode wilayah", "categorical", 4),
    ("B4K4", "Blok IV. Anggota Rumah Tangga", "Jenis kelamin", "categorical", 1),
    ("B4K5", "Blok IV. Anggota Rumah Tangga", "Umur", "numeric", 2),
    ("B7R12", "Blok VII. Pekerjaan Utama", "Upah sebulan", "numeric", 9),
    ("WEIGHT", "Penimbang", "Penimbang individu", "numeric", 10),
)
# code, name, records: 40.000 records in all.
REGIONS = (
    ("7371", "Kota Makassar", 30_000),
    ("7315", "Kabupaten Pinrang", 10_000),
)

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def _partner():
    Partner = get_model("partner", "Partner")
    partner, _ = Partner.objects.get_or_create(code="bps", defaults={"name": "BPS"})
    return partner


def make_product(*, class_slug: str, title: str, attributes: dict | None = None, **fields):
    """A public standalone product of one PNBP class with a stock record (price unused)."""
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    classes = product_classes_ensure()
    n = _next()
    product = Product(
        title=title,
        upc=f"TEST-{class_slug}-{n}",
        product_class=classes[class_slug],
        structure=Product.STANDALONE,
        is_public=True,
        **fields,
    )
    for code, value in (attributes or {}).items():
        setattr(product.attr, code, value)
    product.save()
    StockRecord.objects.create(
        product=product,
        partner=_partner(),
        partner_sku=product.upc,
        price=Decimal("1"),  # never charged: the strategy quotes every PNBP product
        price_currency="IDR",
        num_in_stock=None,
    )
    return product


def publication_product(*, page=None, page_count: int | None = None, title: str = "Statistik Uji"):
    """A Publikasi product; with a library ``page`` its page count is the page's, as the
    one-way sync sets it (the buyer's journey showed 120 pages beside a 55-page tariff line)."""
    if page_count is None:
        page_count = (page.page_count if page is not None else None) or 120
    return make_product(
        class_slug=PUBLIKASI,
        title=title,
        attributes={"page_count": page_count, "format": "PDF"},
        publication_page=page,
    )


def microdata_product(
    *, title: str = "Sakernas Uji 2025", codebook=CODEBOOK, regions=REGIONS, year: int = 2025
):
    product = make_product(
        class_slug=DATA_MIKRO,
        title=title,
        attributes={
            "survey": "Survei Angkatan Kerja Nasional",
            "year": year,
            "record_count": sum(r[2] for r in regions),
        },
    )
    dataset = MicrodataDataset.objects.create(
        product=product,
        survey="Survei Angkatan Kerja Nasional",
        year=year,
        reference_period="Agustus 2025",
        region_level=MicrodataDataset.RegionLevel.KABUPATEN,
        record_unit="individu",
    )
    MicrodataVariable.objects.bulk_create(
        MicrodataVariable(
            dataset=dataset, position=i, name=name, block=block, label=label, type=kind, width=w
        )
        for i, (name, block, label, kind, w) in enumerate(codebook, start=1)
    )
    MicrodataRegion.objects.bulk_create(
        MicrodataRegion(dataset=dataset, code=code, name=name, record_count=count)
        for code, name, count in regions
    )
    return product


def wks_product(*, kind: str = "kabkota_desa", region_code: str = "7371", title: str = ""):
    return make_product(
        class_slug=PETA_WKS,
        title=title or f"Peta WKS {region_code} {kind}",
        attributes={"map_kind": kind, "region_code": region_code, "year": 2025},
    )


#: A codebook's worth of records small enough to write as a master in a test (issue #20).
SMALL_REGIONS = (
    ("7371", "Kota Makassar", 3),
    ("7315", "Kabupaten Pinrang", 2),
)


def master_bytes(codebook=CODEBOOK, regions=SMALL_REGIONS) -> bytes:
    """A stored master (the delivery layout, ``catalogue/microdata.py``) that agrees with the
    codebook: each region's records, each value padded to its byte width."""
    lines = []
    for code, _name, count in regions:
        for n in range(count):
            fields = []
            for name, _block, _label, _kind, width in codebook:
                value = code if name == "region_code" else str(n + 1)
                fields.append(value.rjust(width, "0")[:width])
            lines.append(",".join(fields) + "\n")
    return "".join(lines).encode("ascii")


def deliverable_microdata_product(**kwargs):
    """A Data Mikro product with its codebook and an attached master (sellable, issue #20)."""
    kwargs.setdefault("regions", SMALL_REGIONS)
    product = microdata_product(**kwargs)
    microdata_master_attach(
        dataset=product.microdata,
        chunks=[master_bytes(kwargs.get("codebook", CODEBOOK), kwargs["regions"])],
        filename="induk.csv",
    )
    return product


def deliverable_wks_product(**kwargs):
    """A Peta WKS product with its map master attached (sellable, issue #20)."""
    product = wks_product(**kwargs)
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, format="PNG")
    wks_map_master_attach(product=product, content=out.getvalue(), filename="peta.png")
    product.refresh_from_db()
    return product
