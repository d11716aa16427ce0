"""Indeks Kepuasan Masyarakat (IKM) of the survey of satisfaction (SKM), PermenPANRB 14/2017.

DOMAIN.md ("Satisfaction index"): nine elements (unsur), each answered 1-4; per element the mean
score over respondents (NRR, nilai rata-rata); IKM = sum of NRR x 1/9 (every element weighs the
same); reported as IKM x 25 on a 25-100 scale and graded:

    A  sangat baik  88,31 - 100,00
    B  baik         76,61 - 88,30
    C  kurang baik  65,00 - 76,60
    D  tidak baik   25,00 - 64,99

Rounding (Decision): everything is computed exactly (rational arithmetic, no intermediate
rounding; the weight is exactly 1/9, not 0,111); the published numbers are then rounded half-up
(``ROUND_HALF_UP``): NRR and IKM (1-4 scale) to 3 decimals, the converted value (25-100) to
2 decimals, and the grade is read from that 2-decimal value, which is how a grade table with
2-decimal bounds and no gaps between them is meant to be read (76,605 -> 76,61 -> B). The
converted value is IKM x 25 of the exact IKM, not of the rounded one.

No Django import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum, IntEnum
from fractions import Fraction

__all__ = [
    "ELEMENT_COUNT",
    "MAX_SCORE",
    "MIN_SCORE",
    "Element",
    "Grade",
    "IkmResult",
    "InvalidResponse",
    "compute_ikm",
    "grade_for",
]

ELEMENT_COUNT = 9
MIN_SCORE = 1
MAX_SCORE = 4
CONVERSION_FACTOR = 25
"""IKM x 25 puts the 1-4 scale on 25-100 (PermenPANRB 14/2017)."""

_NRR_PLACES = 3
_CONVERTED_PLACES = 2


class InvalidResponse(ValueError):
    """A questionnaire that cannot be counted (wrong number of answers, score out of 1-4)."""


class Element(IntEnum):
    """The nine elements (unsur) of PermenPANRB 14/2017, in the regulation's order (U1-U9)."""

    PERSYARATAN = 1
    SISTEM_MEKANISME_PROSEDUR = 2
    WAKTU_PENYELESAIAN = 3
    BIAYA_TARIF = 4
    PRODUK_SPESIFIKASI = 5
    KOMPETENSI_PELAKSANA = 6
    PERILAKU_PELAKSANA = 7
    PENANGANAN_PENGADUAN = 8
    SARANA_PRASARANA = 9

    @property
    def label(self) -> str:
        return _ELEMENT_LABELS[self]


_ELEMENT_LABELS = {
    Element.PERSYARATAN: "Persyaratan",
    Element.SISTEM_MEKANISME_PROSEDUR: "Sistem, mekanisme, dan prosedur",
    Element.WAKTU_PENYELESAIAN: "Waktu penyelesaian",
    Element.BIAYA_TARIF: "Biaya/tarif",
    Element.PRODUK_SPESIFIKASI: "Produk spesifikasi jenis pelayanan",
    Element.KOMPETENSI_PELAKSANA: "Kompetensi pelaksana",
    Element.PERILAKU_PELAKSANA: "Perilaku pelaksana",
    Element.PENANGANAN_PENGADUAN: "Penanganan pengaduan, saran, dan masukan",
    Element.SARANA_PRASARANA: "Sarana dan prasarana",
}


class Grade(Enum):
    """Quality of service (mutu pelayanan) with its lowest converted IKM (DOMAIN.md)."""

    A = ("A", "Sangat Baik", Decimal("88.31"))
    B = ("B", "Baik", Decimal("76.61"))
    C = ("C", "Kurang Baik", Decimal("65.00"))
    D = ("D", "Tidak Baik", Decimal("25.00"))

    def __init__(self, letter: str, label: str, lower_bound: Decimal) -> None:
        self.letter = letter
        self.label = label
        self.lower_bound = lower_bound


def grade_for(converted: Decimal) -> Grade:
    """Grade of a converted IKM (25-100), first rounded half-up to 2 decimals (see module).

    Values outside 25-100 cannot come from 1-4 answers and raise ``ValueError``.
    """
    value = Decimal(converted).quantize(Decimal(1).scaleb(-_CONVERTED_PLACES), ROUND_HALF_UP)
    if not Decimal(25) <= value <= Decimal(100):
        raise ValueError(f"converted IKM must lie in 25-100, not {converted}")
    return next(grade for grade in Grade if value >= grade.lower_bound)


@dataclass(frozen=True)
class IkmResult:
    """The published figures of one survey period.

    ``nrr`` has one value per :class:`Element`, in order (3 decimals); ``ikm`` is on the 1-4
    scale (3 decimals); ``converted`` is ``ikm`` x 25 computed before rounding (2 decimals).
    """

    respondents: int
    nrr: tuple[Decimal, ...]
    ikm: Decimal
    converted: Decimal
    grade: Grade

    def nrr_of(self, element: Element) -> Decimal:
        return self.nrr[element - 1]


def _round(value: Fraction, places: int) -> Decimal:
    """Half-up rounding of a non-negative exact value; no float or 28-digit Decimal detour."""
    whole, remainder = divmod(value * 10**places, 1)
    digits = int(whole) + (1 if remainder >= Fraction(1, 2) else 0)
    return Decimal(digits).scaleb(-places)


def _checked(response: Sequence[int], index: int) -> Sequence[int]:
    if isinstance(response, (str, bytes)) or len(response) != ELEMENT_COUNT:
        raise InvalidResponse(
            f"kuesioner ke-{index + 1}: harus ada {ELEMENT_COUNT} jawaban, satu per unsur"
        )
    for element, score in zip(Element, response, strict=True):
        if isinstance(score, bool) or not isinstance(score, int):
            raise InvalidResponse(f"kuesioner ke-{index + 1}, {element.label}: nilai bukan angka")
        if not MIN_SCORE <= score <= MAX_SCORE:
            raise InvalidResponse(
                f"kuesioner ke-{index + 1}, {element.label}: nilai {score} di luar 1-4"
            )
    return response


def compute_ikm(responses: Iterable[Sequence[int]]) -> IkmResult:
    """IKM of a set of questionnaires, each nine scores 1-4 in :class:`Element` order.

    PermenPANRB 14/2017: NRR per element = sum of its scores / respondents; IKM = sum of NRR x
    1/9; converted = IKM x 25; grade by the DOMAIN.md table. Every questionnaire must answer all
    nine elements; an empty set raises :class:`InvalidResponse`. Precision: see the module.
    """
    totals = [0] * ELEMENT_COUNT
    respondents = 0
    for index, response in enumerate(responses):
        for position, score in enumerate(_checked(response, index)):
            totals[position] += score
        respondents += 1
    if respondents == 0:
        raise InvalidResponse("belum ada kuesioner yang diisi")

    nrr = [Fraction(total, respondents) for total in totals]
    ikm = sum(nrr, Fraction(0)) / ELEMENT_COUNT
    converted = _round(ikm * CONVERSION_FACTOR, _CONVERTED_PLACES)
    return IkmResult(
        respondents=respondents,
        nrr=tuple(_round(value, _NRR_PLACES) for value in nrr),
        ikm=_round(ikm, _NRR_PLACES),
        converted=converted,
        grade=grade_for(converted),
    )
