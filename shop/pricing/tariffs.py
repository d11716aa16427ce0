"""PNBP tariffs of the statistical products sold online, as versioned data, and the quote.

The schedules themselves (codes, lines, the PP 7/2015 and PP 13/2024 prices) are data in
:mod:`.schedules`; this module holds the rules that price a request by them and re-exports
the schedules' names, so callers keep one door.

Sources (DOMAIN.md, "PNBP tariffs" and "Rp0 tariff"):

- **PP 13/2024** (Jenis dan Tarif atas Jenis PNBP yang Berlaku pada BPS) replaced **PP 7/2015**.
  Its schedule below is the one reproduced by an office's PST site (an unofficial copy).
- Tariffs exclude shipping and bank charges (PP 7/2015 Pasal 3), so a quote never adds them.
- Microdata is priced regressively (PP 7/2015 Pasal 4): a dear first megabyte, cheap bytes after.
- Rp0 for named institutions, non-commercial use, with a cover letter (PP 7/2015 Pasal 8, made
  concrete by Peraturan BPS 2/2019; PP 13/2024 Pasal 4, details in a BPS regulation).

Decisions (DOMAIN.md): a schedule is data with an effective date and an order is priced by the
schedule in force on the day its invoice is issued; 1 MB = 1.000.000 bytes and partial blocks
round up; every quote lists its lines and names the schedule it used; Rp0 and free quotes keep
the tariff amounts of their lines for the record but charge Rp 0.

Assumed, not sourced (also listed in each schedule's ``assumptions``, so a page or a report can
show it; correct the data, not the code):

- **PP 7/2015: all ten prices** are set equal to PP 13/2024's, because its Lampiran was not
  available; and the *day* of its effective date (2015-02-10; February 2015 is from the brief).
  Printed publications, which PP 7/2015 also priced, are not sold online and are left out.
- **PP 13/2024: the effective date** (2024-03-01). Its prices are DOMAIN.md's copy, exactly.
- Microdata with processing: every table is priced on the size of the selected data
  (:class:`MicrodataRequest`).

No Django import: the Oscar pricing strategy and the invoice service call :func:`quote`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pst.money import round_rupiah

from .schedules import (  # the schedules as data; re-exported, the one door stays tariffs
    BYTES_PER_MB,
    BYTES_PER_STEP,
    MAX_MAP_COUNT,
    MAX_MICRODATA_BYTES,
    MAX_MICRODATA_TABLES,
    MAX_PAGES,
    PAGES_PER_BLOCK,
    PP_7_2015,
    PP_13_2024,
    SCHEDULES,
    InvalidRequest,
    NoTariffInForce,
    ProductKind,
    TariffCode,
    TariffItem,
    TariffSchedule,
    build_schedule,
    schedule_in_force,
)

__all__ = [
    "BYTES_PER_MB",
    "MAX_MAP_COUNT",
    "MAX_MICRODATA_BYTES",
    "MAX_MICRODATA_TABLES",
    "MAX_PAGES",
    "PAGES_PER_BLOCK",
    "PP_7_2015",
    "PP_13_2024",
    "SCHEDULES",
    "BYTES_PER_STEP",
    "EpublicationRequest",
    "InvalidRequest",
    "MicrodataRequest",
    "NoTariffInForce",
    "PriceClass",
    "ProductKind",
    "ProductRequest",
    "Quote",
    "QuoteLine",
    "Segment",
    "TariffCode",
    "TariffItem",
    "TariffSchedule",
    "WksMapKind",
    "WksMapRequest",
    "build_schedule",
    "price_class_for",
    "quote",
    "schedule_in_force",
]


class PriceClass(StrEnum):
    """The three price classes of a request (DOMAIN.md "Rp0 tariff"; GLOSSARY ``PriceClass``)."""

    BERBAYAR = "berbayar"
    NOL_RUPIAH = "nol_rupiah"
    GRATIS = "gratis"


class Segment(StrEnum):
    """Buyer segments of the PST service, with the Rp0-eligible ones named in the regulation."""

    UMUM = "umum"
    MAHASISWA = "mahasiswa"
    PENELITI = "peneliti"
    SWASTA = "swasta"
    INSTANSI_PEMERINTAH = "instansi_pemerintah"
    LEMBAGA_NEGARA = "lembaga_negara"
    INSTITUSI_PENDIDIKAN = "institusi_pendidikan"
    PERWAKILAN_ASING = "perwakilan_asing"
    LEMBAGA_INTERNASIONAL = "lembaga_internasional"

    @property
    def label(self) -> str:
        return _SEGMENT_LABELS[self]

    @property
    def eligible_for_nol_rupiah(self) -> bool:
        """PP 7/2015 Pasal 8; PP 13/2024 Pasal 4 (DOMAIN.md "Rp0 tariff")."""
        return self in _NOL_RUPIAH_SEGMENTS


_SEGMENT_LABELS = {
    Segment.UMUM: "umum (perorangan)",
    Segment.MAHASISWA: "mahasiswa",
    Segment.PENELITI: "peneliti",
    Segment.SWASTA: "swasta",
    Segment.INSTANSI_PEMERINTAH: "instansi pemerintah pusat/daerah",
    Segment.LEMBAGA_NEGARA: "lembaga negara",
    Segment.INSTITUSI_PENDIDIKAN: "institusi pendidikan dalam negeri",
    Segment.PERWAKILAN_ASING: "perwakilan negara asing",
    Segment.LEMBAGA_INTERNASIONAL: "lembaga internasional",
}

_NOL_RUPIAH_SEGMENTS = frozenset(
    {
        Segment.INSTANSI_PEMERINTAH,
        Segment.LEMBAGA_NEGARA,
        Segment.INSTITUSI_PENDIDIKAN,
        Segment.PERWAKILAN_ASING,
        Segment.LEMBAGA_INTERNASIONAL,
    }
)

_NOL_RUPIAH_RULE = "PP 13/2024 Pasal 4; sebelumnya PP 7/2015 Pasal 8"

# The Indonesian wording of the reasons and line details a quote records (its snapshot keeps
# them, and the invoice and kuitansi print them). They are templates so that the display layer
# (``shop.pricing.tariff_wording``) can read a stored text back and say it in English.
REASON_LIBRARY = "Koleksi perpustakaan (e-pustaka) dilayani gratis sesuai standar pelayanan PST."
REASON_SEGMENT_PAYS = (
    "Segmen {segment} dikenai tarif PNBP; tarif Rp0 hanya untuk instansi pemerintah, lembaga "
    "negara, institusi pendidikan dalam negeri, perwakilan negara asing dan lembaga "
    f"internasional ({_NOL_RUPIAH_RULE})."
)
REASON_COMMERCIAL = (
    "Penggunaan bersifat komersial sehingga dikenai tarif PNBP; tarif Rp0 hanya untuk "
    f"penggunaan nonkomersial ({_NOL_RUPIAH_RULE})."
)
REASON_NO_COVER_LETTER = (
    "Tarif Rp0 memerlukan surat pengantar dari {segment}; tanpa surat pengantar dikenai tarif "
    f"PNBP ({_NOL_RUPIAH_RULE})."
)
REASON_NOL_RUPIAH = (
    f"Tarif Rp0: {{segment}}, penggunaan nonkomersial, dengan surat pengantar ({_NOL_RUPIAH_RULE})."
)
REASON_DEFAULT_BERBAYAR = "Tarif PNBP menurut {schedule}."
REASON_DEFAULT_NOL_RUPIAH = f"Tarif Rp0 ({_NOL_RUPIAH_RULE})."
REASON_DEFAULT_GRATIS = "Layanan gratis."
DETAIL_PAGES = "{pages} halaman = {blocks} blok"
DETAIL_BYTES = "{size} byte"
DETAIL_BYTES_TABLES = "{size} byte x {tables} tabel"
DETAIL_MAPS = "{count} peta"
DETAIL_WITH_LABEL = "{label}: {detail}"


def price_class_for(
    segment: Segment | str,
    *,
    purpose_non_commercial: bool,
    has_cover_letter: bool,
    item_is_free_library: bool = False,
) -> tuple[PriceClass, str]:
    """Decide berbayar / nol rupiah / gratis for one request and say why (in Indonesian).

    In order:

    1. A library item (e-pustaka) is **gratis** for everyone: the library service is free
       (DOMAIN.md, "The service").
    2. Individuals, students, researchers and private buyers are **berbayar** (DOMAIN.md: they
       pay).
    3. Government bodies, state institutions, domestic educational institutions, foreign
       missions and international organisations get **nol rupiah** when the use is
       non-commercial *and* the request comes with a cover letter from the institution
       (PP 7/2015 Pasal 8; PP 13/2024 Pasal 4); otherwise they are **berbayar**.

    Not decided here, because they need records: the abstract and SPPD still required for
    microdata and maps, and the 2015 rule that Rp0 is granted once per request purpose.
    Unknown segments raise :class:`InvalidRequest`.
    """
    if item_is_free_library:
        return PriceClass.GRATIS, REASON_LIBRARY
    try:
        buyer = Segment(segment)
    except ValueError:
        raise InvalidRequest(
            f"Segmen pengguna {segment!r} tidak dikenal.", field="segment"
        ) from None
    if not buyer.eligible_for_nol_rupiah:
        return PriceClass.BERBAYAR, REASON_SEGMENT_PAYS.format(segment=buyer.label)
    if not purpose_non_commercial:
        return PriceClass.BERBAYAR, REASON_COMMERCIAL
    if not has_cover_letter:
        return PriceClass.BERBAYAR, REASON_NO_COVER_LETTER.format(segment=buyer.label)
    return PriceClass.NOL_RUPIAH, REASON_NOL_RUPIAH.format(segment=buyer.label)


def _check_count(value: object, *, field: str, what: str, minimum: int, maximum: int) -> int:
    """Quantities are plain ints within sane bounds; anything else is refused in Indonesian."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequest(f"{what} harus berupa bilangan bulat.", field=field)
    if value < minimum:
        raise InvalidRequest(f"{what} harus paling sedikit {_number(minimum)}.", field=field)
    if value > maximum:
        raise InvalidRequest(f"{what} melebihi batas {_number(maximum)}.", field=field)
    return value


def _number(n: int) -> str:
    """Indonesian digit grouping for messages and line details: 1000000 -> "1.000.000"."""
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class EpublicationRequest:
    """A softcopy publication of ``pages`` pages; ``label`` (e.g. its title) goes on the line."""

    pages: int
    label: str = ""

    def __post_init__(self) -> None:
        _check_count(self.pages, field="pages", what="Jumlah halaman", minimum=1, maximum=MAX_PAGES)


@dataclass(frozen=True)
class MicrodataRequest:
    """One microdata dataset of ``size_bytes`` (the selected variables and regions).

    With ``with_processing`` the office tabulates it and the processing tariff applies per
    table: ``tables`` (at least 1) times the processed lines, each on ``size_bytes``.
    Decision: the schedule says "per tabel" without naming the size basis, so the size of the
    selected data is the basis of every table. Without processing ``tables`` must be 0.
    """

    size_bytes: int
    with_processing: bool = False
    tables: int = 0
    label: str = ""

    def __post_init__(self) -> None:
        if type(self.size_bytes) is int and self.size_bytes == 0:
            raise InvalidRequest(
                "Data mikro yang dipilih kosong (0 byte); pilih variabel dan wilayah.",
                field="size_bytes",
            )
        _check_count(
            self.size_bytes,
            field="size_bytes",
            what="Ukuran data mikro (byte)",
            minimum=1,
            maximum=MAX_MICRODATA_BYTES,
        )
        if not isinstance(self.with_processing, bool):
            raise InvalidRequest("Pilihan pengolahan harus ya atau tidak.", field="with_processing")
        if self.with_processing:
            _check_count(
                self.tables,
                field="tables",
                what="Jumlah tabel",
                minimum=1,
                maximum=MAX_MICRODATA_TABLES,
            )
        elif self.tables != 0:
            raise InvalidRequest(
                "Jumlah tabel hanya diisi untuk data mikro dengan pengolahan.", field="tables"
            )


class WksMapKind(StrEnum):
    """The four digital WKS maps of the schedule."""

    NATIONAL_KECAMATAN = "national_kecamatan"
    NATIONAL_DESA = "national_desa"
    KABKOTA_KECAMATAN = "kabkota_kecamatan"
    KABKOTA_DESA = "kabkota_desa"


_MAP_CODES = {
    WksMapKind.NATIONAL_KECAMATAN: TariffCode.WKS_NATIONAL_KECAMATAN,
    WksMapKind.NATIONAL_DESA: TariffCode.WKS_NATIONAL_DESA,
    WksMapKind.KABKOTA_KECAMATAN: TariffCode.WKS_KABKOTA_KECAMATAN,
    WksMapKind.KABKOTA_DESA: TariffCode.WKS_KABKOTA_DESA,
}


@dataclass(frozen=True)
class WksMapRequest:
    """``count`` digital WKS maps of one ``kind``, priced per map."""

    kind: WksMapKind
    count: int = 1
    label: str = ""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "kind", WksMapKind(self.kind))
        except ValueError:
            raise InvalidRequest(
                f"Jenis peta WKS {self.kind!r} tidak dikenal.", field="kind"
            ) from None
        _check_count(
            self.count, field="count", what="Jumlah peta", minimum=1, maximum=MAX_MAP_COUNT
        )


ProductRequest = EpublicationRequest | MicrodataRequest | WksMapRequest


@dataclass(frozen=True)
class QuoteLine:
    """One priced line: ``tariff_amount`` = ``units`` x ``unit_price`` by the schedule;
    ``amount`` is what is charged (equal, or Rp 0 for nol rupiah and gratis)."""

    code: TariffCode
    description: str
    units: int
    unit_price: Decimal
    tariff_amount: Decimal
    amount: Decimal
    detail: str = ""


@dataclass(frozen=True)
class Quote:
    """A priced selection: its lines, the total to pay, and the schedule and class behind it.

    ``tariff_total`` is the value at the schedule's prices; for nol rupiah and gratis quotes it
    records what was waived while ``total`` is Rp 0.
    """

    lines: tuple[QuoteLine, ...]
    total: Decimal
    tariff_total: Decimal
    schedule_name: str
    schedule_effective_from: date
    price_class: PriceClass
    reason: str
    quoted_on: date

    def to_dict(self) -> dict:
        """A JSON-safe snapshot (amounts as strings, dates ISO) to keep with an order line.

        The order stores the quote it was placed with, so later schedule changes never alter
        what the buyer was told (DOMAIN.md Decision: every quote names its schedule).
        """
        return {
            "lines": [
                {
                    "code": str(line.code),
                    "description": line.description,
                    "units": line.units,
                    "unit_price": str(line.unit_price),
                    "tariff_amount": str(line.tariff_amount),
                    "amount": str(line.amount),
                    "detail": line.detail,
                }
                for line in self.lines
            ],
            "total": str(self.total),
            "tariff_total": str(self.tariff_total),
            "schedule_name": self.schedule_name,
            "schedule_effective_from": self.schedule_effective_from.isoformat(),
            "price_class": str(self.price_class),
            "reason": self.reason,
            "quoted_on": self.quoted_on.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Quote:
        """The inverse of :meth:`to_dict`; ``Quote.from_dict(q.to_dict()) == q``."""
        return cls(
            lines=tuple(
                QuoteLine(
                    code=TariffCode(line["code"]),
                    description=line["description"],
                    units=int(line["units"]),
                    unit_price=Decimal(line["unit_price"]),
                    tariff_amount=Decimal(line["tariff_amount"]),
                    amount=Decimal(line["amount"]),
                    detail=line.get("detail", ""),
                )
                for line in data["lines"]
            ),
            total=Decimal(data["total"]),
            tariff_total=Decimal(data["tariff_total"]),
            schedule_name=data["schedule_name"],
            schedule_effective_from=date.fromisoformat(data["schedule_effective_from"]),
            price_class=PriceClass(data["price_class"]),
            reason=data["reason"],
            quoted_on=date.fromisoformat(data["quoted_on"]),
        )


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _with_label(label: str, detail: str) -> str:
    return DETAIL_WITH_LABEL.format(label=label, detail=detail) if label else detail


def _epublication_lines(
    request: EpublicationRequest,
) -> list[tuple[TariffCode, int, str]]:
    """First started 50 pages at the first-block price, every further started 50 at the next."""
    blocks = _ceil_div(request.pages, PAGES_PER_BLOCK)
    detail = _with_label(
        request.label, DETAIL_PAGES.format(pages=_number(request.pages), blocks=_number(blocks))
    )
    lines = [(TariffCode.EPUB_FIRST_50, 1, detail)]
    if blocks > 1:
        lines.append((TariffCode.EPUB_NEXT_50, blocks - 1, detail))
    return lines


def _microdata_lines(request: MicrodataRequest) -> list[tuple[TariffCode, int, str]]:
    """First MB (even if smaller) at the first-MB price, then each started 1.000 bytes."""
    steps = _ceil_div(max(0, request.size_bytes - BYTES_PER_MB), BYTES_PER_STEP)
    detail = DETAIL_BYTES.format(size=_number(request.size_bytes))
    if request.with_processing:
        first = TariffCode.MICRODATA_PROCESSED_FIRST_MB
        step = TariffCode.MICRODATA_PROCESSED_NEXT_1000B
        copies = request.tables
        detail = DETAIL_BYTES_TABLES.format(
            size=_number(request.size_bytes), tables=_number(request.tables)
        )
    else:
        first, step = TariffCode.MICRODATA_FIRST_MB, TariffCode.MICRODATA_NEXT_1000B
        copies = 1
    detail = _with_label(request.label, detail)
    lines = [(first, copies, detail)]
    if steps:
        lines.append((step, steps * copies, detail))
    return lines


def _map_lines(request: WksMapRequest) -> list[tuple[TariffCode, int, str]]:
    detail = _with_label(request.label, DETAIL_MAPS.format(count=_number(request.count)))
    return [(_MAP_CODES[request.kind], request.count, detail)]


def _lines_for(request: object) -> list[tuple[TariffCode, int, str]]:
    if isinstance(request, EpublicationRequest):
        return _epublication_lines(request)
    if isinstance(request, MicrodataRequest):
        return _microdata_lines(request)
    if isinstance(request, WksMapRequest):
        return _map_lines(request)
    raise TypeError(f"not a product request: {type(request).__name__}")


_DEFAULT_REASONS = {
    PriceClass.BERBAYAR: REASON_DEFAULT_BERBAYAR,
    PriceClass.NOL_RUPIAH: REASON_DEFAULT_NOL_RUPIAH,
    PriceClass.GRATIS: REASON_DEFAULT_GRATIS,
}


def quote(
    requests: Iterable[ProductRequest],
    *,
    on: date,
    price_class: PriceClass | str = PriceClass.BERBAYAR,
    reason: str = "",
    schedules: Iterable[TariffSchedule] = SCHEDULES,
) -> Quote:
    """Price ``requests`` by the schedule in force ``on`` (the invoice date, Asia/Jakarta).

    Rules, all from the PP 13/2024 schedule (DOMAIN.md) unless noted:

    - e-publication: the first started 50 pages at ``EPUB_FIRST_50``, each further started 50
      pages at ``EPUB_NEXT_50`` (50 pages = 1 block, 51 = 2, 100 = 2, 101 = 3), per publication;
    - microdata without processing, per dataset: the first MB (even a smaller dataset) at
      ``MICRODATA_FIRST_MB``, each further started 1.000 bytes at ``MICRODATA_NEXT_1000B``
      (1 MB = 1.000.000 bytes; DOMAIN.md Decision);
    - microdata with processing: the same on the processed lines, times the number of tables
      (see :class:`MicrodataRequest`);
    - WKS maps: per map of the requested kind.

    ``price_class`` and ``reason`` usually come from :func:`price_class_for`. For nol rupiah and
    gratis the lines keep their tariff amounts (``tariff_amount``, ``tariff_total``) and charge
    Rp 0. No shipping or bank charges are ever added (PP 7/2015 Pasal 3).

    Raises :class:`InvalidRequest` for an empty selection or a product the schedule does not
    price, :class:`NoTariffInForce` for a date before every schedule.
    """
    selection = list(requests)
    if not selection:
        raise InvalidRequest("Belum ada produk yang dipilih.", field="requests")
    charged_class = PriceClass(price_class)
    schedule = schedule_in_force(on, schedules)
    charging = charged_class is PriceClass.BERBAYAR

    lines: list[QuoteLine] = []
    for request in selection:
        for code, units, detail in _lines_for(request):
            item = schedule.item(code)
            tariff_amount = round_rupiah(item.price * units)
            lines.append(
                QuoteLine(
                    code=item.code,
                    description=item.description,
                    units=units,
                    unit_price=item.price,
                    tariff_amount=tariff_amount,
                    amount=tariff_amount if charging else Decimal(0),
                    detail=detail,
                )
            )
    return Quote(
        lines=tuple(lines),
        total=sum((line.amount for line in lines), Decimal(0)),
        tariff_total=sum((line.tariff_amount for line in lines), Decimal(0)),
        schedule_name=schedule.name,
        schedule_effective_from=schedule.effective_from,
        price_class=charged_class,
        reason=reason or _DEFAULT_REASONS[charged_class].format(schedule=schedule.name),
        quoted_on=on,
    )
