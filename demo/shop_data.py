"""Synthetic shop products: microdata sets with codebooks, and WKS maps (no Django import).

DOMAIN.md, "Sale of statistical products": the shop sells publications, **microdata** (the full
set, or the variables and regions a buyer selects) and **digital maps of statistical work
areas (peta WKS)**. Microdata is priced by size (PNBP tariffs: first 1 MB, then per 1.000
bytes), so a selection's size must be computable before any file is cut: `row_bytes` is that
size per record and `selection_bytes` the size of a whole selection.

Everything here is invented and labelled **DATA SINTETIS UNTUK DEMO**; survey names, block
layout and variable naming follow the office's public codebooks in style only.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from demo.catalogue_data import REGIONS, format_angka, population_share, provinces

SYNTHETIC_LABEL = "DATA SINTETIS UNTUK DEMO"

VARIABLE_TYPES = ("numeric", "categorical", "string")

# --------------------------------------------------------------------------------------------
# Microdata
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodebookVariable:
    """One variable of a fixed-width record.

    Values are written padded to ``width`` bytes (ASCII): numeric right-aligned with spaces,
    categorical codes and serial numbers zero-padded, strings left-aligned with spaces.
    ``role`` marks variables filled from the record itself rather than drawn at random:
    ``region`` (the `region_code`), ``province``/``district`` (its two halves), ``serial``
    (record number) and ``name`` (a synthetic place name). Variables sharing a ``group`` draw
    one common category index, so a commodity's code, name and unit agree.
    """

    block: str
    name: str
    label: str
    type: str
    width: int
    categories: tuple[tuple[str, str], ...] = ()
    value_range: tuple[float, float] | None = None
    decimals: int = 0
    role: str = ""
    group: str = ""

    def __post_init__(self) -> None:
        if self.type not in VARIABLE_TYPES:
            raise ValueError(f"{self.name}: unknown type {self.type!r}")
        codes_fit = all(len(code) == self.width for code, _ in self.categories)
        if self.type == "categorical" and not codes_fit:
            raise ValueError(f"{self.name}: category codes must be {self.width} bytes")
        if self.type == "numeric" and self.value_range:
            for bound in self.value_range:
                if len(f"{bound:.{self.decimals}f}") > self.width:
                    raise ValueError(f"{self.name}: {bound} does not fit {self.width} bytes")

    def render(self, value: object) -> str:
        """The value as stored: exactly ``width`` ASCII characters."""
        if self.type == "numeric" and self.role != "serial":
            text = f"{float(value):.{self.decimals}f}".rjust(self.width)
        elif self.type == "string":
            text = str(value)[: self.width].ljust(self.width)
        else:
            text = str(value).zfill(self.width)
        if len(text) != self.width:
            raise ValueError(f"{self.name}: {value!r} does not fit {self.width} bytes")
        return text


@dataclass(frozen=True)
class MicrodataDataset:
    """A microdata product: survey, coverage, record counts per region, and codebook."""

    slug: str
    name: str
    survey: str
    acronym: str
    year: int
    reference_period: str
    region_level: str  # "provinsi" or "kabupaten" (records identify kabupaten/kota)
    unit: str  # what a record is: individu, rumah tangga, usaha, ...
    region_records: tuple[tuple[str, int], ...]
    variables: tuple[CodebookVariable, ...]
    description: str
    label: str = SYNTHETIC_LABEL

    @property
    def title(self) -> str:
        return f"{self.name} ({self.label})"

    @property
    def region_codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.region_records)

    @property
    def record_count(self) -> int:
        return sum(n for _, n in self.region_records)

    @property
    def variable_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.variables)

    @property
    def blocks(self) -> dict[str, tuple[CodebookVariable, ...]]:
        """Variables grouped by questionnaire block, in codebook order."""
        grouped: dict[str, list[CodebookVariable]] = {}
        for variable in self.variables:
            grouped.setdefault(variable.block, []).append(variable)
        return {block: tuple(vs) for block, vs in grouped.items()}

    def variable(self, name: str) -> CodebookVariable:
        for variable in self.variables:
            if variable.name == name:
                return variable
        raise KeyError(f"{self.slug} has no variable {name!r}")

    def records_in(self, regions: Iterable[str] | None = None) -> int:
        """Records of the selected regions (all when ``regions`` is None)."""
        if regions is None:
            return self.record_count
        wanted = set(regions)
        unknown = wanted - set(self.region_codes)
        if unknown:
            raise KeyError(f"{self.slug} does not cover {sorted(unknown)}")
        return sum(n for code, n in self.region_records if code in wanted)


def _selected(dataset: MicrodataDataset, names: Iterable[str] | None) -> list[CodebookVariable]:
    if names is None:
        return list(dataset.variables)
    wanted = list(dict.fromkeys(names))
    by_name = {v.name: v for v in dataset.variables}
    missing = [n for n in wanted if n not in by_name]
    if missing:
        raise KeyError(f"{dataset.slug} has no variables {missing}")
    if not wanted:
        raise ValueError("select at least one variable")
    return [v for v in dataset.variables if v.name in set(wanted)]  # codebook order


def row_bytes(dataset: MicrodataDataset, selected_variables: Iterable[str] | None = None) -> int:
    """Bytes one record takes in a delivered file: Σ (width + 1) over the selected variables.

    Rule: every field is written at its codebook width and followed by one separator byte, a
    comma after each field and a newline after the last, so a record of fields w1…wn takes
    w1 + … + wn + n bytes. A header line is not counted. ``None`` selects every variable;
    unknown names raise KeyError.
    """
    return sum(v.width + 1 for v in _selected(dataset, selected_variables))


def selection_bytes(
    dataset: MicrodataDataset,
    selected_variables: Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
) -> int:
    """Size of a selection: records in the chosen regions × `row_bytes` of the variables."""
    return dataset.records_in(regions) * row_bytes(dataset, selected_variables)


def encode_row(
    dataset: MicrodataDataset, row: dict[str, str], selected_variables: Iterable[str] | None = None
) -> bytes:
    """One record as delivered (see `row_bytes` for the layout)."""
    fields = [row[v.name] for v in _selected(dataset, selected_variables)]
    return (",".join(fields) + "\n").encode("ascii")


def generate_microdata_rows(
    dataset: MicrodataDataset, rng: random.Random, n: int
) -> Iterator[dict[str, str]]:
    """``n`` synthetic records (variable name → padded value), regions weighted by their
    record counts. Used for the buyer's sample and to cut selections."""
    codes = list(dataset.region_codes)
    weights = [count for _, count in dataset.region_records]
    for serial in range(1, n + 1):
        region = rng.choices(codes, weights)[0]
        picks: dict[str, int] = {}
        row: dict[str, str] = {}
        for v in dataset.variables:
            row[v.name] = v.render(_draw(v, rng, region, serial, picks))
        yield row


def _draw(v: CodebookVariable, rng: random.Random, region: str, serial: int, picks) -> object:
    if v.role == "region":
        return region
    if v.role == "province":
        return region[:2]
    if v.role == "district":
        return region[2:]
    if v.role == "serial":
        return serial
    if v.role == "name":
        return f"DESA SINTETIS {serial:04d}"
    if v.categories:
        if v.group:
            index = picks.setdefault(v.group, rng.randrange(len(v.categories)))
        else:
            index = rng.randrange(len(v.categories))
        code, label = v.categories[index]
        return label.upper() if v.type == "string" else code
    low, high = v.value_range or (0, 10**v.width - 1)
    if v.decimals:
        return round(rng.uniform(low, high), v.decimals)
    # Skewed towards the low end, as incomes, areas and counts are.
    return int(low + (high - low) * rng.random() ** 3)


def _v(block: str, name: str, label: str, kind: str, width: int, *cats: str, **kw):
    """Codebook shorthand: categories as "code=label" strings."""
    categories = tuple(tuple(c.split("=", 1)) for c in cats)
    return CodebookVariable(block, name, label, kind, width, categories, **kw)


def _identity(block: str, level: str, prefix: str) -> list[CodebookVariable]:
    rows = [
        CodebookVariable(
            block, "region_code", "Kode wilayah (kode domain BPS)", "categorical", 4, role="region"
        ),
        CodebookVariable(
            block, f"{prefix}1", "Provinsi", "categorical", 2, _PROVINCE_CODES, role="province"
        ),
    ]
    if level == "kabupaten":
        label = "Kabupaten/Kota (kode dalam provinsi; nama pada region_code)"
        rows.append(_v(block, f"{prefix}2", label, "categorical", 2, role="district"))
    return rows


_PROVINCE_CODES = tuple((r.code[:2], r.name) for r in provinces())
_YA_TIDAK = ("1=Ya", "2=Tidak")
_KLASIFIKASI = ("1=Perkotaan", "2=Perdesaan")
_JK = ("1=Laki-laki", "2=Perempuan")
_IJAZAH = (
    "01=Tidak punya ijazah SD",
    "02=SD/sederajat",
    "03=SMP/sederajat",
    "04=SMA/sederajat",
    "05=SMK",
    "06=Diploma I/II/III",
    "07=Diploma IV/S1",
    "08=S2/S3",
)


# fmt: off
def _sakernas() -> list[CodebookVariable]:
    b1, b4 = "Blok I. Keterangan Tempat", "Blok IV.A. Keterangan Anggota Rumah Tangga"
    b5, b6 = "Blok V. Pendidikan dan Pelatihan", "Blok VI. Kegiatan Seminggu yang Lalu"
    b7, bx = "Blok VII. Pekerjaan Utama", "Penimbang"
    return [
        *_identity(b1, "kabupaten", "B1R"),
        _v(b1, "B1R5", "Klasifikasi desa/kelurahan", "categorical", 1, *_KLASIFIKASI),
        _v(b1, "URUT", "Nomor urut record", "numeric", 7, role="serial"),
        _v(b4, "B4K3", "Hubungan dengan kepala rumah tangga", "categorical", 1, "1=Kepala rumah "
           "tangga", "2=Istri/suami", "3=Anak", "4=Menantu", "5=Cucu", "6=Orang tua/mertua",
           "7=Famili lain", "8=Lainnya"),
        _v(b4, "B4K4", "Jenis kelamin", "categorical", 1, *_JK),
        _v(b4, "B4K5", "Umur (tahun)", "numeric", 2, value_range=(15, 98)),
        _v(b4, "B4K6", "Status perkawinan", "categorical", 1, "1=Belum kawin", "2=Kawin",
           "3=Cerai hidup", "4=Cerai mati"),
        _v(b5, "B5R1", "Partisipasi sekolah", "categorical", 1, "1=Tidak/belum pernah sekolah",
           "2=Masih sekolah", "3=Tidak bersekolah lagi"),
        _v(b5, "B5R3", "Ijazah/STTB tertinggi yang dimiliki", "categorical", 2, *_IJAZAH),
        _v(b5, "B5R5", "Pernah mengikuti pelatihan bersertifikat", "categorical", 1, *_YA_TIDAK),
        _v(b6, "B6R1", "Bekerja paling sedikit 1 jam seminggu yang lalu", "categorical", 1,
           *_YA_TIDAK),
        _v(b6, "B6R5", "Mencari pekerjaan", "categorical", 1, *_YA_TIDAK),
        _v(b6, "B6R6", "Mempersiapkan usaha", "categorical", 1, *_YA_TIDAK),
        _v(b7, "B7R1", "Lapangan usaha pekerjaan utama (KBLI 2020, kategori)", "categorical", 1,
           "A=Pertanian, kehutanan, dan perikanan", "C=Industri pengolahan", "F=Konstruksi",
           "G=Perdagangan besar dan eceran", "H=Transportasi dan pergudangan",
           "I=Penyediaan akomodasi dan makan minum", "O=Administrasi pemerintahan",
           "P=Jasa pendidikan", "Q=Jasa kesehatan", "S=Jasa lainnya"),
        _v(b7, "B7R2", "Jenis pekerjaan utama", "string", 30, "1=Petani padi", "2=Guru SD",
           "3=Pedagang eceran", "4=Buruh bangunan", "5=Sopir angkutan",
           "6=Pegawai administrasi", "7=Penjahit", "8=Nelayan", "9=Perawat"),
        _v(b7, "B7R9", "Status pekerjaan utama", "categorical", 1, "1=Berusaha sendiri",
           "2=Berusaha dibantu buruh tidak tetap", "3=Berusaha dibantu buruh tetap",
           "4=Buruh/karyawan/pegawai", "5=Pekerja bebas pertanian",
           "6=Pekerja bebas nonpertanian", "7=Pekerja keluarga/tak dibayar"),
        _v(b7, "B7R11", "Jumlah jam kerja seminggu", "numeric", 2, value_range=(1, 98)),
        _v(b7, "B7R12", "Upah/gaji bersih sebulan (rupiah)", "numeric", 9,
           value_range=(0, 25_000_000)),
        _v(bx, "WEIGHT", "Penimbang individu", "numeric", 10, value_range=(10, 950),
           decimals=4),
    ]


def _susenas() -> list[CodebookVariable]:
    b1, b4 = "Blok I. Keterangan Tempat", "Blok IV. Keterangan Perumahan"
    b5, b6 = "Blok V. Teknologi Informasi", "Blok VI. Ringkasan Rumah Tangga"
    return [
        *_identity(b1, "provinsi", "R10"),
        _v(b1, "R105", "Klasifikasi desa/kelurahan", "categorical", 1, *_KLASIFIKASI),
        _v(b1, "URUT", "Nomor urut rumah tangga", "numeric", 7, role="serial"),
        _v(b4, "R1802", "Status kepemilikan bangunan tempat tinggal", "categorical", 1,
           "1=Milik sendiri", "2=Kontrak/sewa", "3=Bebas sewa", "4=Dinas", "5=Lainnya"),
        _v(b4, "R1804", "Luas lantai (m2)", "numeric", 4, value_range=(12, 500)),
        _v(b4, "R1806A", "Jenis atap terluas", "categorical", 1, "1=Beton", "2=Genteng",
           "3=Seng", "4=Asbes", "5=Kayu/sirap", "6=Jerami/ijuk/daun"),
        _v(b4, "R1808", "Jenis lantai terluas", "categorical", 1, "1=Marmer/granit",
           "2=Keramik", "3=Parket/vinil", "4=Ubin/tegel", "5=Kayu/papan", "6=Semen",
           "7=Bambu", "8=Tanah"),
        _v(b4, "R1809A", "Fasilitas tempat buang air besar", "categorical", 1,
           "1=Ada, digunakan hanya ART", "2=Ada, digunakan bersama", "3=Di MCK komunal",
           "4=Ada, ART tidak menggunakan", "5=Tidak ada"),
        _v(b4, "R1810A", "Sumber air minum utama", "categorical", 2, "01=Air kemasan bermerk",
           "02=Air isi ulang", "03=Leding", "04=Sumur bor/pompa", "05=Sumur terlindung",
           "06=Sumur tak terlindung", "07=Mata air terlindung", "08=Air hujan",
           "09=Air permukaan"),
        _v(b4, "R1816", "Sumber penerangan utama", "categorical", 1, "1=Listrik PLN meteran",
           "2=Listrik PLN tanpa meteran", "3=Listrik non-PLN", "4=Bukan listrik"),
        _v(b5, "R2001", "Ada ART yang menguasai telepon seluler", "categorical", 1, *_YA_TIDAK),
        _v(b5, "R2004", "Ada ART yang mengakses internet 3 bulan terakhir", "categorical", 1,
           *_YA_TIDAK),
        _v(b6, "R301", "Jumlah anggota rumah tangga", "numeric", 2, value_range=(1, 15)),
        _v(b6, "KRT_JK", "Jenis kelamin kepala rumah tangga", "categorical", 1, *_JK),
        _v(b6, "KRT_UMUR", "Umur kepala rumah tangga", "numeric", 2, value_range=(17, 95)),
        _v(b6, "KRT_IJAZAH", "Ijazah tertinggi kepala rumah tangga", "categorical", 2,
           *_IJAZAH),
        _v(b6, "EXP_MKN", "Pengeluaran makanan sebulan (rupiah)", "numeric", 9,
           value_range=(250_000, 15_000_000)),
        _v(b6, "EXP_NMKN", "Pengeluaran bukan makanan sebulan (rupiah)", "numeric", 9,
           value_range=(150_000, 25_000_000)),
        _v(b6, "KAPITA", "Pengeluaran per kapita sebulan (rupiah)", "numeric", 9,
           value_range=(250_000, 9_000_000)),
        _v(b6, "FWT", "Penimbang rumah tangga", "numeric", 10, value_range=(5, 1200),
           decimals=4),
    ]


def _imk() -> list[CodebookVariable]:
    b1, b2 = "Blok I. Keterangan Tempat", "Blok II. Keterangan Usaha"
    b3, b4 = "Blok III. Tenaga Kerja", "Blok IV. Produksi dan Biaya"
    b5 = "Blok V. Kendala dan Prospek"
    return [
        *_identity(b1, "provinsi", "R10"),
        _v(b1, "URUT", "Nomor urut usaha", "numeric", 6, role="serial"),
        _v(b2, "KBLI2", "Golongan pokok KBLI 2020", "categorical", 2, "10=Industri makanan",
           "11=Industri minuman", "13=Industri tekstil", "14=Industri pakaian jadi",
           "16=Industri kayu, bambu, dan rotan", "22=Industri karet dan plastik",
           "23=Industri barang galian bukan logam", "25=Industri barang logam",
           "31=Industri furnitur", "32=Industri pengolahan lainnya", group="produk"),
        _v(b2, "R201", "Tahun mulai beroperasi", "numeric", 4, value_range=(1970, 2024)),
        _v(b2, "R203", "Bentuk badan usaha", "categorical", 1, "1=Tidak berbadan usaha",
           "2=Perseorangan berizin", "3=CV/Firma", "4=Koperasi"),
        _v(b2, "R204", "Lokasi usaha", "categorical", 1, "1=Di dalam rumah",
           "2=Di luar rumah"),
        _v(b3, "R301A", "Pekerja dibayar laki-laki", "numeric", 2, value_range=(0, 19)),
        _v(b3, "R301B", "Pekerja dibayar perempuan", "numeric", 2, value_range=(0, 19)),
        _v(b3, "R302", "Pekerja tidak dibayar", "numeric", 2, value_range=(0, 9)),
        _v(b4, "R401", "Nilai produksi setahun (ribu rupiah)", "numeric", 8,
           value_range=(1_000, 15_000_000)),
        _v(b4, "R402", "Nilai bahan baku setahun (ribu rupiah)", "numeric", 8,
           value_range=(500, 9_000_000)),
        _v(b4, "R403", "Balas jasa pekerja setahun (ribu rupiah)", "numeric", 7,
           value_range=(0, 3_000_000)),
        _v(b4, "R404", "Produk utama", "string", 25, "10=Tahu dan tempe", "11=Minuman sari "
           "buah", "13=Kain tenun", "14=Pakaian jadi", "16=Anyaman bambu",
           "22=Barang plastik", "23=Batu bata", "25=Alat pertanian dari logam", "31=Mebel kayu",
           "32=Kerajinan tangan", group="produk"),
        _v(b5, "R501", "Kendala utama", "categorical", 1, "1=Bahan baku", "2=Pemasaran",
           "3=Permodalan", "4=Transportasi", "5=BBM/energi", "6=Upah buruh", "7=Lainnya"),
        _v(b5, "R502", "Memperoleh pinjaman setahun terakhir", "categorical", 1, *_YA_TIDAK),
        _v(b5, "R503", "Menggunakan internet untuk pemasaran", "categorical", 1, *_YA_TIDAK),
        _v(b5, "WEIGHT", "Penimbang usaha", "numeric", 9, value_range=(1, 900), decimals=3),
    ]


def _shk() -> list[CodebookVariable]:
    b1, b2, b3 = "Blok I. Keterangan Kota", "Blok II. Komoditas", "Blok III. Harga"
    komoditas = (
        ("0111001", "Beras", "KG"), ("0112002", "Daging ayam ras", "KG"),
        ("0114001", "Telur ayam ras", "KG"), ("0117001", "Cabai merah", "KG"),
        ("0117003", "Bawang merah", "KG"), ("0118002", "Gula pasir", "KG"),
        ("0115001", "Minyak goreng", "LITER"), ("0113001", "Ikan bandeng", "KG"),
        ("0452001", "Bensin", "LITER"), ("0451001", "Tarif listrik", "KWH"),
        ("0622001", "Tarif angkutan udara", "TIKET"), ("1011001", "Uang sekolah SD", "BULAN"),
    )
    return [
        *_identity(b1, "kabupaten", "KODE_"),
        _v(b1, "URUT", "Nomor urut observasi", "numeric", 7, role="serial"),
        _v(b2, "BULAN", "Bulan pencacahan", "categorical", 2,
           *(f"{m:02d}=Bulan {m}" for m in range(1, 13))),
        _v(b2, "KODE_KOM", "Kode komoditas (IHK 2022=100)", "categorical", 7,
           *(f"{c}={n}" for c, n, _ in komoditas), group="komoditas"),
        _v(b2, "NAMA_KOM", "Nama komoditas", "string", 24,
           *(f"{c}={n}" for c, n, _ in komoditas), group="komoditas"),
        _v(b2, "SATUAN", "Satuan", "string", 6, *(f"{c}={u}" for c, _, u in komoditas),
           group="komoditas"),
        _v(b2, "KUALITAS", "Kualitas/spesifikasi", "categorical", 1, "1=Kualitas I",
           "2=Kualitas II", "3=Kualitas III"),
        _v(b2, "PASAR", "Jenis tempat pencacahan", "categorical", 1, "1=Pasar tradisional",
           "2=Pasar modern", "3=Toko/outlet", "4=Penyedia jasa"),
        _v(b3, "HARGA1", "Harga pencacahan pertama (rupiah)", "numeric", 8,
           value_range=(1_000, 2_500_000)),
        _v(b3, "HARGA2", "Harga pencacahan kedua (rupiah)", "numeric", 8,
           value_range=(1_000, 2_500_000)),
        _v(b3, "HARGA_RT", "Harga rata-rata (rupiah)", "numeric", 11,
           value_range=(1_000, 2_500_000), decimals=2),
        _v(b3, "FLAG", "Keterangan harga", "categorical", 1, "0=Normal", "1=Imputasi",
           "2=Substitusi kualitas"),
        _v(b3, "BOBOT", "Bobot komoditas (persen)", "numeric", 7, value_range=(0.001, 12),
           decimals=4),
    ]


def _st2023() -> list[CodebookVariable]:
    b1, b2 = "Blok I. Keterangan Tempat", "Blok II. Keterangan Petani Utama"
    b3, b4 = "Blok III. Usaha Pertanian", "Blok IV. Akses dan Pendapatan"
    return [
        *_identity(b1, "kabupaten", "R10"),
        _v(b1, "R105", "Klasifikasi desa/kelurahan", "categorical", 1, *_KLASIFIKASI),
        _v(b1, "URUT", "Nomor urut rumah tangga usaha pertanian", "numeric", 7, role="serial"),
        _v(b2, "R201", "Jumlah anggota rumah tangga", "numeric", 2, value_range=(1, 14)),
        _v(b2, "R202", "Jenis kelamin petani utama", "categorical", 1, *_JK),
        _v(b2, "R203", "Umur petani utama", "numeric", 2, value_range=(15, 90)),
        _v(b2, "R204", "Pendidikan tertinggi petani utama", "categorical", 2, *_IJAZAH),
        _v(b3, "R301", "Subsektor utama", "categorical", 1, "1=Tanaman pangan",
           "2=Hortikultura", "3=Perkebunan", "4=Peternakan", "5=Perikanan", "6=Kehutanan",
           "7=Jasa pertanian"),
        _v(b3, "R302", "Komoditas utama", "string", 20, "1=Padi sawah", "2=Jagung",
           "3=Cabai rawit", "4=Bawang merah", "5=Kelapa sawit", "6=Kakao", "7=Kopi",
           "8=Sapi potong", "9=Ayam kampung", "10=Udang", "11=Rumput laut"),
        _v(b3, "R303", "Luas lahan yang dikuasai (m2)", "numeric", 7,
           value_range=(0, 500_000)),
        _v(b3, "R304", "Luas lahan sawah (m2)", "numeric", 7, value_range=(0, 200_000)),
        _v(b3, "R305", "Status penguasaan lahan", "categorical", 1, "1=Milik sendiri",
           "2=Sewa", "3=Bagi hasil", "4=Lainnya"),
        _v(b3, "R306", "Menggunakan pupuk", "categorical", 1, *_YA_TIDAK),
        _v(b3, "R307", "Menggunakan alat dan mesin pertanian", "categorical", 1, *_YA_TIDAK),
        _v(b4, "R401", "Memperoleh kredit usaha pertanian", "categorical", 1, *_YA_TIDAK),
        _v(b4, "R402", "Menjadi anggota kelompok tani", "categorical", 1, *_YA_TIDAK),
        _v(b4, "R403", "Menggunakan internet untuk usaha", "categorical", 1, *_YA_TIDAK),
        _v(b4, "R404", "Pendapatan usaha pertanian setahun (ribu rupiah)", "numeric", 8,
           value_range=(0, 60_000_000)),
        _v(b4, "WEIGHT", "Penimbang rumah tangga", "numeric", 9, value_range=(1, 400),
           decimals=3),
    ]


def _podes() -> list[CodebookVariable]:
    b1, b3 = "Blok I. Keterangan Tempat", "Blok III. Keterangan Umum Desa/Kelurahan"
    b4, b5 = "Blok IV. Kependudukan", "Blok V. Infrastruktur dan Komunikasi"
    b6 = "Blok VI. Fasilitas dan Kebencanaan"
    return [
        *_identity(b1, "kabupaten", "R10"),
        _v(b1, "R103", "Kode kecamatan", "categorical", 3,
           *(f"{k:03d}=Kecamatan {k:03d}" for k in range(10, 250, 10))),
        _v(b1, "R104", "Kode desa/kelurahan", "numeric", 4, role="serial"),
        _v(b1, "R104N", "Nama desa/kelurahan (sintetis)", "string", 24, role="name"),
        _v(b1, "R105", "Status pemerintahan", "categorical", 1, "1=Desa", "2=Kelurahan"),
        _v(b3, "R301", "Topografi wilayah", "categorical", 1, "1=Lereng/puncak", "2=Lembah",
           "3=Dataran"),
        _v(b3, "R302", "Letak terhadap laut", "categorical", 1, "1=Tepi laut",
           "2=Bukan tepi laut"),
        _v(b3, "R303", "Luas wilayah (km2)", "numeric", 7, value_range=(0.2, 350),
           decimals=2),
        _v(b4, "R401A", "Jumlah penduduk laki-laki", "numeric", 6, value_range=(150, 40_000)),
        _v(b4, "R401B", "Jumlah penduduk perempuan", "numeric", 6, value_range=(150, 40_000)),
        _v(b4, "R401C", "Jumlah keluarga", "numeric", 6, value_range=(60, 20_000)),
        _v(b5, "R501", "Penerangan jalan utama", "categorical", 1, "1=Listrik PLN",
           "2=Listrik non-PLN", "3=Tidak ada"),
        _v(b5, "R502", "Jenis permukaan jalan terluas", "categorical", 1, "1=Aspal/beton",
           "2=Diperkeras", "3=Tanah", "4=Lainnya"),
        _v(b5, "R503", "Sinyal telepon seluler", "categorical", 1, "1=Sinyal kuat",
           "2=Sinyal lemah", "3=Tidak ada sinyal"),
        _v(b5, "R504", "Sinyal internet terbaik", "categorical", 1, "1=5G/4G LTE", "2=3G",
           "3=H/H+/EVDO", "4=2.5G/E/GPRS", "5=Tidak ada sinyal internet"),
        _v(b6, "R601", "Jumlah SD/MI", "numeric", 2, value_range=(0, 40)),
        _v(b6, "R602", "Jumlah puskesmas", "numeric", 1, value_range=(0, 3)),
        _v(b6, "R603", "Jumlah pasar", "numeric", 2, value_range=(0, 12)),
        _v(b6, "R604", "Terjadi banjir setahun terakhir", "categorical", 1, *_YA_TIDAK),
        _v(b6, "R605", "Terjadi tanah longsor setahun terakhir", "categorical", 1,
           *_YA_TIDAK),
    ]


# fmt: on
_DEMO_DISTRICTS = tuple(c for c, r in REGIONS.items() if r.level in ("kabupaten", "kota"))
_DEMO_CITIES = tuple(c for c, r in REGIONS.items() if r.level == "kota")
_DEMO_KABUPATEN = tuple(c for c, r in REGIONS.items() if r.level == "kabupaten")
# Villages (desa/kelurahan) per demo kabupaten/kota: the size of a Podes file.
# fmt: off
_DESA = {
    "1171": 90, "1275": 151, "1306": 103, "1371": 104, "3204": 280, "3209": 424, "3273": 151,
    "3374": 177, "3471": 45, "3578": 153, "5171": 43, "5204": 166, "5271": 50, "6472": 59,
    "7311": 372, "7315": 108, "7371": 153,
}
# fmt: on


def _counts(rng: random.Random, codes: Iterable[str], per_share: float, floor: int):
    """Record counts growing with population (sample sizes do, less than proportionally)."""
    return tuple(
        (code, int(floor + per_share * population_share(code) ** 0.5 * rng.uniform(0.85, 1.15)))
        for code in codes
    )


#: Most records of one demo microdata set: every set the demo sells gets a generated master
#: (a few MB, seconds each) so delivery cuts real files (issue #20), and ``seed_demo`` stays fast.
MAX_RECORDS = 60_000


def demo_microdata(seed: int = 2026) -> list[MicrodataDataset]:
    """Six synthetic microdata products, the same for the same ``seed``.

    Each is sold with a generated master (``demo.seed``, issue #20: nothing is sold that cannot
    be delivered), so each stays below :data:`MAX_RECORDS` records: a national
    Susenas of 400.000 households took a minute to generate on every ``seed_demo``; a sample of
    one tenth of it shows the same pages, quotes and cuts."""
    rng = random.Random(seed)
    province_codes = tuple(r.code for r in provinces())
    note = (
        f"{SYNTHETIC_LABEL}. Berkas ini dibangkitkan secara acak untuk demonstrasi layanan "
        "penjualan data mikro; struktur blok dan nama variabel meniru kuesioner BPS, tetapi "
        "nilainya tidak menggambarkan kondisi sebenarnya."
    )
    specs = (
        (
            "sakernas-2025-08",
            "Survei Angkatan Kerja Nasional (Sakernas) Agustus 2025",
            "Survei Angkatan Kerja Nasional",
            "Sakernas",
            2025,
            "Agustus 2025",
            "kabupaten",
            "individu",
            _counts(rng, _DEMO_DISTRICTS, 30000, 1200),
            _sakernas(),
            "Keterangan ketenagakerjaan anggota rumah tangga berumur 15 tahun ke atas.",
        ),
        (
            "susenas-2025-03-kor",
            "Survei Sosial Ekonomi Nasional (Susenas) Maret 2025 Kor",
            "Survei Sosial Ekonomi Nasional",
            "Susenas",
            2025,
            "Maret 2025",
            "provinsi",
            "rumah tangga",
            _counts(rng, province_codes, 6000, 250),
            _susenas(),
            "Keterangan perumahan, teknologi informasi, dan pengeluaran rumah tangga (Kor).",
        ),
        (
            "imk-2024",
            "Survei Industri Mikro dan Kecil 2024",
            "Survei Industri Mikro dan Kecil",
            "IMK",
            2024,
            "Tahun 2024",
            "provinsi",
            "usaha",
            _counts(rng, province_codes, 3200, 180),
            _imk(),
            "Keterangan usaha, tenaga kerja, produksi, dan kendala industri mikro dan kecil.",
        ),
        (
            "shk-2025",
            "Survei Harga Konsumen 2025",
            "Survei Harga Konsumen",
            "SHK",
            2025,
            "Januari–Desember 2025",
            "kabupaten",
            "observasi harga",
            _counts(rng, _DEMO_CITIES + ("3209", "7311"), 3300, 1500),
            _shk(),
            "Observasi harga komoditas barang dan jasa di kota penghitung IHK.",
        ),
        (
            "st2023-subsampel",
            "Sensus Pertanian 2023 Subsampel",
            "Sensus Pertanian 2023",
            "ST2023",
            2023,
            "1 Juni–31 Juli 2023",
            "kabupaten",
            "rumah tangga usaha pertanian",
            _counts(rng, _DEMO_KABUPATEN, 90000, 1500),
            _st2023(),
            "Subsampel rumah tangga usaha pertanian hasil pencacahan lengkap ST2023.",
        ),
        (
            "podes-2024",
            "Pendataan Potensi Desa (Podes) 2024",
            "Pendataan Potensi Desa",
            "Podes",
            2024,
            "Mei 2024",
            "kabupaten",
            "desa/kelurahan",
            tuple((code, _DESA[code]) for code in _DEMO_DISTRICTS),
            _podes(),
            "Keterangan umum, kependudukan, infrastruktur, dan fasilitas setiap desa/kelurahan.",
        ),
    )
    # Each spec lists the dataset's fields in declaration order, the "about" text last.
    return [MicrodataDataset(*spec[:9], tuple(spec[9]), f"{spec[10]} {note}") for spec in specs]


# --------------------------------------------------------------------------------------------
# WKS maps
# --------------------------------------------------------------------------------------------

#: Map kinds, one per WKS line of the PNBP tariff (DOMAIN.md, "PNBP tariffs"); the keys are
#: the values of ``shop.pricing.tariffs.WksMapKind``.
WKS_KINDS = {
    "national_kecamatan": "Indonesia menurut kecamatan",
    "national_desa": "Indonesia menurut desa",
    "kabkota_kecamatan": "Satu kabupaten/kota menurut kecamatan",
    "kabkota_desa": "Satu kabupaten/kota menurut desa/kelurahan",
}


@dataclass(frozen=True)
class WksMap:
    """A digital map of statistical work areas (peta WKS) offered in the shop."""

    slug: str
    title: str
    kind: str
    region_code: str
    region_name: str
    scale: str
    year: int
    area_count: int
    description: str
    formats: tuple[str, ...] = ("SHP", "GeoJSON", "PDF")
    label: str = SYNTHETIC_LABEL
    seed: int = 2026

    @property
    def by_desa(self) -> bool:
        return self.kind.endswith("_desa")


# fmt: off
_KECAMATAN_NAMES = {
    "7371": ("Mariso", "Mamajang", "Tamalate", "Rappocini", "Makassar", "Ujung Pandang",
             "Wajo", "Bontoala", "Ujung Tanah", "Kep. Sangkarrang", "Tallo", "Panakkukang",
             "Manggala", "Biringkanaya", "Tamalanrea"),
    "7315": ("Suppa", "Mattiro Sompe", "Lanrisang", "Mattiro Bulu", "Watang Sawitto",
             "Paleteang", "Tiroang", "Patampanua", "Cempa", "Duampanua", "Batulappa", "Lembang"),
}
# fmt: on
# Frame of each preview in degrees (west, east, north, south), for the graticule labels.
_FRAMES = {
    "0000": (94.0, 142.0, 7.0, -12.0),
    "7371": (119.36, 119.56, -5.03, -5.23),
    "7315": (119.35, 119.95, -3.30, -4.05),
    "3209": (108.30, 108.85, -6.50, -7.05),
    "5204": (116.50, 118.30, -8.20, -9.10),
}


def demo_wks_maps(seed: int = 2026) -> list[WksMap]:
    """Eight WKS maps: Indonesia by kecamatan and by desa, and kabupaten/kota maps by
    kecamatan and by desa/kelurahan. The list is fixed data (area counts are the regions'
    own); ``seed`` is accepted for symmetry with the other generators and only seeds the
    preview drawings' shapes through `render_wks_preview`."""
    rows = (
        ("national_kecamatan", "0000", "1:5.000.000", 2023, 7277),
        ("national_desa", "0000", "1:5.000.000", 2023, 83763),
        ("kabkota_kecamatan", "7371", "1:25.000", 2025, 15),
        ("kabkota_desa", "7371", "1:25.000", 2025, 153),
        ("kabkota_kecamatan", "7315", "1:100.000", 2025, 12),
        ("kabkota_desa", "7315", "1:50.000", 2025, 108),
        ("kabkota_kecamatan", "3209", "1:100.000", 2024, 40),
        ("kabkota_desa", "5204", "1:250.000", 2024, 166),
    )
    maps = []
    for kind, code, scale, year, count in rows:
        region = REGIONS[code]
        unit = "desa/kelurahan" if kind.endswith("_desa") else "kecamatan"
        where = "Indonesia" if region.is_national else region.name
        title = f"Peta Wilayah Kerja Statistik {where} Menurut {unit.title()} {year}"
        description = (
            f"Peta digital wilayah kerja statistik (WKS) {where} dengan batas "
            f"{format_angka(count, 0)} {unit}, skala {scale}, tahun {year}. Setiap poligon "
            "memuat kode wilayah BPS dan atribut klasifikasi perkotaan/perdesaan. "
            f"{SYNTHETIC_LABEL}: batas dan atribut dibangkitkan secara acak."
        )
        slug = f"peta-wks-{'indonesia' if region.is_national else code}-{unit.split('/')[0]}"
        maps.append(
            WksMap(
                f"{slug}-{year}",
                title,
                kind,
                code,
                region.name,
                scale,
                year,
                count,
                description,
                seed=seed,
            )
        )
    return maps


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow without FreeType: the bitmap font
        return ImageFont.load_default()


def _blob(rng: random.Random, cx: float, cy: float, rx: float, ry: float, tilt: float = 0.0):
    """A wobbly closed outline around (cx, cy): an island or a kabupaten."""
    harmonics = [
        (k, rng.uniform(0.03, 0.12) / k**0.6, rng.uniform(0, math.tau)) for k in range(2, 9)
    ]
    points = []
    for i in range(120):
        a = math.tau * i / 120
        r = 1 + sum(amp * math.sin(k * a + phase) for k, amp, phase in harmonics)
        x, y = rx * r * math.cos(a), ry * r * math.sin(a)
        points.append(
            (
                cx + x * math.cos(tilt) - y * math.sin(tilt),
                cy + x * math.sin(tilt) + y * math.cos(tilt),
            )
        )
    return points


# Islands of the national map: centre and radii as fractions of the map frame, tilt.
_ARCHIPELAGO = (
    (0.15, 0.34, 0.19, 0.055, 0.72, "Sumatera"),
    (0.36, 0.70, 0.13, 0.03, 0.08, "Jawa"),
    (0.41, 0.33, 0.12, 0.13, 0.0, "Kalimantan"),
    (0.60, 0.43, 0.05, 0.12, -0.3, "Sulawesi"),
    (0.57, 0.78, 0.10, 0.02, 0.05, "Nusa Tenggara"),
    (0.73, 0.40, 0.035, 0.07, 0.2, "Maluku"),
    (0.88, 0.52, 0.12, 0.09, 0.15, "Papua"),
)

_SEA = (198, 226, 245)
_URBAN = (246, 190, 120)
_RURAL = (190, 222, 160)
_BORDER = (90, 90, 90)
_COAST = (30, 80, 140)


def render_wks_preview(wks: WksMap, size: tuple[int, int] = (1200, 900)) -> bytes:
    """A plausible synthetic preview PNG of a WKS map: work-area polygons with labels, coast,
    graticule, legend, north arrow, scale bar, title block and the synthetic-data label."""
    width, height = size
    rng = random.Random(f"wks|{wks.slug}|{wks.seed}")
    map_w, map_h = int(width * 0.72), height
    pad = max(12, width // 60)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, map_w, map_h), fill=_SEA)

    # Land: islands for Indonesia, one wobbly region otherwise.
    mask = Image.new("L", (map_w, map_h), 0)
    mask_draw = ImageDraw.Draw(mask)
    if wks.region_code == "0000":
        outlines = [
            (_blob(rng, fx * map_w, fy * map_h, rx * map_w, ry * map_w, tilt), name)
            for fx, fy, rx, ry, tilt, name in _ARCHIPELAGO
        ]
    else:
        outlines = [
            (
                _blob(
                    rng,
                    map_w * 0.5,
                    map_h * 0.5,
                    map_w * 0.36,
                    map_h * 0.38,
                    rng.uniform(-0.5, 0.5),
                ),
                wks.region_name,
            )
        ]
    for outline, _ in outlines:
        mask_draw.polygon(outline, fill=255)

    # Work areas: a jittered grid, clipped to the land, with about as many cells on land as
    # the map has areas (capped so that labels stay legible).
    land = mask.histogram()[255] / (map_w * map_h)
    cap = (1500 if wks.by_desa else 500) if wks.region_code == "0000" else 450
    cells = min(wks.area_count, cap) / max(land, 0.05)
    cols = max(3, round(math.sqrt(cells * map_w / map_h)))
    rows = max(3, round(cells / cols))
    cw, ch = map_w / cols, map_h / rows
    grid = [
        [
            (
                x * cw + (rng.uniform(-0.3, 0.3) * cw if 0 < x < cols else 0),
                y * ch + (rng.uniform(-0.3, 0.3) * ch if 0 < y < rows else 0),
            )
            for x in range(cols + 1)
        ]
        for y in range(rows + 1)
    ]
    areas = Image.new("RGB", (map_w, map_h), _RURAL)
    areas_draw = ImageDraw.Draw(areas)
    labels = []
    for y in range(rows):
        for x in range(cols):
            quad = [grid[y][x], grid[y][x + 1], grid[y + 1][x + 1], grid[y + 1][x]]
            urban = rng.random() < 0.3
            areas_draw.polygon(quad, fill=_URBAN if urban else _RURAL, outline=_BORDER)
            centre = (sum(p[0] for p in quad) / 4, sum(p[1] for p in quad) / 4)
            if mask.getpixel((int(centre[0]), int(centre[1]))):
                labels.append(centre)
    image.paste(areas, (0, 0), mask)
    for outline, _ in outlines:
        draw.line([*outline, outline[0]], fill=_COAST, width=3)

    # Labels: kecamatan names where known, otherwise BPS-style codes.
    names = _KECAMATAN_NAMES.get(wks.region_code, ())
    small = _font(max(9, min(15, int(cw / 5))))
    if wks.region_code != "0000":
        for i, (cx, cy) in enumerate(labels[: wks.area_count]):
            if wks.by_desa:
                text = f"{i + 1:03d}"
            else:
                text = names[i] if i < len(names) else f"{(i + 1) * 10:03d}"
            draw.text((cx, cy), text, fill=(40, 40, 40), font=small, anchor="mm")
    else:
        big = _font(18)
        for outline, name in outlines:
            cx = sum(p[0] for p in outline) / len(outline)
            cy = sum(p[1] for p in outline) / len(outline)
            draw.text(
                (cx, cy),
                name.upper(),
                fill=(20, 20, 20),
                font=big,
                anchor="mm",
                stroke_width=2,
                stroke_fill="white",
            )

    # Graticule with degree labels.
    west, east, north, south = _FRAMES.get(wks.region_code, (118.0, 119.0, -2.0, -3.0))
    tiny = _font(11)
    for i in range(1, 5):
        gx, gy = map_w * i / 5, map_h * i / 5
        draw.line((gx, 0, gx, map_h), fill=(120, 150, 180), width=1)
        draw.line((0, gy, map_w, gy), fill=(120, 150, 180), width=1)
        lon = west + (east - west) * i / 5
        lat = north + (south - north) * i / 5
        draw.text((gx + 3, 3), f"{lon:.2f}° BT", fill=(40, 60, 90), font=tiny)
        hemi = "LS" if lat < 0 else "LU"
        draw.text((3, gy + 3), f"{abs(lat):.2f}° {hemi}", fill=(40, 60, 90), font=tiny)
    draw.rectangle((0, 0, map_w - 1, map_h - 1), outline=(0, 0, 0), width=2)

    # Watermark across the map.
    stamp = Image.new("RGBA", (map_w, map_h), (0, 0, 0, 0))
    ImageDraw.Draw(stamp).text(
        (map_w / 2, map_h / 2),
        SYNTHETIC_LABEL,
        anchor="mm",
        font=_font(max(24, map_w // 16)),
        fill=(200, 0, 0, 70),
    )
    stamp = stamp.rotate(28, resample=Image.BICUBIC, center=(map_w / 2, map_h / 2))
    image.paste(stamp, (0, 0), stamp)

    _title_block(draw, wks, (map_w + pad, pad, width - pad, height - pad))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


#: The demo's full maps are drawn at twice the preview's size: the buyer gets a sharper map
#: than the public preview (issue #8), though as synthetic as it.
WKS_MASTER_SIZE = (2400, 1800)


def render_wks_master(wks: WksMap) -> bytes:
    """The demo's private master of a WKS map: the preview drawing at `WKS_MASTER_SIZE`."""
    return render_wks_preview(wks, size=WKS_MASTER_SIZE)


def _wrap(text: str, font, max_width: float, draw: ImageDraw.ImageDraw) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= max_width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _title_block(draw: ImageDraw.ImageDraw, wks: WksMap, box: tuple[int, int, int, int]):
    """Right-hand panel: title, north arrow, scale bar, legend, source and labels."""
    left, top, right, bottom = box
    width = right - left
    unit = max(10, width // 22)
    title_font, body, small = _font(unit + 4), _font(unit), _font(max(9, unit - 3))
    draw.rectangle(box, outline=(0, 0, 0), width=2)
    y = top + unit
    draw.text((left + unit, y), "BADAN PUSAT STATISTIK", font=body, fill=(11, 79, 138))
    y += unit * 2
    for line in _wrap(wks.title.upper(), title_font, width - 2 * unit, draw):
        draw.text((left + unit, y), line, font=title_font, fill=(0, 0, 0))
        y += unit + 8
    y += unit // 2
    draw.text((left + unit, y), f"Kode wilayah: {wks.region_code}", font=small, fill=(0, 0, 0))
    y += unit + 4
    draw.text((left + unit, y), f"Tahun: {wks.year}", font=small, fill=(0, 0, 0))
    y += unit + 4
    areas = "desa/kelurahan" if wks.by_desa else "kecamatan"
    count = f"Jumlah wilayah: {format_angka(wks.area_count, 0)} {areas}"
    draw.text((left + unit, y), count, font=small, fill=(0, 0, 0))
    y += unit + 4
    draw.text((left + unit, y), "Sistem koordinat: geografis (WGS 84)", font=small, fill=(0, 0, 0))
    y += unit * 2

    # North arrow ("U" for utara).
    cx = left + width / 2
    draw.polygon([(cx, y), (cx - unit, y + 3 * unit), (cx, y + 2.2 * unit)], fill=(0, 0, 0))
    draw.polygon(
        [(cx, y), (cx + unit, y + 3 * unit), (cx, y + 2.2 * unit)], fill="white", outline=(0, 0, 0)
    )
    draw.text((cx, y + 3.4 * unit), "U", font=body, fill=(0, 0, 0), anchor="mt")
    y += int(5 * unit)

    # Scale bar.
    bar = width - 4 * unit
    for i in range(4):
        x0 = left + 2 * unit + bar * i / 4
        fill = (0, 0, 0) if i % 2 == 0 else (255, 255, 255)
        draw.rectangle((x0, y, x0 + bar / 4, y + unit / 2), fill=fill, outline=(0, 0, 0))
    draw.text(
        (left + width / 2, y + unit), f"Skala {wks.scale}", font=small, fill=(0, 0, 0), anchor="mt"
    )
    y += unit * 3

    # Legend.
    draw.text((left + unit, y), "LEGENDA", font=body, fill=(0, 0, 0))
    y += unit + 8
    boundary = "Batas desa/kelurahan" if wks.by_desa else "Batas kecamatan"
    entries = (
        ("fill", _URBAN, "Perkotaan"),
        ("fill", _RURAL, "Perdesaan"),
        ("fill", _SEA, "Laut"),
        ("line", _BORDER, boundary),
        ("line", _COAST, "Garis pantai/batas wilayah"),
    )
    for kind, colour, text in entries:
        if kind == "fill":
            draw.rectangle(
                (left + unit, y, left + 2.5 * unit, y + unit), fill=colour, outline=(0, 0, 0)
            )
        else:
            draw.line(
                (left + unit, y + unit / 2, left + 2.5 * unit, y + unit / 2), fill=colour, width=3
            )
        draw.text((left + 3 * unit, y), text, font=small, fill=(0, 0, 0))
        y += unit + 8

    # Source and synthetic label at the bottom.
    y = bottom - 5 * unit
    draw.line((left, y - unit // 2, right, y - unit // 2), fill=(0, 0, 0), width=1)
    for line in _wrap(
        "Sumber: Badan Pusat Statistik, Master File Desa (peta sintetis)",
        small,
        width - 2 * unit,
        draw,
    ):
        draw.text((left + unit, y), line, font=small, fill=(0, 0, 0))
        y += unit + 2
    y += unit // 2
    for line in _wrap(SYNTHETIC_LABEL, body, width - 2 * unit, draw):
        draw.text((left + unit, y), line, font=body, fill=(200, 0, 0))
        y += unit + 4


def codebook_kwargs(dataset: MicrodataDataset) -> dict:
    """The keyword arguments of ``catalogue.services.microdata_codebook_set`` for a demo
    dataset: its codebook variables (in order) and covered regions with record counts."""
    return {
        "survey": dataset.survey,
        "year": dataset.year,
        "reference_period": dataset.reference_period,
        "region_level": dataset.region_level,
        "record_unit": dataset.unit,
        "variables": dataset.variables,
        "regions": [
            (code, REGIONS[code].title_name, count) for code, count in dataset.region_records
        ],
    }


def master_rows(dataset: MicrodataDataset, seed: int = 2026) -> Iterator[dict[str, str]]:
    """The synthetic master file: exactly ``region_records`` records per region (so it agrees
    with the codebook the quote is computed from), every variable at its width."""
    rng = random.Random(f"master|{dataset.slug}|{seed}")
    serial = 0
    for region, count in dataset.region_records:
        for _ in range(count):
            serial += 1
            picks: dict[str, int] = {}
            yield {
                v.name: v.render(_draw(v, rng, region, serial, picks)) for v in dataset.variables
            }


def master_chunks(dataset: MicrodataDataset, seed: int = 2026, rows_per_chunk: int = 2_000):
    """The master file as byte chunks, in the delivery layout (`encode_row`)."""
    chunk: list[bytes] = []
    for row in master_rows(dataset, seed):
        chunk.append(encode_row(dataset, row))
        if len(chunk) == rows_per_chunk:
            yield b"".join(chunk)
            chunk = []
    if chunk:
        yield b"".join(chunk)
