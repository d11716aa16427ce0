"""The PNBP tariff schedules as data (issue #6): the tariff lines (codes, units, product kinds),
the PP 7/2015 and PP 13/2024 schedules with their effective dates, sources and assumptions, and
the schedule in force on a day. :mod:`.tariffs` holds the rules that price a request by them
(and its docstring the sources and assumptions in full). No Django import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pst.money import round_rupiah

PAGES_PER_BLOCK = 50
"""E-publications are priced per started block of 50 pages (PP 13/2024 schedule)."""
BYTES_PER_MB = 1_000_000
"""1 MB = 1.000.000 bytes, decimal, as the tariff page states (DOMAIN.md Decision)."""
BYTES_PER_STEP = 1_000
"""Microdata beyond the first MB is priced per started 1.000 bytes (PP 13/2024 schedule)."""

# Sanity limits against typing errors and abuse; not from any regulation. The largest national
# datasets are a few GB, a publication a few thousand pages.
MAX_PAGES = 100_000
MAX_MICRODATA_BYTES = 10**12  # 1 TB
MAX_MICRODATA_TABLES = 1_000
MAX_MAP_COUNT = 1_000


class InvalidRequest(ValueError):
    """A request that cannot be priced; ``message`` is Indonesian, fit to show the buyer."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NoTariffInForce(LookupError):
    """No schedule in the list was in force on the asked date."""


class ProductKind(StrEnum):
    """The products PP 13/2024 Pasal 1 ayat (1) prices (catalogue product classes)."""

    PUBLIKASI_ELEKTRONIK = "publikasi_elektronik"
    DATA_MIKRO = "data_mikro"
    PETA_WKS = "peta_wks"


class TariffCode(StrEnum):
    """Stable codes of the schedule lines; each schedule prices (some of) them."""

    EPUB_FIRST_50 = "EPUB_FIRST_50"
    EPUB_NEXT_50 = "EPUB_NEXT_50"
    MICRODATA_FIRST_MB = "MICRODATA_FIRST_MB"
    MICRODATA_NEXT_1000B = "MICRODATA_NEXT_1000B"
    MICRODATA_PROCESSED_FIRST_MB = "MICRODATA_PROCESSED_FIRST_MB"
    MICRODATA_PROCESSED_NEXT_1000B = "MICRODATA_PROCESSED_NEXT_1000B"
    WKS_NATIONAL_KECAMATAN = "WKS_NATIONAL_KECAMATAN"
    WKS_NATIONAL_DESA = "WKS_NATIONAL_DESA"
    WKS_KABKOTA_KECAMATAN = "WKS_KABKOTA_KECAMATAN"
    WKS_KABKOTA_DESA = "WKS_KABKOTA_DESA"


@dataclass(frozen=True)
class TariffItem:
    """One line of a tariff schedule: what is sold, per which unit, at what price."""

    code: TariffCode
    description: str
    unit: str
    price: Decimal
    product_kind: ProductKind

    def __post_init__(self) -> None:
        if not isinstance(self.price, Decimal) or self.price < 0:
            raise ValueError(f"{self.code}: price must be a non-negative Decimal")
        if self.price != round_rupiah(self.price):
            raise ValueError(f"{self.code}: PNBP tariffs are whole rupiah, not {self.price}")


@dataclass(frozen=True)
class TariffSchedule:
    """A regulation's tariff table, in force from ``effective_from`` until the next one.

    ``assumptions`` lists, in plain words, every number or date here that was not taken from
    the regulation or DOMAIN.md; an empty tuple means the schedule is fully sourced.
    """

    name: str
    effective_from: date
    items: tuple[TariffItem, ...]
    source: str = ""
    assumptions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        codes = [item.code for item in self.items]
        if len(codes) != len(set(codes)):
            raise ValueError(f"{self.name}: a tariff code appears twice")

    def item(self, code: TariffCode) -> TariffItem:
        """The line for ``code``; :class:`InvalidRequest` if this regulation does not sell it."""
        for item in self.items:
            if item.code == code:
                return item
        raise InvalidRequest(
            f"Produk {code} tidak tercantum dalam tarif {self.name}.", field="requests"
        )


# What each line sells, shared by every schedule; only prices (and dates) change by regulation.
_LINES: tuple[tuple[TariffCode, str, str, ProductKind], ...] = (
    (
        TariffCode.EPUB_FIRST_50,
        "Publikasi elektronik, 50 halaman pertama",
        "per 50 halaman",
        ProductKind.PUBLIKASI_ELEKTRONIK,
    ),
    (
        TariffCode.EPUB_NEXT_50,
        "Publikasi elektronik, setiap 50 halaman berikutnya",
        "per 50 halaman",
        ProductKind.PUBLIKASI_ELEKTRONIK,
    ),
    (
        TariffCode.MICRODATA_FIRST_MB,
        "Data mikro tanpa pengolahan (per dataset), 1 MB pertama",
        "1 MB",
        ProductKind.DATA_MIKRO,
    ),
    (
        TariffCode.MICRODATA_NEXT_1000B,
        "Data mikro tanpa pengolahan, setiap 1.000 byte berikutnya",
        "1.000 byte",
        ProductKind.DATA_MIKRO,
    ),
    (
        TariffCode.MICRODATA_PROCESSED_FIRST_MB,
        "Data mikro dengan pengolahan (tabulasi, per tabel), 1 MB pertama",
        "1 MB",
        ProductKind.DATA_MIKRO,
    ),
    (
        TariffCode.MICRODATA_PROCESSED_NEXT_1000B,
        "Data mikro dengan pengolahan (per tabel), setiap 1.000 byte berikutnya",
        "1.000 byte",
        ProductKind.DATA_MIKRO,
    ),
    (
        TariffCode.WKS_NATIONAL_KECAMATAN,
        "Peta digital WKS Indonesia menurut kecamatan",
        "per peta",
        ProductKind.PETA_WKS,
    ),
    (
        TariffCode.WKS_NATIONAL_DESA,
        "Peta digital WKS Indonesia menurut desa/kelurahan",
        "per peta",
        ProductKind.PETA_WKS,
    ),
    (
        TariffCode.WKS_KABKOTA_KECAMATAN,
        "Peta digital WKS satu kabupaten/kota menurut kecamatan",
        "per peta",
        ProductKind.PETA_WKS,
    ),
    (
        TariffCode.WKS_KABKOTA_DESA,
        "Peta digital WKS satu kabupaten/kota menurut desa/kelurahan",
        "per peta",
        ProductKind.PETA_WKS,
    ),
)


def _items(prices: Mapping[TariffCode, int | Decimal]) -> tuple[TariffItem, ...]:
    return tuple(
        TariffItem(code, description, unit, Decimal(prices[code]), kind)
        for code, description, unit, kind in _LINES
        if code in prices
    )


def build_schedule(
    *,
    name: str,
    effective_from: date,
    prices: Mapping[TariffCode | str, int | Decimal],
    source: str = "",
    assumptions: Iterable[str] = (),
) -> TariffSchedule:
    """A schedule from its prices by tariff code; descriptions and units are the shared lines.

    Used for schedules kept as data (``shop.pricing`` rows that staff maintain), so a new
    regulation changes prices and dates, never the wording of what is sold.
    """
    by_code = {TariffCode(code): price for code, price in prices.items()}
    return TariffSchedule(
        name=name,
        effective_from=effective_from,
        items=_items(by_code),
        source=source,
        assumptions=tuple(assumptions),
    )


_PP_13_2024_PRICES: dict[TariffCode, int] = {
    TariffCode.EPUB_FIRST_50: 50_000,
    TariffCode.EPUB_NEXT_50: 15_000,
    TariffCode.MICRODATA_FIRST_MB: 20_000,
    TariffCode.MICRODATA_NEXT_1000B: 20,
    TariffCode.MICRODATA_PROCESSED_FIRST_MB: 22_000,
    TariffCode.MICRODATA_PROCESSED_NEXT_1000B: 22,
    TariffCode.WKS_NATIONAL_KECAMATAN: 12_000_000,
    TariffCode.WKS_NATIONAL_DESA: 36_000_000,
    TariffCode.WKS_KABKOTA_KECAMATAN: 30_000,
    TariffCode.WKS_KABKOTA_DESA: 70_000,
}

#: What the public tariff page names as each schedule's legal source (issue #17). What the
#: office must still confirm goes in ``assumptions``, shown only in the admin.
PUBLIC_SOURCES = {
    "PP 13/2024": (
        "Peraturan Pemerintah Nomor 13 Tahun 2024 tentang Jenis dan Tarif atas Jenis Penerimaan "
        "Negara Bukan Pajak yang Berlaku pada Badan Pusat Statistik, beserta Lampirannya"
    ),
    "PP 7/2015": (
        "Peraturan Pemerintah Nomor 7 Tahun 2015 tentang Jenis dan Tarif atas Jenis Penerimaan "
        "Negara Bukan Pajak yang Berlaku pada Badan Pusat Statistik (Lembaran Negara Tahun 2015 "
        "Nomor 37), beserta Lampirannya"
    ),
}

PP_13_2024 = TariffSchedule(
    name="PP 13/2024",
    effective_from=date(2024, 3, 1),
    items=_items(_PP_13_2024_PRICES),
    # Developer's note, not public text (issue #17): the prices are DOMAIN.md's table "PNBP
    # tariffs", which copies one office's PST site (an unofficial copy of the Lampiran); the
    # effective date is assumed. ``assumptions`` says so to the admin, never to the public.
    source=PUBLIC_SOURCES["PP 13/2024"],
    assumptions=(
        "Tanggal berlaku 2024-03-01 adalah asumsi; ganti dengan tanggal pada pasal penutup "
        "PP 13/2024.",
        "Harga dari salinan tidak resmi (situs PST satu kantor); cocokkan dengan Lampiran resmi.",
    ),
)
"""PP 13/2024: every price exactly as in the DOMAIN.md table; the effective date is assumed."""

PP_7_2015 = TariffSchedule(
    name="PP 7/2015",
    effective_from=date(2015, 2, 10),
    # ASSUMPTION: the Lampiran of PP 7/2015 was not available. Its electronic-product prices
    # are taken to equal PP 13/2024's so that old orders re-price to the same amounts; the
    # schedule exists so that dates before PP 13/2024 resolve to the right regulation name.
    items=_items(_PP_13_2024_PRICES),
    # Developer's note: the Lampiran of PP 7/2015 was not consulted (see ``assumptions``).
    source=PUBLIC_SOURCES["PP 7/2015"],
    assumptions=(
        "Semua harga adalah asumsi (disamakan dengan PP 13/2024); Lampiran PP 7/2015 belum "
        "dicocokkan.",
        "Tanggal berlaku 2015-02-10 adalah asumsi (Februari 2015; tanggal pasti belum dicek).",
        "Publikasi cetakan (PP 7/2015 Pasal 1 ayat (1) huruf a) tidak dijual daring dan tidak "
        "dimuat.",
    ),
)
"""PP 7/2015: every price and the day of the effective date are assumptions (see above)."""

SCHEDULES: tuple[TariffSchedule, ...] = (PP_7_2015, PP_13_2024)
"""All known schedules, oldest first; :func:`schedule_in_force` picks among them by date."""


def schedule_in_force(on: date, schedules: Iterable[TariffSchedule] = SCHEDULES) -> TariffSchedule:
    """The schedule with the latest ``effective_from`` on or before ``on``.

    ``on`` is the Asia/Jakarta calendar date the invoice is issued (DOMAIN.md Decision: an order
    is priced by the schedule in force when its invoice is issued). A ``datetime`` is refused
    because its date depends on a time zone the caller must choose. Raises
    :class:`NoTariffInForce` before the first schedule.
    """
    if isinstance(on, datetime) or not isinstance(on, date):
        raise TypeError("pass the invoice's Asia/Jakarta calendar date, not a datetime")
    in_force = [s for s in schedules if s.effective_from <= on]
    if not in_force:
        raise NoTariffInForce(f"no tariff schedule in force on {on.isoformat()}")
    return max(in_force, key=lambda s: s.effective_from)
