"""What is searchable, and how a page or a product becomes an :class:`IndexDocument` (reads
only; STYLE.md: selectors).

Indexed: live, public publication pages (never drafts, scheduled or private pages: Wagtail's
``live().public()``), and public Data Mikro and Peta WKS products. A Publikasi product is the
shop side of a library page, which is indexed already, so it is skipped unless it has no page.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch
from oscar.core.loading import get_model

from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI
from library.models import PublicationPage, Region

from .backends.base import IndexDocument, region_with_province
from .models import DocumentType, PublicationText

PRODUCT_TYPES = {
    DATA_MIKRO: DocumentType.MICRODATA,
    PETA_WKS: DocumentType.MAP,
    PUBLIKASI: DocumentType.PUBLICATION,
}


def publication_key(page_id: int) -> str:
    return f"publication:{page_id}"


def product_key(product_id: int) -> str:
    return f"product:{product_id}"


def region_names() -> dict[str, str]:
    return dict(Region.objects.values_list("code", "name"))


def _regions(codes, names: dict[str, str]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for code in codes:
        for each in region_with_province(str(code)):
            seen.setdefault(each, names.get(each, each))
    return tuple(seen.items())


def identifier_forms(katalog: str, nomor_publikasi: str, region_code: str) -> list[str]:
    """The ways a reader may type a publication's numbers (issue #21): as printed, without the
    dot (``11020013209060``, ``320102401``), and for a regional edition whose Katalog was
    recorded without its region suffix, with it (``1102001`` of domain ``3209`` is also
    ``1102001.3209``; of a province ``3200``, ``1102001.32``)."""
    forms: list[str] = []
    if katalog:
        forms.append(katalog)
        base = katalog.split(".")[0]
        if "." not in katalog and region_code and region_code != "0000":
            suffix = region_code[:2] if region_code.endswith("00") else region_code
            forms.append(f"{base}.{suffix}")
        if "." in katalog:
            forms.append(katalog.replace(".", ""))
    if nomor_publikasi:
        forms += [nomor_publikasi, nomor_publikasi.replace(".", "")]
    return list(dict.fromkeys(forms))


def publication_meta(
    *,
    katalog: str,
    nomor_publikasi: str,
    region_code: str,
    others: tuple[str, ...],
    subjects: tuple[tuple[str, str], ...],
    regions: tuple[tuple[str, str], ...],
) -> str:
    """The identifiers, authors, subject and region names of a publication: the ``meta``
    column (weight 4)."""
    parts = [
        *identifier_forms(katalog, nomor_publikasi, region_code),
        *others,
        " ".join(name for _, name in subjects),
        " ".join(name for _, name in regions),
    ]
    return " ".join(part for part in parts if part)


def indexable_publications():
    """Publication pages a reader may find: live and without view restrictions."""
    return (
        PublicationPage.objects.live()
        .public()
        .filter(expired=False)
        .select_related("region", "search_text")
        .prefetch_related("subjects")
        .order_by("pk")
    )


def publication_document(
    page: PublicationPage, names: dict[str, str] | None = None
) -> IndexDocument:
    names = region_names() if names is None else names
    subjects = tuple((s.slug, s.name) for s in page.subjects.all())
    try:
        fulltext = page.search_text.text
    except PublicationText.DoesNotExist:
        fulltext = ""
    regions = _regions([page.region.code], names)
    meta = publication_meta(
        katalog=page.katalog,
        nomor_publikasi=page.nomor_publikasi,
        region_code=page.region.code,
        others=(page.issn, page.isbn, page.title_en, page.authors),
        subjects=subjects,
        regions=regions,
    )
    return IndexDocument(
        key=publication_key(page.pk),
        doc_type=DocumentType.PUBLICATION,
        object_id=page.pk,
        title=page.title,
        subtitle=page.subtitle,
        url=page.url or "",
        body=page.abstract,
        meta=meta,
        fulltext=fulltext[: settings.SEARCH_FULLTEXT_MAX_CHARS],
        year=page.release_date.year if page.release_date else None,
        date=page.release_date,
        frequency=page.frequency,
        price_class="gratis" if page.is_free else "berbayar",
        regions=regions,
        subjects=subjects,
    )


def indexable_products():
    Product = get_model("catalogue", "Product")
    return (
        Product.objects.filter(is_public=True)
        .exclude(structure=Product.CHILD)
        .exclude(product_class__slug=PUBLIKASI, publication_page__isnull=False)
        .select_related("product_class")
        .prefetch_related(
            Prefetch("attribute_values", queryset=_attribute_values().select_related("attribute"))
        )
        .order_by("pk")
    )


def _attribute_values():
    return get_model("catalogue", "ProductAttributeValue").objects.all()


def product_is_indexable(product) -> bool:
    return indexable_products().filter(pk=product.pk).exists()


def _product_search_fields(product) -> dict:
    """``Product.search_document()`` (catalogue, issue #6) when present, else what Oscar's own
    fields give; a missing piece never stops indexing."""
    builder = getattr(product, "search_document", None)
    document = builder() if callable(builder) else {}
    return {
        "description": document.get("description", product.description or ""),
        "survey": document.get("survey", ""),
        "variables": document.get("variables", []),
        "regions": document.get("regions", []),
        "price_class": document.get("price_class", "berbayar"),
        "year": document.get("year"),
    }


def _product_region_codes(product) -> list[str]:
    codes = []
    for value in product.attribute_values.all():
        if value.attribute.code == "region_code" and value.value:
            codes.append(str(value.value))
    dataset = getattr(product, "microdata", None) if hasattr(product, "microdata") else None
    regions = getattr(dataset, "regions", None)
    if regions is not None:
        codes.extend(str(code) for code in regions.values_list("code", flat=True))
    return codes


def product_document(product, names: dict[str, str] | None = None) -> IndexDocument:
    names = region_names() if names is None else names
    fields = _product_search_fields(product)
    product_class = product.get_product_class()
    doc_type = PRODUCT_TYPES.get(getattr(product_class, "slug", ""), DocumentType.MICRODATA)
    regions = _regions(_product_region_codes(product), names)
    attributes = " ".join(
        str(value.value)
        for value in product.attribute_values.all()
        if value.attribute.type in ("text", "richtext", "option") and value.value
    )
    meta = " ".join(
        part
        for part in (
            product.upc or "",
            fields["survey"],
            " ".join(str(v) for v in fields["variables"]),
            " ".join(str(r) for r in fields["regions"]),
            " ".join(name for _, name in regions),
            attributes,
        )
        if part
    )
    year = fields["year"]
    return IndexDocument(
        key=product_key(product.pk),
        doc_type=doc_type,
        object_id=product.pk,
        title=product.get_title(),
        url=product.get_absolute_url(),
        body=fields["description"],
        meta=meta,
        year=int(year) if year else None,
        price_class=fields["price_class"] or "",
        regions=regions,
    )


def all_documents() -> Iterator[IndexDocument]:
    """Every searchable document, for a full rebuild."""
    names = region_names()
    for page in indexable_publications().iterator(chunk_size=200):
        yield publication_document(page, names)
    for product in indexable_products().iterator(chunk_size=200):
        yield product_document(product, names)


def count_documents() -> int:
    return indexable_publications().count() + indexable_products().count()
