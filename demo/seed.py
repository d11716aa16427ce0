"""Build the demo site through the real code paths (STYLE.md habit 12).

Idempotent: every object is looked up by a natural key (e-mail, slug, UPC) before it is created,
so running ``seed_demo`` twice leaves one copy of everything.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

from catalogue import services as catalogue_services
from catalogue.models import Product
from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI, product_classes_ensure
from catalogue.selectors import deliverability
from demo.orders import seed_demo_orders
from library import ingest
from library import services as library_services
from library.models import PublicationPage, Region, Subject
from pst import roles
from pst.clock import office_today
from pst.models import User, UserSegment
from pst.services import user_assign_role
from shop.pricing import tariffs

from . import catalogue_data, pdfgen, shop_data
from .activity import seed_activity

DEMO_PASSWORD = "pst-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str | None
    segment: str = UserSegment.UMUM
    institution: str = ""
    npwp: str = ""
    nip: str = ""  # office staff: printed under their signature on documents


DEMO_ACCOUNTS = (
    DemoAccount(
        "admin@pst.demo",
        "Administrator PST",
        roles.ADMINISTRATOR,
        UserSegment.INSTANSI_PEMERINTAH,
        "Badan Pusat Statistik",
    ),
    DemoAccount(
        "pustakawan@pst.demo",
        "Sri Wahyuni",
        roles.LIBRARIAN,
        UserSegment.INSTANSI_PEMERINTAH,
        "Badan Pusat Statistik",
        nip="198703222011012003",
    ),
    DemoAccount(
        "petugas@pst.demo",
        "Andi Pratama",
        roles.OFFICER,
        UserSegment.INSTANSI_PEMERINTAH,
        "Badan Pusat Statistik",
        nip="199005142014031001",
    ),
    DemoAccount(
        "bendahara@pst.demo",
        "Dewi Lestari",
        roles.TREASURER,
        UserSegment.INSTANSI_PEMERINTAH,
        "Badan Pusat Statistik",
        nip="198811062012122002",
    ),
    DemoAccount(
        "kepala@pst.demo",
        "Ir. Bambang Sutrisno",
        roles.HEAD_OF_OFFICE,
        UserSegment.INSTANSI_PEMERINTAH,
        "Badan Pusat Statistik",
        nip="196804171994031002",
    ),
    DemoAccount(
        "pembaca@pst.demo", "Rina Marlina", None, UserSegment.MAHASISWA, "Universitas Hasanuddin"
    ),
    DemoAccount(
        "pembeli@pst.demo",
        "PT Data Nusantara",
        None,
        UserSegment.SWASTA,
        "PT Data Nusantara",
        "012345678901000",
    ),
)


def seed_accounts() -> list[DemoAccount]:
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                email=account.email,
                password=DEMO_PASSWORD,
                full_name=account.full_name,
                phone="0411-123456",
                institution=account.institution,
                segment=account.segment,
                npwp=account.npwp,
                nip=account.nip,
                identity_document_number="7371000000000001",
                email_verified_at=timezone.now(),
            )
        elif account.nip and not user.nip:  # a demo seeded before staff had NIPs
            user.nip = account.nip
            user.save(update_fields=["nip"])
        if account.role == roles.ADMINISTRATOR and not user.is_superuser:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        if account.role:
            user_assign_role(user=user, role=account.role)
    return list(DEMO_ACCOUNTS)


_FREQUENCY = {
    "Tahunan": "tahunan",
    "Semesteran": "semesteran",
    "Triwulanan": "triwulanan",
    "Bulanan": "bulanan",
    "Sekali terbit": "sekali",
}


def seed_regions() -> int:
    """Every region whose name the demo knows (Indonesia, the 38 provinces, its kabupaten/kota),
    not only those a publication uses: a kabupaten's documents also count under its province
    (``search.backends.base.region_with_province``), and a province without a row showed as its
    code in the search facets and result lines ("1200, 1400 … 9700", issue #17). The complete
    master comes with the real-data issue."""
    for code in catalogue_data.REGIONS:
        _region(code)
    return len(catalogue_data.REGIONS)


def _region(code: str) -> Region:
    demo = catalogue_data.REGIONS[code]
    region, _ = Region.objects.update_or_create(
        code=demo.code, defaults={"name": demo.title_name, "level": demo.level}
    )
    return region


def _subject(name: str) -> Subject:
    subject, _ = Subject.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return subject


def seed_publications(
    *, library, pdf_dir: Path, count: int, progress: Callable[[str], None]
) -> list[tuple[PublicationPage, catalogue_data.DemoPublication]]:
    """One Wagtail page per demo publication, with its generated PDF as the private master.

    Scheduled publications are published with ``go_live_at`` in the future, the way a librarian
    schedules a release in the Advance Release Calendar: they stay invisible until then.
    """
    pages = []
    for pub in catalogue_data.demo_publications(count=count, today=office_today()):
        page = PublicationPage.objects.filter(slug=pub.slug).first()
        if page is not None:
            pages.append((page, pub))
            continue
        progress(pub.title)
        page = PublicationPage(
            title=pub.title,
            slug=pub.slug,
            subtitle=pub.subtitle or "",
            title_en=pub.title_en or "",
            katalog=pub.katalog,
            nomor_publikasi=pub.nomor_publikasi,
            issn=pub.issn or "",
            isbn=pub.isbn or "",
            release_date=pub.release_date,
            frequency=_FREQUENCY.get(pub.frequency, "tahunan"),
            region=_region(pub.region_code),
            authors="; ".join((*pub.authors, *pub.editors)),
            publisher=pub.publisher,
            language=pub.language,
            abstract=pub.abstract,
            is_free=pub.is_free,
            live=False,
        )
        if pub.has_softcopy:
            pdf_path = pdf_dir / f"{pub.slug}.pdf"
            pdfgen.build_publication_pdf(pdf_path, pub)
            ingest.publication_attach_pdf(
                page=page, pdf_path=pdf_path, filename=f"{pub.katalog or pub.slug}.pdf"
            )
        if pub.scheduled:
            # Releases go out at 11.00 Jakarta time on their day (the ARC's usual hour).
            page.go_live_at = timezone.make_aware(datetime.combine(pub.release_date, time(11)))
        library.add_child(instance=page)
        page.subjects.set([_subject(pub.subject)])
        revision = page.save_revision()
        revision.publish()
        pages.append((page, pub))
    return pages


def _partner():
    Partner = get_model("partner", "Partner")
    partner, _ = Partner.objects.get_or_create(
        code="bps", defaults={"name": "Badan Pusat Statistik"}
    )
    return partner


def _product(
    *,
    upc: str,
    title: str,
    product_class,
    description: str,
    price: Decimal,
    attributes: dict,
    publication_page=None,
):
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    product = Product.objects.filter(upc=upc).first()
    if product is None:
        product = Product(upc=upc, structure=Product.STANDALONE)
    product.title = title
    product.product_class = product_class
    product.description = description
    product.publication_page = publication_page
    product.is_public = True
    for code, value in attributes.items():
        setattr(product.attr, code, value)
    product.save()
    StockRecord.objects.update_or_create(
        product=product,
        partner=_partner(),
        defaults={
            "partner_sku": upc,
            "price": price,
            "price_currency": "IDR",
            "num_in_stock": None,
        },
    )
    return product


def seed_products(
    *, publications: list[tuple[PublicationPage, catalogue_data.DemoPublication]], on
) -> int:
    """Shop products priced by the tariff schedule in force (PNBP, DOMAIN.md): the
    publications the demo marks for sale, every microdata set and every WKS map (with its
    public preview and its private master, each attached once)."""

    classes = product_classes_ensure()
    catalogue_services.product_options_ensure()
    count = 0
    for page, pub in publications:
        if not pub.for_sale:
            continue
        quote = tariffs.quote([tariffs.EpublicationRequest(pages=page.page_count or 1)], on=on)
        _product(
            upc=f"PUB-{page.slug[:40]}",
            title=page.title,
            product_class=classes[PUBLIKASI],
            description=page.abstract,
            price=quote.total,
            attributes={"page_count": page.page_count or 1, "format": "PDF (softcopy)"},
            publication_page=page,
        )
        count += 1
    for dataset in shop_data.demo_microdata():
        size = shop_data.selection_bytes(dataset)
        quote = tariffs.quote([tariffs.MicrodataRequest(size_bytes=size)], on=on)
        product = _product(
            upc=f"DM-{dataset.slug[:40]}",
            title=dataset.title,
            product_class=classes[DATA_MIKRO],
            description=dataset.description,
            price=quote.total,
            attributes={
                "survey": dataset.survey,
                "year": dataset.year,
                "reference_period": dataset.reference_period,
                "region_level": dataset.region_level,
                "record_count": dataset.record_count,
                "format": "CSV + codebook",
            },
        )
        codebook = catalogue_services.microdata_codebook_set(
            product=product, **shop_data.codebook_kwargs(dataset)
        )
        if not codebook.master:
            catalogue_services.microdata_master_attach(
                dataset=codebook,
                chunks=shop_data.master_chunks(dataset),
                filename=f"{dataset.slug}.csv",
            )
        count += 1
    for wks in shop_data.demo_wks_maps():
        quote = tariffs.quote([tariffs.WksMapRequest(kind=wks.kind)], on=on)
        product = _product(
            upc=f"WKS-{wks.slug[:40]}",
            title=wks.title,
            product_class=classes[PETA_WKS],
            description=wks.description,
            price=quote.total,
            attributes={
                "map_kind": str(wks.kind),
                "region_code": wks.region_code,
                "year": wks.year,
                "format": " + ".join(wks.formats),
            },
        )
        catalogue_services.wks_preview_attach(
            product=product, png=shop_data.render_wks_preview(wks), filename=f"{wks.slug}.png"
        )
        if not product.wks_master:
            catalogue_services.wks_map_master_attach(
                product=product,
                content=shop_data.render_wks_master(wks),
                filename=f"{wks.slug}.png",
            )
        count += 1
    return count


@transaction.atomic
def seed_all(*, count: int = 64, progress: Callable[[str], None] = lambda _m: None) -> dict:
    structure = library_services.site_ensure_structure(
        home_title="Pelayanan Statistik Terpadu Online",
        home_intro="<p>Satu pintu untuk perpustakaan, konsultasi statistik, penjualan produk "
        "statistik, dan rekomendasi kegiatan statistik.</p>",
        library_title="E-Pustaka",
        library_intro="<p>Publikasi statistik resmi: baca daring dan unduh salinan bertanda air "
        "atas nama Anda.</p>",
        home_title_en="Integrated Statistical Services Online",
        home_intro_en="<p>One door to the library, statistical consultation, the sale of "
        "statistical products and the recommendation of statistical activities.</p>",
        library_title_en="E-library",
        library_intro_en="<p>Official statistical publications: read online and download a "
        "copy watermarked with your name.</p>",
    )
    accounts = seed_accounts()
    seed_regions()
    with tempfile.TemporaryDirectory(prefix="pst-seed-") as tmp:
        publications = seed_publications(
            library=structure.library, pdf_dir=Path(tmp), count=count, progress=progress
        )
    products = seed_products(publications=publications, on=office_today())
    seed_softcopy_requests(publications=publications)
    seed_orders()
    # After the order desk's orders: those are made only for a buyer without orders.
    activity = seed_activity(progress=progress)
    check_demo_products_deliverable()
    return {
        "accounts": accounts,
        "publications": len(publications),
        "products": products,
        "activity": activity,
    }


def check_demo_products_deliverable() -> None:
    """Fail loudly (``CommandError``, the whole seed rolled back) if a public product of the
    demo cannot be delivered (issue #20: nothing is sold that cannot be delivered). Asked of
    ``deliverability`` itself, not of ``sale_blocker``: the demo must hold every master whether
    or not a deployment enforces the rule."""
    missing = []
    for product in (
        Product.objects.filter(is_public=True)
        .select_related("product_class", "publication_page")
        .order_by("title")
    ):
        state = deliverability(product)
        if not state.deliverable:
            missing.append(f"{product.title} ({state.reason})")
    if missing:
        raise CommandError(
            "Produk demo yang dijual tidak dapat dikirim (berkas induk tidak ada): "
            + "; ".join(missing)
        )


def seed_softcopy_requests(
    *, publications: list[tuple[PublicationPage, catalogue_data.DemoPublication]]
) -> None:
    """The demo reader has asked for the softcopy of the first title listed without one, so the
    librarian finds a request to answer in the admin (once: an answered request is not filed
    again on the next run)."""
    reader = User.objects.get(email="pembaca@pst.demo")
    listed_only = [page.pk for page, pub in publications if not pub.has_softcopy]
    # The pages in ``publications`` may be the unsaved instances publish() copied from, so
    # what is live is asked of the database.
    page = PublicationPage.objects.live().filter(pk__in=listed_only).order_by("pk").first()
    if page is None or page.softcopy_requests.filter(reader=reader).exists():
        return
    library_services.softcopy_request_create(
        reader=reader, publication=page, note="Untuk bahan skripsi tentang perkembangan daerah."
    )


def seed_orders() -> None:
    """Orders of the demo buyer in every state of the order desk, so the officer's queue and
    "Pesanan saya" are not empty (demo/orders.py; idempotent there)."""

    buyer = User.objects.get(email="pembeli@pst.demo")
    officer = User.objects.get(email="petugas@pst.demo")
    products = list(
        Product.objects.filter(product_class__slug=PUBLIKASI, is_public=True).order_by("pk")[:1]
    )
    seed_demo_orders(buyer=buyer, officer=officer, products=products)
