"""Shop products of the three PNBP classes, with their stock record (Oscar needs one per line)
and, for Data Mikro, a small codebook whose numbers are easy to check by hand.

Each product can be delivered, hence sold (issue #20, ``catalogue.selectors.deliverability``):
a Publikasi product sells a library page with a prepared master, a Data Mikro product has its
codebook-padded master, a Peta WKS product its map master. ``deliverable=False`` makes one
without (the tests of what the shop does with a product it cannot hand over). The masters'
bytes are built once per session and written under a new name per product.
"""

from __future__ import annotations

import io
import uuid
from decimal import Decimal
from functools import cache

from oscar.core.loading import get_model
from PIL import Image

from catalogue.masters import master_version_create
from catalogue.models import MasterVersion, MicrodataDataset, MicrodataRegion, MicrodataVariable
from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI, product_classes_ensure
from catalogue.services import wks_map_master_attach
from tests.factories.library import sold_publication_page

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


def publication_product(
    *,
    page=None,
    page_count: int | None = None,
    title: str = "Statistik Uji",
    deliverable: bool = True,
):
    """A Publikasi product; with a library ``page`` its page count is the page's, as the
    one-way sync sets it (the buyer's journey showed 120 pages beside a 55-page tariff line).

    Without ``page`` it sells a new not-free library page of ``page_count`` pages with a
    prepared master (``sold_publication_page``); ``deliverable=False`` leaves it without any
    page (not sellable). A given ``page`` is used as it is.
    """
    if page is None and deliverable:
        page = sold_publication_page(title=title, page_count=page_count or 120)
    if page_count is None:
        page_count = (page.page_count if page is not None else None) or 120
    return make_product(
        class_slug=PUBLIKASI,
        title=title,
        attributes={"page_count": page_count, "format": "PDF"},
        publication_page=page,
    )


def microdata_product(
    *,
    title: str = "Sakernas Uji 2025",
    codebook=CODEBOOK,
    regions=REGIONS,
    year: int = 2025,
    deliverable: bool = True,
):
    """A Data Mikro product with its codebook and covered regions and, unless
    ``deliverable=False``, a master that agrees with both (:func:`master_bytes`: as many
    records per region as ``regions`` says, 40.000 by default)."""
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
    if deliverable:
        _write_microdata_master(product, codebook=codebook, regions=regions)
        product.refresh_from_db()
    return product


def wks_product(
    *,
    kind: str = "kabkota_desa",
    region_code: str = "7371",
    title: str = "",
    deliverable: bool = True,
):
    """A Peta WKS product with its map master (a small PNG) unless ``deliverable=False``."""
    product = make_product(
        class_slug=PETA_WKS,
        title=title or f"Peta WKS {region_code} {kind}",
        attributes={"map_kind": kind, "region_code": region_code, "year": 2025},
    )
    if deliverable:
        wks_map_master_attach(
            product=product, content=map_png(), filename=f"peta-{uuid.uuid4().hex[:8]}.png"
        )
        product.refresh_from_db()
    return product


#: A codebook's worth of records small enough to write as a master in a test (issue #20).
SMALL_REGIONS = (
    ("7371", "Kota Makassar", 3),
    ("7315", "Kabupaten Pinrang", 2),
)


def master_bytes(codebook=CODEBOOK, regions=SMALL_REGIONS) -> bytes:
    """A stored master (the delivery layout, ``catalogue/microdata.py``) that agrees with the
    codebook: each region's records, each value padded to its byte width."""
    return _master_bytes(_frozen(codebook), _frozen(regions))


def _frozen(rows) -> tuple:
    return tuple(tuple(row) for row in rows)


@cache
def _master_bytes(codebook: tuple, regions: tuple) -> bytes:
    """Built once per codebook and regions in a session (the default's 40.000 records)."""
    lines = []
    for code, _name, count in regions:
        for n in range(count):
            fields = []
            for name, _block, _label, _kind, width in codebook:
                value = code if name == "region_code" else str(n + 1)
                fields.append(value.rjust(width, "0")[:width])
            lines.append(",".join(fields) + "\n")
    return "".join(lines).encode("ascii")


def _write_microdata_master(product, *, codebook, regions) -> None:
    """Store :func:`master_bytes` as the product's current master version, as
    ``catalogue.services.microdata_master_attach`` does after its check (skipped: the bytes
    agree with the codebook by construction, and checking 40.000 records per product would be
    most of a test's time). A new file name per product: the private store lives for the
    session, and a test that breaks its master must not break another's."""
    content = master_bytes(codebook, regions)
    master_version_create(
        product=product,
        kind=MasterVersion.Kind.MICRODATA,
        handle=io.BytesIO(content),
        filename=f"induk-{uuid.uuid4().hex[:12]}.csv",
        source_format="tetap",
        record_count=content.count(b"\n"),
    )


@cache
def map_png() -> bytes:
    """A small white PNG: a map master ``wks_map_master_attach`` accepts."""
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, format="PNG")
    return out.getvalue()


def deliverable_microdata_product(**kwargs):
    """A Data Mikro product with a small master (:data:`SMALL_REGIONS`, 5 records) that a test
    can cut and deliver quickly (sellable, issue #20)."""
    kwargs.setdefault("regions", SMALL_REGIONS)
    return microdata_product(**kwargs)


def deliverable_wks_product(**kwargs):
    """A Peta WKS product with its map master attached (sellable, issue #20): the default."""
    return wks_product(**kwargs)
