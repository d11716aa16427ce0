"""A believable, deterministic demo catalogue of BPS-style publications.

Pure Python (no Django import): `seed_demo` turns these records into library pages and
products, and the site's forms reuse the identifier validators below.

Formats follow /work/shared/DOMAIN.md, section "Library (e-pustaka)":

* **Katalog BPS**: 7 digits (``1303004``); a regional edition adds a dot and the region code:
  2 digits for a province (``1102001.73``), 4 for a kabupaten/kota (``5204003.7315``), 7 for
  a kecamatan (``1102001.3209060``).
* **Nomor Publikasi**: 5 digits, a dot, then 4 or 5 digits that start with the two-digit year
  (``03220.1607``, ``73150.2205``, ``73000.24006``).
* **ISSN** for serials (print and electronic editions have different ISSNs) and **ISBN**
  (or "-") for books; both carry their standard check digit.
* Region is the BPS domain code, ``0000`` for the national office.

Every number in titles, abstracts and the PDFs' tables is synthetic; the region codes and
names, the subjects, series titles and directorates are modelled on the office's real ones.
"""

from __future__ import annotations

import calendar
import hashlib
import random
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from library.identifiers import (  # noqa: F401  (re-exported for the demo's callers)
    format_isbn13,
    format_issn,
    is_valid_isbn13,
    is_valid_issn,
    is_valid_katalog,
    is_valid_nomor_publikasi,
)
from pst.pdfdoc import MONTHS_ID

#: The day the catalogue's contents describe: every released edition came out before it. Three
#: more editions are announced in the Advance Release Calendar; they are dated after the day the
#: demo is seeded (``demo_publications(today=...)``), so the calendar always has something coming
#: whatever day a visitor opens the site (issue #14: no date the calendar can overtake).
CATALOGUE_AS_OF = date(2026, 11, 20)
#: Announced releases fall on working days within this many days after the seeding day.
SCHEDULE_HORIZON_DAYS = 45
#: Publication years the demo catalogue spans.
YEARS = tuple(range(2019, 2027))
#: Last possible release date of any demo publication.
LAST_RELEASE = date(2026, 12, 31)

FREQUENCIES = ("Tahunan", "Semesteran", "Triwulanan", "Bulanan", "Sekali terbit")
LANGUAGES = ("Indonesia", "Indonesia-Inggris")

SUBJECTS = (
    "Statistik Umum",
    "Kependudukan",
    "Ketenagakerjaan",
    "Kemiskinan",
    "Kesejahteraan Rakyat",
    "Pembangunan Manusia",
    "Harga",
    "Pertanian",
    "Industri",
    "Perdagangan",
    "Pendidikan",
    "Kesehatan",
    "Pariwisata",
    "Transportasi",
    "Energi",
    "Keuangan",
    "Pendapatan Nasional",
    "Lingkungan Hidup",
)

REUSE_STATEMENT = (
    "Dilarang mengumumkan, mendistribusikan, mengomunikasikan, dan/atau menggandakan sebagian "
    "atau seluruh isi buku ini untuk tujuan komersial tanpa izin tertulis dari Badan Pusat "
    "Statistik"
)

BPS = "Badan Pusat Statistik"


# --------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------

LEVELS = ("nasional", "provinsi", "kabupaten", "kota")


@dataclass(frozen=True)
class Region:
    """A BPS domain: ``0000`` national, ``pp00`` province, ``ppkk`` kabupaten/kota."""

    code: str
    name: str
    level: str

    @property
    def is_national(self) -> bool:
        return self.level == "nasional"

    @property
    def province_code(self) -> str:
        """Domain code of the province (``7300`` for ``7315``); ``0000`` for national."""
        return "0000" if self.is_national else self.code[:2] + "00"

    @property
    def title_name(self) -> str:
        """The name as it stands in a title: "Provinsi Aceh", "Kabupaten Pinrang"."""
        return f"Provinsi {self.name}" if self.level == "provinsi" else self.name

    @property
    def english_name(self) -> str:
        """The name as in English titles: "Aceh Province", "Pinrang Regency"."""
        if self.level == "provinsi":
            return f"{self.name} Province"
        if self.level == "kabupaten":
            return self.name.removeprefix("Kabupaten ") + " Regency"
        if self.level == "kota":
            return self.name.removeprefix("Kota ") + " Municipality"
        return self.name

    @property
    def office(self) -> str:
        """The office that publishes for this region: "BPS Provinsi Aceh"."""
        return BPS if self.is_national else f"BPS {self.title_name}"

    @property
    def katalog_suffix(self) -> str:
        """What follows the dot in a regional Katalog BPS (DOMAIN.md): 2 or 4 digits."""
        if self.is_national:
            return ""
        return self.code[:2] if self.level == "provinsi" else self.code


def _region_rows() -> dict[str, Region]:
    provinces = (
        ("1100", "Aceh"),
        ("1200", "Sumatera Utara"),
        ("1300", "Sumatera Barat"),
        ("1400", "Riau"),
        ("1500", "Jambi"),
        ("1600", "Sumatera Selatan"),
        ("1700", "Bengkulu"),
        ("1800", "Lampung"),
        ("1900", "Kepulauan Bangka Belitung"),
        ("2100", "Kepulauan Riau"),
        ("3100", "DKI Jakarta"),
        ("3200", "Jawa Barat"),
        ("3300", "Jawa Tengah"),
        ("3400", "DI Yogyakarta"),
        ("3500", "Jawa Timur"),
        ("3600", "Banten"),
        ("5100", "Bali"),
        ("5200", "Nusa Tenggara Barat"),
        ("5300", "Nusa Tenggara Timur"),
        ("6100", "Kalimantan Barat"),
        ("6200", "Kalimantan Tengah"),
        ("6300", "Kalimantan Selatan"),
        ("6400", "Kalimantan Timur"),
        ("6500", "Kalimantan Utara"),
        ("7100", "Sulawesi Utara"),
        ("7200", "Sulawesi Tengah"),
        ("7300", "Sulawesi Selatan"),
        ("7400", "Sulawesi Tenggara"),
        ("7500", "Gorontalo"),
        ("7600", "Sulawesi Barat"),
        ("8100", "Maluku"),
        ("8200", "Maluku Utara"),
        ("9100", "Papua Barat"),
        ("9200", "Papua Barat Daya"),
        ("9400", "Papua"),
        ("9500", "Papua Selatan"),
        ("9600", "Papua Tengah"),
        ("9700", "Papua Pegunungan"),
    )
    districts = (
        ("1171", "Kota Banda Aceh"),
        ("1275", "Kota Medan"),
        ("1306", "Kabupaten Padang Pariaman"),
        ("1371", "Kota Padang"),
        ("3204", "Kabupaten Bandung"),
        ("3209", "Kabupaten Cirebon"),
        ("3273", "Kota Bandung"),
        ("3374", "Kota Semarang"),
        ("3471", "Kota Yogyakarta"),
        ("3578", "Kota Surabaya"),
        ("5171", "Kota Denpasar"),
        ("5204", "Kabupaten Sumbawa"),
        ("5271", "Kota Mataram"),
        ("6472", "Kota Samarinda"),
        ("7311", "Kabupaten Bone"),
        ("7315", "Kabupaten Pinrang"),
        ("7371", "Kota Makassar"),
    )
    rows = {"0000": Region("0000", "Indonesia", "nasional")}
    rows.update({code: Region(code, name, "provinsi") for code, name in provinces})
    for code, name in districts:
        rows[code] = Region(code, name, "kota" if name.startswith("Kota ") else "kabupaten")
    return rows


#: BPS domain code → region: Indonesia, all 38 provinces, and the demo's kabupaten/kota.
REGIONS: dict[str, Region] = _region_rows()

#: Provinces with a demo kabupaten/kota; with those and the nation they publish the catalogue.
PUBLISHING_REGIONS: tuple[str, ...] = ("0000",) + tuple(
    sorted(
        {c[:2] + "00" for c, r in REGIONS.items() if r.level in ("kabupaten", "kota")}
        | {c for c, r in REGIONS.items() if r.level in ("kabupaten", "kota")}
    )
)

#: Kecamatan (7-digit codes) with their own "Kecamatan … Dalam Angka" edition.
KECAMATAN: dict[str, str] = {
    "3209060": "Lemahabang",
    "7371030": "Tamalate",
    "7371100": "Panakkukang",
    "7371110": "Biringkanaya",
}

# Approximate population (thousands, 2024); only scales the synthetic extensive indicators.
# fmt: off
_POPULATION = {
    "0000": 281604, "1100": 5555, "1200": 15589, "1300": 5836, "1400": 6728, "1500": 3679,
    "1600": 8837, "1700": 2113, "1800": 9419, "1900": 1531, "2100": 2183, "3100": 10684,
    "3200": 50345, "3300": 37892, "3400": 3759, "3500": 41653, "3600": 12431, "5100": 4434,
    "5200": 5647, "5300": 5657, "6100": 5623, "6200": 2809, "6300": 4221, "6400": 3910,
    "6500": 730, "7100": 2661, "7200": 3122, "7300": 9463, "7400": 2793, "7500": 1198,
    "7600": 1487, "8100": 1946, "8200": 1356, "9100": 574, "9200": 626, "9400": 1059,
    "9500": 534, "9600": 1469, "9700": 1458, "1171": 261, "1275": 2494, "1306": 442,
    "1371": 939, "3204": 3720, "3209": 2360, "3273": 2569, "3374": 1703, "3471": 373,
    "3578": 3018, "5171": 726, "5204": 534, "5271": 443, "6472": 861, "7311": 808,
    "7315": 413, "7371": 1475,
}
# fmt: on


def population_share(region_code: str) -> float:
    """Share of the national population (approximate), used to scale synthetic totals."""
    return _POPULATION[region_code] / _POPULATION["0000"]


def provinces() -> list[Region]:
    """All 38 provinces in code order."""
    return [r for r in REGIONS.values() if r.level == "provinsi"]


def format_angka(value: float, decimals: int = 2) -> str:
    """Indonesian number format: ``1.234,56`` (dot for thousands, comma for decimals)."""
    text = f"{abs(value):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    negative = value < 0 and text.strip("0,.") != ""
    return ("-" if negative else "") + text


def slugify(text: str) -> str:
    """ASCII slug: "Statistik Indonesia 2026" → ``statistik-indonesia-2026``."""
    text = text.replace("–", "-").replace("—", "-").replace("/", "-")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------------------------
# Indicators: synthetic but plausible values, the same wherever they are quoted
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """A statistical indicator with a synthetic value for every region and year.

    ``kind`` "rate": national value ``national + trend·(year−2023)``, regions offset by up to
    ``spread``·national; "level": national value grows by ``trend`` a year, regions get their
    population share (``extensive``, then ± ``spread``) or a relative offset of up to
    ``spread``. ``by_year`` pins national values.
    """

    key: str
    name: str
    unit: str
    decimals: int
    national: float
    kind: str = "rate"
    trend: float = 0.0
    spread: float = 0.1
    extensive: bool = False
    by_year: tuple[tuple[int, float], ...] = ()
    bounds: tuple[float, float] | None = None
    phrase: str = "{v} {unit}"
    national_name: str | None = None

    def name_for(self, region_code: str) -> str:
        """The name as said of a region: PDRB for a region is PDB for Indonesia."""
        return self.national_name if region_code == "0000" and self.national_name else self.name

    def describe(self, value: float) -> str:
        """The value as it reads in a sentence: "5,32 persen", "Rp550.458 per kapita …"."""
        return self.phrase.format(v=format_angka(value, self.decimals), unit=self.unit)


# fmt: off
INDICATORS: dict[str, Indicator] = {
    ind.key: ind
    for ind in (
        Indicator("penduduk", "Jumlah Penduduk", "ribu jiwa", 1, 278696.2, "level", 0.0113,
                  spread=0.03, extensive=True),
        Indicator("lpp", "Laju Pertumbuhan Penduduk", "persen", 2, 1.13, trend=-0.02,
                  spread=0.4, bounds=(0.2, 3.5)),
        Indicator("lansia", "Persentase Penduduk Lanjut Usia", "persen", 2, 11.75, trend=0.3,
                  spread=0.25),
        Indicator("tpt", "Tingkat Pengangguran Terbuka (TPT)", "persen", 2, 5.32, trend=-0.15,
                  spread=0.45, bounds=(0.8, 15.0),
                  by_year=((2019, 5.23), (2020, 7.07), (2021, 6.49), (2022, 5.86),
                           (2024, 4.91), (2025, 4.85))),
        Indicator("tpak", "Tingkat Partisipasi Angkatan Kerja (TPAK)", "persen", 2, 69.48,
                  trend=0.3, spread=0.08, bounds=(55.0, 85.0)),
        Indicator("p0", "Persentase Penduduk Miskin (P0)", "persen", 2, 9.36, trend=-0.3,
                  spread=0.55, bounds=(1.5, 40.0),
                  by_year=((2019, 9.41), (2020, 9.78), (2021, 10.14), (2022, 9.54),
                           (2024, 9.03), (2025, 8.47))),
        Indicator("gk", "Garis Kemiskinan", "rupiah/kapita/bulan", 0, 550458, "level", 0.05,
                  spread=0.15, phrase="Rp{v} per kapita per bulan"),
        Indicator("inflasi", "Inflasi Tahunan (y-on-y)", "persen", 2, 2.61, spread=0.35,
                  by_year=((2019, 2.72), (2020, 1.68), (2021, 1.87), (2022, 5.51),
                           (2024, 1.57), (2025, 2.50), (2026, 2.40))),
        Indicator("ntp", "Nilai Tukar Petani (NTP)", "(2018=100)", 2, 116.0, spread=0.06,
                  by_year=((2019, 103.20), (2020, 101.65), (2021, 104.64), (2022, 107.33),
                           (2024, 119.30), (2025, 121.00), (2026, 122.10)),
                  phrase="{v}"),
        Indicator("padi", "Produksi Padi", "ton GKG", 0, 53980000, "level", 0.005,
                  spread=0.6, extensive=True,
                  by_year=((2019, 54604033), (2020, 54649202), (2021, 54415294),
                           (2022, 54748977), (2024, 53142726))),
        Indicator("luas_panen", "Luas Panen Padi", "hektar", 0, 10213705, "level", 0.003,
                  spread=0.6, extensive=True),
        Indicator("ibs_growth", "Pertumbuhan Produksi Industri Manufaktur Besar dan Sedang",
                  "persen", 2, 4.6, spread=0.6, bounds=(-15.0, 20.0),
                  by_year=((2019, 4.01), (2020, -4.33), (2021, 3.39), (2022, 5.03))),
        Indicator("imk_usaha", "Jumlah Usaha Industri Mikro dan Kecil", "unit", 0, 4209817,
                  "level", 0.02, spread=0.25, extensive=True),
        Indicator("ekspor", "Nilai Ekspor", "juta US$", 2, 258820.0, "level", 0.03,
                  spread=0.8, extensive=True,
                  by_year=((2019, 167683.0), (2020, 163191.8), (2021, 231609.5),
                           (2022, 291979.1), (2024, 264702.1))),
        Indicator("impor", "Nilai Impor", "juta US$", 2, 221886.2, "level", 0.03,
                  spread=0.8, extensive=True,
                  by_year=((2019, 171275.7), (2020, 141568.8), (2021, 196190.0),
                           (2022, 237447.1), (2024, 233659.1))),
        Indicator("apm_sma", "Angka Partisipasi Murni (APM) SMA/Sederajat", "persen", 2,
                  61.88, trend=0.7, spread=0.15, bounds=(30.0, 95.0)),
        Indicator("rls", "Rata-rata Lama Sekolah (RLS)", "tahun", 2, 8.77, trend=0.1,
                  spread=0.18, bounds=(4.0, 12.8)),
        Indicator("keluhan", "Persentase Penduduk yang Mempunyai Keluhan Kesehatan", "persen",
                  2, 28.1, trend=-0.2, spread=0.25),
        Indicator("uhh", "Umur Harapan Hidup (UHH) saat Lahir", "tahun", 2, 73.93, trend=0.2,
                  spread=0.04, bounds=(60.0, 78.0)),
        Indicator("tpk", "Tingkat Penghunian Kamar (TPK) Hotel Bintang", "persen", 2, 51.12,
                  trend=0.8, spread=0.2,
                  by_year=((2019, 53.80), (2020, 33.62), (2021, 38.15), (2022, 46.21))),
        Indicator("wisman", "Jumlah Kunjungan Wisatawan Mancanegara", "ribu kunjungan", 2,
                  11677.8, "level", 0.04, spread=0.8, extensive=True,
                  by_year=((2019, 16106.9), (2020, 4052.9), (2021, 1557.5), (2022, 5889.0),
                           (2024, 13902.4))),
        Indicator("kendaraan", "Jumlah Kendaraan Bermotor", "unit", 0, 158000000, "level",
                  0.04, spread=0.2, extensive=True),
        Indicator("penumpang_udara", "Jumlah Penumpang Angkutan Udara Domestik",
                  "ribu orang", 2, 65600.0, "level", 0.04, spread=0.5, extensive=True,
                  by_year=((2019, 76700.0), (2020, 32400.0), (2021, 26300.0),
                           (2022, 54000.0))),
        Indicator("listrik", "Listrik Terjual", "GWh", 2, 288435.0, "level", 0.05,
                  spread=0.3, extensive=True),
        Indicator("elektrifikasi", "Rasio Elektrifikasi", "persen", 2, 99.72, trend=0.05,
                  spread=0.02, bounds=(85.0, 100.0)),
        Indicator("pendapatan_daerah", "Realisasi Pendapatan Daerah", "miliar rupiah", 2,
                  1205000.0, "level", 0.05, spread=0.3, extensive=True),
        Indicator("rasio_pad", "Rasio Pendapatan Asli Daerah terhadap Total Pendapatan",
                  "persen", 2, 24.5, trend=0.4, spread=0.6, bounds=(3.0, 75.0)),
        Indicator("lpe", "Laju Pertumbuhan Ekonomi", "persen", 2, 5.05, spread=0.25,
                  by_year=((2019, 5.02), (2020, -2.07), (2021, 3.70), (2022, 5.31),
                           (2024, 5.03), (2025, 5.04), (2026, 5.10))),
        Indicator("pdrb_adhb", "Produk Domestik Regional Bruto (PDRB) Atas Dasar Harga Berlaku",
                  "miliar rupiah", 2, 20892376.0, "level", 0.07, spread=0.4, extensive=True,
                  national_name="Produk Domestik Bruto (PDB) Atas Dasar Harga Berlaku",
                  by_year=((2019, 15832657.0), (2020, 15443353.0), (2021, 16976690.0),
                           (2022, 19588445.0), (2024, 22139000.0))),
        Indicator("air_minum", "Persentase Rumah Tangga dengan Akses Air Minum Layak", "persen",
                  2, 91.72, trend=0.5, spread=0.08, bounds=(55.0, 100.0)),
        Indicator("sanitasi", "Persentase Rumah Tangga dengan Akses Sanitasi Layak", "persen",
                  2, 82.36, trend=0.8, spread=0.12, bounds=(40.0, 100.0)),
        Indicator("pilah_sampah", "Persentase Rumah Tangga yang Memilah Sampah", "persen", 2,
                  20.4, trend=0.8, spread=0.4),
        Indicator("pengeluaran", "Rata-rata Pengeluaran per Kapita Sebulan", "rupiah", 0,
                  1451870, "level", 0.055, spread=0.3, phrase="Rp{v}"),
        Indicator("ipm", "Indeks Pembangunan Manusia (IPM)", "", 2, 74.39, trend=0.6,
                  spread=0.07, bounds=(50.0, 90.0), by_year=((2020, 71.94), (2021, 72.29)),
                  phrase="{v}"),
    )
}
# fmt: on

#: Main and secondary indicator of each subject (titles, abstracts, tables and charts).
SUBJECT_INDICATORS: dict[str, tuple[str, str]] = {
    "Statistik Umum": ("penduduk", "lpe"),
    "Kependudukan": ("penduduk", "lpp"),
    "Ketenagakerjaan": ("tpt", "tpak"),
    "Kemiskinan": ("p0", "gk"),
    "Kesejahteraan Rakyat": ("pengeluaran", "sanitasi"),
    "Pembangunan Manusia": ("ipm", "rls"),
    "Harga": ("inflasi", "ntp"),
    "Pertanian": ("padi", "luas_panen"),
    "Industri": ("ibs_growth", "imk_usaha"),
    "Perdagangan": ("ekspor", "impor"),
    "Pendidikan": ("apm_sma", "rls"),
    "Kesehatan": ("uhh", "keluhan"),
    "Pariwisata": ("tpk", "wisman"),
    "Transportasi": ("kendaraan", "penumpang_udara"),
    "Energi": ("listrik", "elektrifikasi"),
    "Keuangan": ("pendapatan_daerah", "rasio_pad"),
    "Pendapatan Nasional": ("lpe", "pdrb_adhb"),
    "Lingkungan Hidup": ("air_minum", "pilah_sampah"),
}


def _seeded(*parts: object) -> random.Random:
    """A generator keyed by its parts (string seeds are stable across runs and platforms)."""
    return random.Random("|".join(str(p) for p in parts))


def indicator_value(key: str, region_code: str, year: int) -> float:
    """Synthetic value of indicator ``key`` for a region and year (rounded as published)."""
    ind = INDICATORS[key]
    pinned = dict(ind.by_year)
    if year in pinned:
        national = pinned[year]
    elif ind.kind == "level":
        national = ind.national * (1 + ind.trend) ** (year - 2023)
    else:
        national = ind.national + ind.trend * (year - 2023)
    if region_code == "0000":
        value = national
    else:
        offset = _seeded(ind.key, region_code).uniform(-1.0, 1.0)
        noise = _seeded(ind.key, region_code, year).gauss(0.0, 1.0)
        if ind.extensive:
            value = national * population_share(region_code) * (1 + ind.spread * offset)
            value *= 1 + 0.01 * noise
        elif ind.kind == "level":
            value = national * (1 + ind.spread * offset) * (1 + 0.005 * noise)
        else:
            scale = abs(ind.national)
            value = national + ind.spread * scale * offset + 0.02 * ind.spread * scale * noise
    if ind.bounds:
        value = min(max(value, ind.bounds[0]), ind.bounds[1])
    return round(value, ind.decimals)


def describe_change(key: str, region_code: str, year: int, previous_year: int) -> str:
    """ "naik 0,21 persen poin" / "turun 3,45 persen" between two years, as BPS phrases it."""
    ind = INDICATORS[key]
    now = indicator_value(key, region_code, year)
    before = indicator_value(key, region_code, previous_year)
    if ind.kind == "rate":
        delta = round(now - before, ind.decimals)
        unit = "persen poin" if ind.unit == "persen" else "poin"
    else:
        delta = round((now - before) / before * 100, 2) if before else 0.0
        unit = "persen"
    if delta == 0:
        return "tidak berubah"
    word = "naik" if delta > 0 else "turun"
    return f"{word} {format_angka(abs(delta), 2)} {unit}"


# --------------------------------------------------------------------------------------------
# Publication series (the office's recurring titles)
# --------------------------------------------------------------------------------------------

# fmt: off
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# fmt: on

DIREKTORAT = {
    "umum": "Direktorat Diseminasi Statistik",
    "kependudukan": "Direktorat Statistik Kependudukan dan Ketenagakerjaan",
    "kesra": "Direktorat Statistik Kesejahteraan Rakyat",
    "ketahanan": "Direktorat Statistik Ketahanan Sosial",
    "harga": "Direktorat Statistik Harga",
    "pangan": "Direktorat Statistik Tanaman Pangan, Hortikultura, dan Perkebunan",
    "industri": "Direktorat Statistik Industri",
    "distribusi": "Direktorat Statistik Distribusi",
    "pariwisata": "Direktorat Statistik Keuangan, Teknologi Informasi, dan Pariwisata",
    "energi": "Direktorat Statistik Pertambangan, Energi, dan Konstruksi",
    "produksi": "Direktorat Neraca Produksi",
    "analisis": "Direktorat Analisis dan Pengembangan Statistik",
}
# First four digits of a national Nomor Publikasi (the issuing unit); regional editions use
# the domain code instead (73150.…, 73000.…).
# fmt: off
_UNIT_CODES = {
    "umum": "0321", "kependudukan": "0322", "kesra": "0323", "ketahanan": "0324",
    "harga": "0331", "pangan": "0341", "industri": "0342", "distribusi": "0351",
    "pariwisata": "0352", "energi": "0343", "produksi": "0361", "analisis": "0371",
}
# fmt: on


@dataclass(frozen=True)
class _Period:
    """An edition within a year and the months in which it is released."""

    name: str
    name_en: str
    release: tuple[int, int]


def _months(first: int, last: int, lag: int) -> tuple[_Period, ...]:
    return tuple(
        _Period(MONTHS_ID[m - 1], _MONTHS_EN[m - 1], (m + lag, min(m + lag + 1, 12)))
        for m in range(first, last + 1)
    )


_SEMESTER_SAKERNAS = (
    _Period("Februari", "February", (5, 6)),
    _Period("Agustus", "August", (11, 12)),
)
_QUARTERS = (
    _Period("Triwulan I", "Quarter I", (5, 6)),
    _Period("Triwulan II", "Quarter II", (8, 9)),
    _Period("Triwulan III", "Quarter III", (11, 12)),
)

# fmt: off
_DEFAULT_CHAPTERS = {
    "Statistik Umum": ("Geografi dan Iklim", "Pemerintahan", "Penduduk dan Ketenagakerjaan",
                       "Sosial dan Kesejahteraan Rakyat", "Pertanian, Kehutanan, dan Perikanan",
                       "Industri, Pertambangan, dan Energi", "Pariwisata dan Transportasi",
                       "Keuangan dan Harga", "Perdagangan", "Pendapatan Regional"),
    "Kependudukan": ("Jumlah dan Pertumbuhan Penduduk", "Struktur Umur dan Rasio Ketergantungan",
                     "Fertilitas dan Mortalitas", "Migrasi"),
    "Ketenagakerjaan": ("Penduduk Usia Kerja dan Angkatan Kerja", "Penduduk yang Bekerja",
                        "Pengangguran dan Setengah Pengangguran", "Upah dan Pendapatan"),
    "Kemiskinan": ("Perkembangan Tingkat Kemiskinan", "Garis Kemiskinan dan Komponennya",
                   "Kedalaman dan Keparahan Kemiskinan", "Karakteristik Rumah Tangga Miskin"),
    "Kesejahteraan Rakyat": ("Kependudukan", "Kesehatan dan Gizi", "Pendidikan",
                             "Perumahan dan Lingkungan", "Pola Konsumsi"),
    "Pembangunan Manusia": ("Konsep dan Metodologi IPM", "Umur Panjang dan Hidup Sehat",
                            "Pengetahuan", "Standar Hidup Layak", "Capaian IPM"),
    "Harga": ("Perkembangan Harga Konsumen", "Inflasi Menurut Kelompok Pengeluaran",
              "Harga Produsen", "Nilai Tukar Petani"),
    "Pertanian": ("Luas Panen", "Produktivitas", "Produksi Padi dan Beras", "Rumah Tangga Usaha "
                  "Pertanian"),
    "Industri": ("Jumlah Usaha dan Tenaga Kerja", "Nilai Output dan Input",
                 "Pertumbuhan Produksi", "Kendala dan Prospek Usaha"),
    "Perdagangan": ("Perkembangan Ekspor", "Perkembangan Impor", "Neraca Perdagangan",
                    "Negara Tujuan dan Asal Utama"),
    "Pendidikan": ("Akses Pendidikan", "Partisipasi Sekolah", "Kualitas Pendidikan",
                   "Pendidikan Penduduk Dewasa"),
    "Kesehatan": ("Derajat Kesehatan", "Keluhan Kesehatan dan Morbiditas",
                  "Pemanfaatan Fasilitas Kesehatan", "Jaminan Kesehatan"),
    "Pariwisata": ("Kunjungan Wisatawan", "Akomodasi", "Tingkat Penghunian Kamar",
                   "Rata-rata Lama Menginap"),
    "Transportasi": ("Transportasi Darat", "Transportasi Laut", "Transportasi Udara",
                     "Kendaraan Bermotor"),
    "Energi": ("Produksi dan Distribusi", "Konsumsi Menurut Kelompok Pelanggan",
               "Rasio Elektrifikasi", "Kinerja Perusahaan"),
    "Keuangan": ("Struktur Anggaran", "Pendapatan Daerah", "Belanja Daerah", "Pembiayaan"),
    "Pendapatan Nasional": ("Struktur Perekonomian", "Pertumbuhan Ekonomi",
                            "PDRB Menurut Lapangan Usaha", "PDRB Menurut Pengeluaran",
                            "PDRB per Kapita"),
    "Lingkungan Hidup": ("Kondisi Lingkungan", "Air Minum dan Sanitasi", "Pengelolaan Sampah",
                         "Perilaku Peduli Lingkungan", "Bencana dan Mitigasi"),
}
# fmt: on

# fmt: off
_SOURCES = {
    "Statistik Umum": "berbagai sensus dan survei BPS serta data administrasi instansi "
                      "pemerintah",
    "Kependudukan": "Sensus Penduduk 2020 (SP2020) dan proyeksi penduduk",
    "Ketenagakerjaan": "Survei Angkatan Kerja Nasional (Sakernas)",
    "Kemiskinan": "Survei Sosial Ekonomi Nasional (Susenas)",
    "Kesejahteraan Rakyat": "Survei Sosial Ekonomi Nasional (Susenas) Kor",
    "Pembangunan Manusia": "Susenas, Sensus Penduduk 2020, dan data administrasi pendidikan",
    "Harga": "Survei Harga Konsumen (SHK) dan Survei Harga Perdesaan",
    "Pertanian": "Survei Kerangka Sampel Area (KSA) dan Sensus Pertanian 2023",
    "Industri": "Survei Industri Mikro dan Kecil (IMK) serta Survei Tahunan Perusahaan "
                "Industri Manufaktur",
    "Perdagangan": "dokumen kepabeanan Direktorat Jenderal Bea dan Cukai",
    "Pendidikan": "Susenas Modul Sosial Budaya dan Pendidikan (MSBP)",
    "Kesehatan": "Susenas Kor dan data administrasi Kementerian Kesehatan",
    "Pariwisata": "Survei Hotel dan data perlintasan Direktorat Jenderal Imigrasi",
    "Transportasi": "Survei Perusahaan Angkutan dan data registrasi kendaraan bermotor",
    "Energi": "Survei Perusahaan Listrik dan Survei Perusahaan Air Bersih",
    "Keuangan": "Survei Statistik Keuangan Pemerintah Daerah",
    "Pendapatan Nasional": "penghitungan neraca produksi dan neraca pengeluaran regional",
    "Lingkungan Hidup": "Survei Perilaku Peduli Lingkungan Hidup dan Pendataan Potensi Desa "
                        "(Podes)",
}
# fmt: on


@dataclass(frozen=True)
class _Series:
    """A recurring title. Templates take {area}, {area_en}, {year}, {year_from}, {year_to},
    {period}, {period_en} and {kec}."""

    key: str
    subject: str
    katalog: str
    unit: str
    national: str | None
    regional: str | None = None
    levels: tuple[str, ...] = ()
    national_en: str | None = None
    regional_en: str | None = None
    frequency: str = "Tahunan"
    periods: tuple[_Period, ...] = ()
    release: tuple[int, int] = (11, 12)
    lag: int = 0
    serial: bool = True
    isbn: bool = False
    language: str = "Indonesia"
    subtitle: str | None = None
    pages: tuple[int, int] = (60, 180)
    years: tuple[int, ...] = YEARS
    about: str = "data dan analisis"
    indicators: tuple[str, str] | None = None
    chapters: tuple[str, ...] | None = None


_ALL_REGIONAL = ("provinsi", "kabupaten", "kota")
_KABKOTA = ("kabupaten", "kota")

# fmt: off
SERIES: tuple[_Series, ...] = (
    _Series("statistik-indonesia", "Statistik Umum", "1101001", "umum",
            "Statistik Indonesia {year}", national_en="Statistical Yearbook of Indonesia {year}",
            release=(2, 3), lag=1, isbn=True, language="Indonesia-Inggris", pages=(360, 400),
            about="data statistik lintas sektor yang menggambarkan kondisi sosial, ekonomi, "
                  "dan geografis"),
    _Series("dalam-angka", "Statistik Umum", "1102001", "umum", None,
            "{area} Dalam Angka {year}", _ALL_REGIONAL, regional_en="{area_en} in Figures {year}",
            release=(2, 3), lag=1, language="Indonesia-Inggris", pages=(180, 400),
            about="data statistik lintas sektor yang menggambarkan kondisi sosial, ekonomi, "
                  "dan geografis"),
    _Series("kecamatan-dalam-angka", "Statistik Umum", "1102001", "umum", None,
            "Kecamatan {kec} Dalam Angka {year}", ("kecamatan",),
            regional_en="{kec} Subdistrict in Figures {year}", release=(9, 10), lag=1,
            language="Indonesia-Inggris", pages=(30, 80),
            about="gambaran umum wilayah, penduduk, sosial, dan ekonomi tingkat kecamatan"),
    _Series("laporan-bulanan", "Statistik Umum", "9199017", "umum",
            "Laporan Bulanan Data Sosial Ekonomi {period} {year}",
            national_en="Monthly Report on Socio-Economic Data {period_en} {year}",
            frequency="Bulanan", periods=_months(1, 11, 0), pages=(90, 140),
            about="ringkasan indikator sosial ekonomi terkini", indicators=("inflasi", "tpt")),
    _Series("proyeksi-penduduk", "Kependudukan", "2101018", "kependudukan",
            "Proyeksi Penduduk Indonesia 2020–2050",
            national_en="Indonesia Population Projection 2020–2050", frequency="Sekali terbit",
            release=(4, 6), serial=False, isbn=True, subtitle="Hasil Sensus Penduduk 2020",
            pages=(150, 260), years=(2023,), about="hasil proyeksi penduduk menurut umur dan "
            "jenis kelamin"),
    _Series("long-form-sp2020", "Kependudukan", "2101020", "kependudukan", None,
            "Profil Penduduk {area} Hasil Long Form Sensus Penduduk 2020", _KABKOTA,
            frequency="Sekali terbit", release=(6, 9), serial=False, isbn=True, pages=(60, 120),
            years=(2023,), about="karakteristik demografi dan sosial ekonomi penduduk"),
    _Series("statistik-lansia", "Kependudukan", "4104001", "kesra",
            "Statistik Penduduk Lanjut Usia {year}",
            national_en="Statistics of Older Persons {year}", pages=(180, 280),
            about="kondisi demografi, sosial, dan ekonomi penduduk lanjut usia",
            indicators=("lansia", "keluhan")),
    _Series("keadaan-angkatan-kerja", "Ketenagakerjaan", "2303003", "kependudukan",
            "Keadaan Angkatan Kerja di Indonesia {period} {year}", "Keadaan Angkatan Kerja "
            "{area} {period} {year}", _ALL_REGIONAL,
            national_en="Labor Force Situation in Indonesia {period_en} {year}",
            frequency="Semesteran", periods=_SEMESTER_SAKERNAS, pages=(90, 240),
            about="kondisi ketenagakerjaan"),
    _Series("indikator-pasar-kerja", "Ketenagakerjaan", "2302001", "kependudukan",
            "Indikator Pasar Tenaga Kerja Indonesia Agustus {year}",
            national_en="Labor Market Indicators of Indonesia August {year}", pages=(120, 220),
            about="indikator pasar tenaga kerja", isbn=True),
    _Series("profil-kemiskinan-nasional", "Kemiskinan", "3205014", "ketahanan",
            "Profil Kemiskinan di Indonesia Maret {year}", frequency="Semesteran",
            periods=(_Period("Maret", "March", (7, 8)),), pages=(40, 90),
            about="perkembangan tingkat kemiskinan"),
    _Series("profil-kemiskinan", "Kemiskinan", "3205014", "ketahanan", None,
            "Profil Kemiskinan {area} {year}", _KABKOTA, release=(10, 12), pages=(40, 110),
            about="perkembangan tingkat kemiskinan"),
    _Series("data-informasi-kemiskinan", "Kemiskinan", "3205015", "ketahanan",
            "Data dan Informasi Kemiskinan Kabupaten/Kota {year}",
            national_en="Data and Information of Poverty Regency/Municipality {year}",
            pages=(250, 380), isbn=True, about="data kemiskinan kabupaten/kota"),
    _Series("indikator-kesra", "Kesejahteraan Rakyat", "4102004", "kesra",
            "Indikator Kesejahteraan Rakyat {year}", "Indikator Kesejahteraan Rakyat {area} "
            "{year}", _ALL_REGIONAL, national_en="Welfare Indicators {year}", isbn=True,
            pages=(120, 260), about="indikator kesejahteraan rakyat"),
    _Series("statistik-kesra", "Kesejahteraan Rakyat", "4101002", "kesra",
            "Statistik Kesejahteraan Rakyat {year}", "Statistik Kesejahteraan Rakyat {area} "
            "{year}", ("provinsi",), national_en="Welfare Statistics {year}", pages=(200, 340),
            about="kondisi kesejahteraan rumah tangga dan penduduk"),
    _Series("ipm", "Pembangunan Manusia", "4102002", "analisis",
            "Indeks Pembangunan Manusia {year}", "Indeks Pembangunan Manusia {area} {year}",
            _ALL_REGIONAL, national_en="Human Development Index {year}", release=(4, 6), lag=1,
            pages=(80, 160), about="capaian pembangunan manusia"),
    _Series("harga-produsen-pertanian", "Harga", "7202005", "harga",
            "Statistik Harga Produsen Pertanian {year}",
            national_en="Agricultural Producer Price Statistics {year}", release=(6, 8), lag=1,
            subtitle="Subsektor Tanaman Pangan, Hortikultura, dan Perkebunan Rakyat",
            pages=(120, 240), about="perkembangan harga produsen komoditas pertanian",
            indicators=("ntp", "inflasi")),
    _Series("nilai-tukar-petani", "Harga", "7102018", "harga",
            "Statistik Nilai Tukar Petani {year}", "Nilai Tukar Petani {area} {year}",
            ("provinsi",), national_en="Farmer's Terms of Trade Statistics {year}",
            release=(5, 7), lag=1, pages=(90, 200),
            about="perkembangan nilai tukar petani dan indeks harga yang diterima dan dibayar "
                  "petani", indicators=("ntp", "inflasi")),
    _Series("harga-konsumen", "Harga", "7201002", "harga", "Statistik Harga Konsumen {year}",
            "Perkembangan Indeks Harga Konsumen {area} {year}", ("kota",),
            national_en="Consumer Price Statistics {year}", release=(4, 6), lag=1,
            pages=(150, 300), about="perkembangan indeks harga konsumen dan inflasi"),
    _Series("produksi-padi", "Pertanian", "5203004", "pangan",
            "Luas Panen dan Produksi Padi di Indonesia {year}",
            "Luas Panen dan Produksi Padi di {area} {year}", ("provinsi",),
            national_en="Harvested Area and Rice Production in Indonesia {year}",
            release=(3, 5), lag=1, pages=(40, 90), about="luas panen, produktivitas, dan "
            "produksi padi"),
    _Series("st2023", "Pertanian", "5106002", "pangan",
            "Hasil Pencacahan Lengkap Sensus Pertanian 2023 - Tahap I",
            "Hasil Pencacahan Lengkap Sensus Pertanian 2023 - Tahap I {area}", _KABKOTA,
            frequency="Sekali terbit", release=(12, 12), serial=False, isbn=True,
            pages=(60, 140), years=(2023,), about="hasil pencacahan lengkap usaha pertanian"),
    _Series("industri-manufaktur", "Industri", "6102001", "industri",
            "Statistik Industri Manufaktur Indonesia {year}", "Statistik Industri Manufaktur "
            "{area} {year}", ("provinsi",),
            national_en="Manufacturing Industry Statistics of Indonesia {year}",
            release=(8, 10), lag=2, subtitle="Bahan Baku", pages=(150, 330),
            about="kinerja industri manufaktur besar dan sedang"),
    _Series("profil-imk", "Industri", "6103008", "industri",
            "Profil Industri Mikro dan Kecil {year}",
            national_en="Profile of Micro and Small Industry {year}", release=(10, 12), lag=1,
            pages=(90, 180), about="karakteristik usaha industri mikro dan kecil",
            indicators=("imk_usaha", "ibs_growth")),
    _Series("buletin-ekspor", "Perdagangan", "8202001", "distribusi",
            "Buletin Statistik Perdagangan Luar Negeri Ekspor Menurut Kelompok Komoditi dan "
            "Negara, {period} {year}",
            national_en="Foreign Trade Statistical Bulletin Exports by Commodity Groups and "
                        "Countries, {period_en} {year}",
            frequency="Bulanan", periods=_months(1, 10, 1), pages=(140, 220),
            language="Indonesia-Inggris", about="nilai dan volume ekspor menurut komoditas dan "
            "negara tujuan"),
    _Series("distribusi-beras", "Perdagangan", "8302002", "distribusi",
            "Distribusi Perdagangan Komoditas Beras Indonesia {year}",
            national_en="Distribution Trade of Rice Commodity in Indonesia {year}",
            release=(9, 11), pages=(50, 110), isbn=True, about="pola distribusi perdagangan "
            "beras dari produsen hingga konsumen akhir"),
    _Series("ekspor-impor-daerah", "Perdagangan", "8202003", "distribusi", None,
            "Perkembangan Ekspor dan Impor {area} {year}", ("provinsi",), release=(4, 6),
            lag=1, pages=(50, 110), about="perkembangan nilai ekspor dan impor"),
    _Series("statistik-pendidikan", "Pendidikan", "4301008", "kesra",
            "Statistik Pendidikan {year}", "Indikator Pendidikan {area} {year}", _ALL_REGIONAL,
            national_en="Education Statistics {year}", pages=(150, 260),
            subtitle="Potret Pendidikan Indonesia", about="kondisi pendidikan penduduk"),
    _Series("profil-kesehatan", "Kesehatan", "4201008", "kesra",
            "Profil Statistik Kesehatan {year}", "Statistik Kesehatan {area} {year}",
            ("provinsi",), national_en="Health Statistics Profile {year}", pages=(80, 180),
            about="derajat dan status kesehatan penduduk"),
    _Series("kunjungan-wisman", "Pariwisata", "8401002", "pariwisata",
            "Statistik Kunjungan Wisatawan Mancanegara {year}",
            national_en="International Visitor Arrivals Statistics {year}", release=(6, 8),
            lag=1, language="Indonesia-Inggris", pages=(100, 220),
            about="jumlah dan karakteristik kunjungan wisatawan mancanegara",
            indicators=("wisman", "tpk")),
    _Series("hotel-akomodasi", "Pariwisata", "8401003", "pariwisata",
            "Statistik Hotel dan Akomodasi Lainnya di Indonesia {year}",
            "Statistik Pariwisata {area} {year}", ("provinsi", "kota"),
            national_en="Hotel and Other Accommodation Statistics in Indonesia {year}",
            release=(7, 9), lag=1, pages=(120, 260), about="perkembangan usaha akomodasi dan "
            "tingkat penghunian kamar"),
    _Series("transportasi-darat", "Transportasi", "8301001", "distribusi",
            "Statistik Transportasi Darat {year}", "Statistik Transportasi {area} {year}",
            ("provinsi",), national_en="Land Transportation Statistics {year}",
            release=(9, 11), lag=1, pages=(80, 150),
            about="perkembangan sarana dan prasarana transportasi"),
    _Series("transportasi-udara", "Transportasi", "8301003", "distribusi",
            "Statistik Transportasi Udara {year}",
            national_en="Air Transportation Statistics {year}", release=(9, 11), lag=1,
            pages=(80, 150), about="lalu lintas pesawat, penumpang, barang, dan bagasi",
            indicators=("penumpang_udara", "kendaraan")),
    _Series("statistik-listrik", "Energi", "6601002", "energi",
            "Statistik Listrik {year_from}–{year_to}",
            national_en="Electricity Statistics {year_from}–{year_to}", release=(10, 12),
            pages=(60, 120), about="produksi, distribusi, dan konsumsi tenaga listrik"),
    _Series("statistik-air-bersih", "Energi", "6602002", "energi",
            "Statistik Air Bersih {year_from}–{year_to}",
            national_en="Water Supply Statistics {year_from}–{year_to}", release=(10, 12),
            pages=(50, 110), about="produksi dan penyaluran air bersih",
            indicators=("elektrifikasi", "listrik")),
    _Series("keuangan-provinsi", "Keuangan", "7101019", "pariwisata",
            "Statistik Keuangan Pemerintah Provinsi {year_from}–{year}",
            "Statistik Keuangan Pemerintah Daerah {area} {year}", _KABKOTA,
            national_en="Financial Statistics of Provincial Government {year_from}–{year}",
            release=(9, 11), pages=(100, 220), about="realisasi pendapatan dan belanja "
            "pemerintah daerah"),
    _Series("pdb-triwulanan", "Pendapatan Nasional", "9102002", "produksi",
            "Produk Domestik Bruto Indonesia Triwulanan {year_from}–{year_to}",
            national_en="Quarterly Gross Domestic Product of Indonesia {year_from}–{year_to}",
            release=(3, 5), lag=1, pages=(90, 200), language="Indonesia-Inggris",
            about="perkembangan produk domestik bruto triwulanan"),
    _Series("pdrb-lapangan-usaha", "Pendapatan Nasional", "9302008", "produksi", None,
            "Produk Domestik Regional Bruto {area} Menurut Lapangan Usaha {year_from}–{year_to}",
            _ALL_REGIONAL, regional_en="Gross Regional Domestic Product of {area_en} by "
            "Industry {year_from}–{year_to}", release=(3, 5), lag=1, pages=(90, 200),
            about="struktur dan pertumbuhan ekonomi menurut lapangan usaha"),
    _Series("perkembangan-ekonomi", "Pendapatan Nasional", "9201005", "produksi", None,
            "Perkembangan Ekonomi {area} {period} {year}", ("provinsi",),
            frequency="Triwulanan", periods=_QUARTERS, pages=(30, 70),
            about="kinerja perekonomian triwulanan"),
    _Series("statistik-lingkungan", "Lingkungan Hidup", "3305001", "ketahanan",
            "Statistik Lingkungan Hidup Indonesia {year}",
            national_en="Environment Statistics of Indonesia {year}", release=(11, 12),
            pages=(150, 300), isbn=True, about="kondisi dan tekanan terhadap lingkungan hidup"),
    _Series("ipplh", "Lingkungan Hidup", "3305002", "ketahanan",
            "Indikator Perilaku Peduli Lingkungan Hidup {year}",
            national_en="Indicators of Environmentally Concerned Behavior {year}",
            release=(10, 12), pages=(60, 130), about="perilaku rumah tangga dalam menjaga "
            "lingkungan hidup"),
)
# fmt: on

#: Titles named in the brief that the default catalogue always holds.
_SHOWCASE = (
    ("statistik-indonesia", "0000", 2026, None),
    ("dalam-angka", "7300", 2025, None),
    ("keadaan-angkatan-kerja", "0000", 2025, "Agustus"),
    ("profil-kemiskinan", "7315", 2024, None),
    ("harga-produsen-pertanian", "0000", 2024, None),
    ("indikator-kesra", "0000", 2025, None),
    ("dalam-angka", "5204", 2024, None),
    ("kecamatan-dalam-angka", "3209060", 2025, None),
)
#: Announced in the Advance Release Calendar, released after the seeding day.
_SCHEDULED = (
    ("indikator-kesra", "0000", 2026, None),
    ("statistik-lingkungan", "0000", 2026, None),
    ("keadaan-angkatan-kerja", "0000", 2026, "Agustus"),
)


# --------------------------------------------------------------------------------------------
# Publications
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPublication:
    """One publication as the library page and the imprint page describe it.

    ``page_count`` is the printed book's size (imprint, e-publication tariff); the demo PDF
    holds a shorter excerpt (`pdfgen.default_pdf_pages`). ``is_free``: free to read and
    download in the e-pustaka; ``for_sale``: also offered as a paid product in the shop.
    """

    slug: str
    title: str
    subtitle: str | None
    title_en: str | None
    subject: str
    region_code: str
    year: int
    period: str | None
    katalog: str
    nomor_publikasi: str
    issn: str | None
    e_issn: str | None
    isbn: str | None
    release_date: date
    scheduled: bool
    frequency: str
    language: str
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    publisher: str
    abstract: str
    page_count: int
    is_free: bool
    for_sale: bool
    chapters: tuple[str, ...]
    indicators: tuple[str, str]
    data_year: int
    series: str
    keywords: tuple[str, ...] = ()
    #: False for an old title listed in the catalogue without a softcopy yet (issue #4: readers
    #: may ask a librarian for it).
    has_softcopy: bool = True

    @property
    def region(self) -> Region:
        return REGIONS[self.region_code]


@dataclass(frozen=True)
class _Edition:
    series: _Series
    region: Region
    year: int
    period: _Period | None
    kecamatan: str | None = None

    @property
    def key(self) -> tuple[str, str, int, str | None]:
        where = self.kecamatan or self.region.code
        return (self.series.key, where, self.year, self.period.name if self.period else None)

    @property
    def base(self) -> tuple[str, str, int]:
        return (self.series.key, self.kecamatan or self.region.code, self.year)

    def window(self) -> tuple[date, date]:
        first, last = self.period.release if self.period else self.series.release
        start = date(self.year, first, 1)
        end = date(self.year, last, calendar.monthrange(self.year, last)[1])
        return start, min(end, LAST_RELEASE)

    def context(self) -> dict[str, object]:
        data_to = self.year - 1 if "{year_to}" in (self._template() or "") else self.year
        return {
            "area": self.region.title_name,
            "area_en": self.region.english_name,
            "year": self.year,
            "year_to": data_to,
            "year_from": data_to - 4,
            "period": self.period.name if self.period else "",
            "period_en": self.period.name_en if self.period else "",
            "kec": KECAMATAN.get(self.kecamatan or "", ""),
        }

    def _template(self) -> str | None:
        return self.series.national if self.region.is_national else self.series.regional

    def title(self) -> str:
        return self._template().format(**self.context())

    def title_en(self) -> str | None:
        s = self.series
        template = s.national_en if self.region.is_national else s.regional_en
        return template.format(**self.context()) if template else None


def _editions() -> list[_Edition]:
    """Every edition the series could have had in the demo years, in a fixed order."""
    pool: list[_Edition] = []
    for series in SERIES:
        places: list[tuple[Region, str | None]] = []
        if series.national:
            places.append((REGIONS["0000"], None))
        if "kecamatan" in series.levels:
            places += [(REGIONS[code[:4]], code) for code in KECAMATAN]
        places += [
            (REGIONS[code], None)
            for code in PUBLISHING_REGIONS
            if REGIONS[code].level in series.levels
        ]
        for region, kecamatan in places:
            for year in series.years:
                for period in series.periods or (None,):
                    pool.append(_Edition(series, region, year, period, kecamatan))
    return pool


def _weekdays(start: date, end: date) -> list[date]:
    days = (start + timedelta(n) for n in range((end - start).days + 1))
    return [d for d in days if d.weekday() < 5]


def _release_days(edition: _Edition) -> list[date]:
    """Working days a released edition may have come out on: in its window, before the
    catalogue's `CATALOGUE_AS_OF` day."""
    start, end = edition.window()
    end = min(end, CATALOGUE_AS_OF - timedelta(1))
    return _weekdays(start, end) if start <= end else []


def _announced_days(today: date) -> list[date]:
    """Working days an announced edition may be scheduled on: after ``today``, within
    `SCHEDULE_HORIZON_DAYS` (a release calendar announces the coming weeks)."""
    return _weekdays(today + timedelta(1), today + timedelta(SCHEDULE_HORIZON_DAYS))


def _digits(n: int, *parts: object) -> str:
    """``n`` stable pseudo-random digits derived from ``parts`` (seed independent)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return str(int(digest, 16))[-n:].zfill(n)


class _Identifiers:
    """Hands out ISSNs (one per serial), ISBNs and Nomor Publikasi, all unique."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.issns: dict[tuple[str, str], str] = {("statistik-indonesia", "0000"): "0126-2912"}
        self.e_issns: dict[tuple[str, str], str] = {}
        self.used: set[str] = {"0126-2912"}
        self.sequence: dict[tuple[str, int], int] = {}

    def _unique_issn(self, *parts: object) -> str:
        number = int(_digits(7, "issn", *parts))
        while True:
            # Kept below 4000-000, the range of the office's own serials (0126-2912).
            candidate = format_issn(f"{number % 4000000:07d}")
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate
            number += 1

    def issn(self, edition: _Edition) -> tuple[str | None, str | None]:
        if not edition.series.serial:
            return None, None
        key = (edition.series.key, edition.kecamatan or edition.region.code)
        if key not in self.issns:
            self.issns[key] = self._unique_issn(*key)
        if key not in self.e_issns and edition.region.level in ("nasional", "provinsi"):
            self.e_issns[key] = self._unique_issn("e", *key)
        return self.issns[key], self.e_issns.get(key)

    def isbn(self, edition: _Edition) -> str | None:
        s = edition.series
        if not (s.isbn or s.frequency == "Sekali terbit"):
            return None
        while True:
            if edition.region.is_national:
                # 978-602-438: the registrant block used here for the national office.
                candidate = format_isbn13("602", "438", f"{self.rng.randrange(1000):03d}")
            else:
                registrant = "7" + _digits(3, "isbn", edition.region.code)
                candidate = format_isbn13("623", registrant, f"{self.rng.randrange(100):02d}")
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate

    def nomor(self, edition: _Edition) -> str:
        region = edition.region
        prefix = (_UNIT_CODES[edition.series.unit] if region.is_national else region.code) + "0"
        key = (prefix, edition.year)
        if key not in self.sequence:
            self.sequence[key] = self.rng.randint(1, 12)
        else:
            self.sequence[key] += self.rng.randint(1, 4)
        seq = self.sequence[key]
        width = 3 if region.level == "provinsi" or seq > 99 else 2
        return f"{prefix}.{edition.year % 100:02d}{seq:0{width}d}"


def _katalog(edition: _Edition) -> str:
    suffix = edition.kecamatan or edition.region.katalog_suffix
    return edition.series.katalog + (f".{suffix}" if suffix else "")


def _abstract(edition: _Edition, title: str, rng: random.Random, data_year: int) -> str:
    """2–4 sentences: what the book covers, one or two indicator results, the data source."""
    s, region = edition.series, edition.region
    area = "Indonesia" if region.is_national else region.title_name
    place = f"Kecamatan {KECAMATAN[edition.kecamatan]}" if edition.kecamatan else area
    code = region.code
    main, second = s.indicators or SUBJECT_INDICATORS[s.subject]
    when = f"{edition.period.name} {data_year}" if edition.period else str(data_year)
    sentences = [f"Publikasi {title} menyajikan {s.about} di {place}."]
    for key in (main, second)[: rng.choice((1, 2))]:
        ind = INDICATORS[key]
        value = ind.describe(indicator_value(key, code, data_year))
        change = describe_change(key, code, data_year, data_year - 1)
        before = f"{edition.period.name} {data_year - 1}" if edition.period else data_year - 1
        name = ind.name_for(code)
        sentences.append(
            f"{name} {area} pada {when} sebesar {value}, {change} dibandingkan {before}."
        )
    if len(sentences) < 4 and rng.random() < 0.7:
        sentences.append(
            f"Data bersumber dari {_SOURCES[s.subject]} dan diharapkan menjadi rujukan bagi "
            "pemerintah, akademisi, dunia usaha, dan masyarakat dalam perencanaan serta evaluasi "
            "pembangunan."
        )
    return " ".join(sentences)


def _chapters(series: _Series) -> tuple[str, ...]:
    body = series.chapters or _DEFAULT_CHAPTERS[series.subject]
    if series.subject == "Statistik Umum":
        return body
    return ("Pendahuluan", "Metodologi", *body, "Kesimpulan")


def _publication(
    edition: _Edition,
    release: date,
    scheduled: bool,
    ids: _Identifiers,
    rng: random.Random,
) -> DemoPublication:
    s, region = edition.series, edition.region
    title = edition.title()
    data_year = edition.year if edition.period else edition.year - s.lag
    issn, e_issn = ids.issn(edition)
    if region.is_national:
        authors = (DIREKTORAT[s.unit],)
        editors = (DIREKTORAT["umum"],) if s.unit != "umum" else (DIREKTORAT["analisis"],)
    else:
        authors = (region.office,)
        editors = (f"Fungsi Integrasi Pengolahan dan Diseminasi Statistik {region.office}",)
    keywords = (s.subject.lower(), region.name.lower(), str(edition.year))
    return DemoPublication(
        slug=slugify(title),
        title=title,
        subtitle=s.subtitle,
        title_en=edition.title_en(),
        subject=s.subject,
        region_code=region.code,
        year=edition.year,
        period=edition.period.name if edition.period else None,
        katalog=_katalog(edition),
        nomor_publikasi=ids.nomor(edition),
        issn=issn,
        e_issn=e_issn,
        isbn=ids.isbn(edition),
        release_date=release,
        scheduled=scheduled,
        frequency=s.frequency,
        language=s.language,
        authors=authors,
        editors=editors,
        publisher=region.office,
        abstract=_abstract(edition, title, rng, data_year),
        page_count=rng.randint(*s.pages),
        is_free=True,
        for_sale=False,
        chapters=_chapters(s),
        indicators=s.indicators or SUBJECT_INDICATORS[s.subject],
        data_year=data_year,
        series=s.key,
        keywords=keywords,
    )


def _find(pool: Iterable[_Edition], wanted: tuple[str, str, int, str | None]) -> _Edition:
    for edition in pool:
        if edition.key == wanted:
            return edition
    raise LookupError(f"no demo edition {wanted}")


def demo_publications(
    count: int = 64, seed: int = 2026, today: date | None = None
) -> list[DemoPublication]:
    """``count`` publications, the same for the same ``seed``, ordered by release date.

    ``today`` is the seeding day (``seed_demo`` passes the office's day; it defaults to the day
    after `CATALOGUE_AS_OF`, so the pure function stays deterministic). Only the announced
    editions' dates depend on it, drawn from their own random stream: every released edition is
    the same whatever the day.

    The plan, in priority order (a smaller ``count`` keeps its head): three editions scheduled
    after ``today``, the showcase titles, one edition of every subject in `SUBJECTS`, then a
    seeded draw from all remaining editions (at most one edition of a title per year). A few
    publications are put on sale, some of them only paid (``is_free=False``).
    """
    if count < 1:
        raise ValueError("count must be positive")
    today = today or CATALOGUE_AS_OF + timedelta(1)
    rng = random.Random(seed)
    schedule_rng = random.Random(f"{seed}:announced")
    announced = _announced_days(today)
    pool = _editions()
    plan: list[tuple[_Edition, bool]] = []
    taken: set[tuple[str, str, int]] = set()

    def take(edition: _Edition, scheduled: bool = False) -> None:
        plan.append((edition, scheduled))
        taken.add(edition.base)

    for wanted in _SCHEDULED:
        take(_find(pool, wanted), scheduled=True)
    for wanted in _SHOWCASE:
        take(_find(pool, wanted))
    feasible = [e for e in pool if _release_days(e)]
    for subject in SUBJECTS:
        if any(e.series.subject == subject for e, _ in plan):
            continue
        choices = [e for e in feasible if e.series.subject == subject and e.base not in taken]
        take(rng.choice(choices))
    # Round-robin over the series so national titles are not drowned by regional editions.
    buckets: dict[str, list[_Edition]] = {}
    for edition in feasible:
        if edition.base not in taken:
            buckets.setdefault(edition.series.key, []).append(edition)
    order = list(buckets)
    rng.shuffle(order)
    for key in order:
        rng.shuffle(buckets[key])
    while len(plan) < count and any(buckets.values()):
        for key in order:
            while buckets[key] and buckets[key][-1].base in taken:
                buckets[key].pop()
            if buckets[key] and len(plan) < count:
                take(buckets[key].pop())
    if len(plan) < count:
        raise ValueError(f"the demo series hold only {len(plan)} editions")
    plan = plan[:count]

    def release_day(edition: _Edition, scheduled: bool) -> date:
        if scheduled:
            return schedule_rng.choice(announced)
        return rng.choice(_release_days(edition))

    dated = sorted(
        ((release_day(e, scheduled), e, scheduled) for e, scheduled in plan),
        key=lambda item: (item[0], item[1].key[:3], item[1].key[3] or ""),
    )
    ids = _Identifiers(rng)
    pubs = [_publication(e, day, scheduled, ids, rng) for day, e, scheduled in dated]

    released = [i for i, p in enumerate(pubs) if not p.scheduled]
    on_sale = sorted(rng.sample(released, min(len(released), max(2, count // 12))))
    paid_only = set(on_sale[::2])
    for i in on_sale:
        pubs[i] = replace(pubs[i], for_sale=True, is_free=i not in paid_only)
    # The oldest few titles not on sale are listed without a softcopy (catalogue records from
    # before the office scanned its archive).
    listed_only = [i for i in released if i not in on_sale][: max(1, count // 20)]
    for i in listed_only:
        pubs[i] = replace(pubs[i], has_softcopy=False)
    return pubs
