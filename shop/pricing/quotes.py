"""The price of a catalogue product for one buyer: product + options + buyer -> ``tariffs.Quote``.

The server always recomputes (issue #6): nothing here reads a price from a form, a basket line
or a stock record. The basket, the order and the dashboard get their amounts from here through
the Oscar pricing strategy (``shop/partner/strategy.py``), and the order stores
``Quote.to_dict()`` on each line at placement.

Basket line options (Oscar ``catalogue.Option`` codes; ``LineAttribute.value`` is a string):

==================  ===========================================================================
``variables``       Data Mikro: codebook variable names, comma separated ("B4K4,B4K5").
                    Absent: every variable (the full set). Present but empty: refused.
``regions``         Data Mikro: covered region codes, comma separated ("7371,7315").
                    Absent: every covered region. Unknown names or codes are refused.
``with_processing`` Data Mikro: "1" for the tabulation service (priced per table), else "0".
``tables``          Data Mikro with processing: number of tables, 1..MAX_MICRODATA_TABLES.
``purpose``         Every product: "nonkomersial" or "komersial" (default); nol rupiah needs
                    a non-commercial purpose (PP 13/2024 Pasal 4).
==================  ===========================================================================

Peta WKS: the map kind is the product's ``map_kind`` attribute; the number of maps is the
basket line's quantity. Publikasi: the page count is the linked library page's (one-way sync,
STYLE.md), else the product's ``page_count`` attribute; quantity is always 1 (one softcopy).

Price class (``tariffs.price_class_for``): the buyer's segment, the purpose above, and
``nol_rupiah_approved`` (an officer approved the institution's cover letter; only the order
workflow knows, so the basket quotes berbayar until then). A Publikasi of a free library item is
gratis. Quotes are dated by ``on`` (default: today in Asia/Jakarta) and use the schedule in
force that day, read from ``shop.pricing`` data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from catalogue.product_classes import DATA_MIKRO, PETA_WKS, PUBLIKASI
from catalogue.selectors import microdata_selection, product_dataset
from pst.clock import office_today
from shop.pricing import tariffs
from shop.pricing.selectors import tariff_schedules
from shop.pricing.tariffs import InvalidRequest, ProductKind, Quote

__all__ = [
    "OPTION_CODES",
    "OPTION_PURPOSE",
    "OPTION_REGIONS",
    "OPTION_TABLES",
    "OPTION_VARIABLES",
    "OPTION_WITH_PROCESSING",
    "PURPOSE_COMMERCIAL",
    "PURPOSE_NON_COMMERCIAL",
    "line_options",
    "option_list",
    "product_kind",
    "quote_for_basket_line",
    "quote_for_product",
    "tariff_request_for",
]

OPTION_VARIABLES = "variables"
OPTION_REGIONS = "regions"
OPTION_WITH_PROCESSING = "with_processing"
OPTION_TABLES = "tables"
OPTION_PURPOSE = "purpose"
OPTION_CODES = (
    OPTION_VARIABLES,
    OPTION_REGIONS,
    OPTION_WITH_PROCESSING,
    OPTION_TABLES,
    OPTION_PURPOSE,
)

PURPOSE_NON_COMMERCIAL = "nonkomersial"
PURPOSE_COMMERCIAL = "komersial"

_KINDS = {
    PUBLIKASI: ProductKind.PUBLIKASI_ELEKTRONIK,
    DATA_MIKRO: ProductKind.DATA_MIKRO,
    PETA_WKS: ProductKind.PETA_WKS,
}


def product_kind(product) -> ProductKind:
    """The tariff's product kind of a catalogue product (by its product class)."""
    product_class = product.get_product_class()
    kind = _KINDS.get(getattr(product_class, "slug", ""))
    if kind is None:
        raise InvalidRequest("Produk ini tidak dijual dengan tarif PNBP.", field="product")
    return kind


def option_list(value: object) -> list[str] | None:
    """An option value as a list of names; None when the option is absent (= all).

    Public because the product page's live estimate resolves the same lists."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.split(",")) if part]
    raise InvalidRequest("Pilihan tidak sah.", field="options")


def _as_bool(value: object) -> bool:
    if value in (None, "", "0", 0, False, "false", "False", "tidak"):
        return False
    if value in ("1", 1, True, "true", "True", "ya", "on"):
        return True
    raise InvalidRequest("Pilihan pengolahan harus ya atau tidak.", field=OPTION_WITH_PROCESSING)


def _as_int(value: object, *, field: str, what: str) -> int:
    if isinstance(value, bool):
        raise InvalidRequest(f"{what} harus berupa bilangan bulat.", field=field)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text.lstrip("-").isdigit() or len(text) > 12:
        raise InvalidRequest(f"{what} harus berupa bilangan bulat.", field=field)
    return int(text)


def _publication_request(product) -> tariffs.EpublicationRequest:
    page = product.publication_page
    pages = getattr(page, "page_count", None) if page is not None else None
    if not pages:
        pages = product.attribute_summary_value("page_count")
    if not pages:
        raise InvalidRequest("Jumlah halaman publikasi belum diketahui.", field="pages")
    return tariffs.EpublicationRequest(pages=int(pages), label=product.get_title())


def _microdata_request(product, options: Mapping[str, object]) -> tariffs.MicrodataRequest:
    dataset = product_dataset(product)
    if dataset is None:
        raise InvalidRequest("Codebook data mikro ini belum tersedia.", field="product")
    selection = microdata_selection(
        dataset=dataset,
        variables=option_list(options.get(OPTION_VARIABLES)),
        regions=option_list(options.get(OPTION_REGIONS)),
    )
    with_processing = _as_bool(options.get(OPTION_WITH_PROCESSING))
    tables = 0
    if with_processing:
        tables = _as_int(options.get(OPTION_TABLES, 1), field=OPTION_TABLES, what="Jumlah tabel")
    elif options.get(OPTION_TABLES) not in (None, "", "0", 0):
        raise InvalidRequest(
            "Jumlah tabel hanya diisi untuk data mikro dengan pengolahan.", field=OPTION_TABLES
        )
    label = product.get_title() if selection.full_set else f"{product.get_title()} (pilihan)"
    return tariffs.MicrodataRequest(
        size_bytes=selection.size_bytes,
        with_processing=with_processing,
        tables=tables,
        label=label,
    )


def _map_request(product, count: int) -> tariffs.WksMapRequest:
    kind = product.attribute_summary_value("map_kind")
    if not kind:
        raise InvalidRequest("Jenis peta WKS produk ini belum diisi.", field="kind")
    count = _as_int(count, field="count", what="Jumlah peta")
    return tariffs.WksMapRequest(kind=kind, count=count, label=product.get_title())


def tariff_request_for(
    product, options: Mapping[str, object] | None = None, *, count: int = 1
) -> tariffs.ProductRequest:
    """The tariff request a product and the buyer's options stand for (see module docstring).

    ``count`` is the number of maps for a Peta WKS; other products are sold one per line and a
    count other than 1 is refused.
    """
    options = options or {}
    kind = product_kind(product)
    if kind is ProductKind.PETA_WKS:
        return _map_request(product, count)
    if _as_int(count, field="quantity", what="Jumlah") != 1:
        raise InvalidRequest(
            "Produk digital ini dibeli satu kali per pesanan (jumlah 1).", field="quantity"
        )
    if kind is ProductKind.PUBLIKASI_ELEKTRONIK:
        return _publication_request(product)
    return _microdata_request(product, options)


def _purpose_non_commercial(options: Mapping[str, object]) -> bool:
    purpose = options.get(OPTION_PURPOSE) or PURPOSE_COMMERCIAL
    if purpose not in (PURPOSE_COMMERCIAL, PURPOSE_NON_COMMERCIAL):
        raise InvalidRequest("Tujuan penggunaan tidak dikenal.", field=OPTION_PURPOSE)
    return purpose == PURPOSE_NON_COMMERCIAL


def _segment_of(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return tariffs.Segment.UMUM
    return getattr(user, "segment", "") or tariffs.Segment.UMUM


def quote_for_product(
    *,
    product,
    options: Mapping[str, object] | None,
    user,
    on: date | None = None,
    count: int = 1,
    nol_rupiah_approved: bool = False,
    schedules: Iterable[tariffs.TariffSchedule] | None = None,
) -> Quote:
    """Price one product for ``user`` by the schedule in force ``on`` (default today, Jakarta).

    Raises ``tariffs.InvalidRequest`` (Indonesian ``message``) for anything that cannot be
    priced: unknown variables or regions, an empty selection, absurd quantities, a product
    without the data its tariff needs. ``schedules`` defaults to the stored ones
    (``shop.pricing``); a caller pricing many products passes them once.
    """
    options = options or {}
    request = tariff_request_for(product, options, count=count)
    page = product.publication_page if isinstance(request, tariffs.EpublicationRequest) else None
    price_class, reason = tariffs.price_class_for(
        _segment_of(user),
        purpose_non_commercial=_purpose_non_commercial(options),
        has_cover_letter=nol_rupiah_approved,
        item_is_free_library=bool(page is not None and getattr(page, "is_free", False)),
    )
    return tariffs.quote(
        [request],
        on=on or office_today(),
        price_class=price_class,
        reason=reason,
        schedules=tariff_schedules() if schedules is None else schedules,
    )


def line_options(line) -> dict[str, object]:
    """The options of an Oscar basket (or order) line as ``{option code: value}``."""
    return {attribute.option.code: attribute.value for attribute in line.attributes.all()}


def quote_for_basket_line(
    line,
    *,
    user,
    on: date | None = None,
    nol_rupiah_approved: bool = False,
    schedules: Iterable[tariffs.TariffSchedule] | None = None,
) -> Quote:
    """The quote of one basket line: its product, its options, its quantity (maps only)."""
    return quote_for_product(
        product=line.product,
        options=line_options(line),
        user=user,
        on=on,
        count=line.quantity,
        nol_rupiah_approved=nol_rupiah_approved,
        schedules=schedules,
    )
