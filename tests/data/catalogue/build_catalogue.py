"""Writes ``publications.json``: a realistic catalogue export in the office web API's shape.

Run once by hand (``.venv/bin/python tests/data/catalogue/build_catalogue.py``); the JSON is the
fixture and is committed. Deterministic: no randomness, no dates from the clock. Not the demo
generator (demo/): the series, numbers and wording below follow real BPS publication
metadata (imprint pages and the web API's ``publication`` list), see README.md beside this file.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def issn_check(first7: str) -> str:
    remainder = sum(int(d) * w for d, w in zip(first7, range(8, 1, -1), strict=True)) % 11
    check = (11 - remainder) % 11
    return "X" if check == 10 else str(check)


def issn(first7: str) -> str:
    return f"{first7[:4]}-{first7[4:]}{issn_check(first7)}"


def wrong_issn(first7: str) -> str:
    """An ISSN as misprinted: the right seven digits, a check digit off by one."""
    good = issn_check(first7)
    bad = "0" if good == "X" else str((int(good) + 1) % 10)
    return f"{first7[:4]}-{first7[4:]}{bad}"


def isbn13(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    check = (10 - total % 10) % 10
    return f"{first12[:3]}-{first12[3:6]}-{first12[6:9]}-{first12[9:]}-{check}"


# --- regions (BPS domain codes; Jawa Barat is the province with its regencies) -------------------

PROVINCES = {
    "1200": "Sumatera Utara",
    "3100": "DKI Jakarta",
    "3200": "Jawa Barat",
    "3300": "Jawa Tengah",
    "3400": "DI Yogyakarta",
    "3500": "Jawa Timur",
    "5200": "Nusa Tenggara Barat",
    "5300": "Nusa Tenggara Timur",
    "6400": "Kalimantan Timur",
    "7300": "Sulawesi Selatan",
}
PROVINCES_EN = {
    "3200": "Jawa Barat Province",
    "3500": "Jawa Timur Province",
    "7300": "Sulawesi Selatan Province",
}
# Jawa Barat regencies and cities inside the demo's old region table (several series each).
JABAR_CORE = {
    "3204": "Kabupaten Bandung",
    "3209": "Kabupaten Cirebon",
    "3273": "Kota Bandung",
}
# Fourteen Jawa Barat kabupaten outside the old region table (issue #21: "fourteen because a
# kabupaten is not in the region table").
JABAR_OUTSIDE = {
    "3201": "Kabupaten Bogor",
    "3202": "Kabupaten Sukabumi",
    "3203": "Kabupaten Cianjur",
    "3205": "Kabupaten Garut",
    "3206": "Kabupaten Tasikmalaya",
    "3207": "Kabupaten Ciamis",
    "3208": "Kabupaten Kuningan",
    "3210": "Kabupaten Majalengka",
    "3211": "Kabupaten Sumedang",
    "3212": "Kabupaten Indramayu",
    "3213": "Kabupaten Subang",
    "3214": "Kabupaten Purwakarta",
    "3215": "Kabupaten Karawang",
    "3216": "Kabupaten Bekasi",
}
# Kecamatan of Kabupaten Cirebon (7-digit BPS codes): published by BPS Kabupaten Cirebon (domain
# 3209) with the kecamatan code as the Katalog suffix, as in DOMAIN.md's 1102001.3209060.
CIREBON_KECAMATAN = {
    "3209010": "Waled",
    "3209020": "Ciledug",
    "3209030": "Losari",
    "3209040": "Babakan",
    "3209060": "Lemahabang",
    "3209080": "Astanajapura",
    "3209090": "Mundu",
    "3209120": "Sumber",
    "3209130": "Palimanan",
    "3209140": "Plumbon",
    "3209162": "Kedawung",
    "3209171": "Gunungjati",
    "3209200": "Arjawinangun",
    "3209230": "Gegesik",
}
OTHER_CITIES = {"7371": "Kota Makassar", "3578": "Kota Surabaya", "3471": "Kota Yogyakarta"}


def region_name(code: str) -> str:
    for table in (PROVINCES, JABAR_CORE, JABAR_OUTSIDE, OTHER_CITIES):
        if code in table:
            return table[code]
    return "Indonesia"


def place(code: str) -> str:
    """The region as written in a title: "Provinsi Jawa Barat", "Kabupaten Bogor", "Indonesia"."""
    if code == "0000":
        return "Indonesia"
    if code.endswith("00"):
        return f"Provinsi {PROVINCES[code]}"
    return region_name(code)


def office(code: str) -> str:
    if code == "0000":
        return "Badan Pusat Statistik"
    return f"BPS {place(code)}"


def pub_no(code: str, subject_digit: int, year: int, serial: int) -> str:
    """Nomor Publikasi: the office's 4-digit domain code and a subject digit, a dot, the
    two-digit release year and a serial: ``32010.2401``, national ``03200.2402``."""
    prefix = "0320" if code == "0000" else code
    return f"{prefix}{subject_digit}.{year % 100:02d}{serial:02d}"


def katalog(base: str, code: str) -> str:
    return base if code == "0000" else f"{base}.{code if not code.endswith('00') else code[:2]}"


RECORDS: list[dict] = []


def add(
    *,
    title: str,
    kat: str | None,
    pno: str | None,
    issn_value: str | None,
    date: str | None,
    abstract: str,
    subj: str,
    domain: str,
    lang: str = "ind",
    kind: str = "publikasi",
    source: str | None = None,
    size: str | None = None,
):
    pub_id = f"{len(RECORDS) + 1:04d}"
    RECORDS.append(
        {
            "pub_id": pub_id,
            "title": title,
            "kat_no": kat or "",
            "pub_no": pno or "",
            "issn": issn_value or "",
            "rl_date": date or "",
            "abstract": abstract,
            "subj": subj,
            "domain": domain,
            "lang": lang,
            "type": kind,
            "source": source or office(domain),
            "size": size or f"{(len(RECORDS) * 7919) % 9000 / 1000 + 1.2:.2f} MB",
        }
    )


# --- "Dalam Angka" (in Figures): every office, every year ---------------------------------------

DALAM_ANGKA_TOPICS = (
    "geografi dan iklim, pemerintahan, penduduk dan ketenagakerjaan, sosial dan kesejahteraan "
    "rakyat, pertanian, industri, energi, konstruksi, perdagangan, hotel dan pariwisata, "
    "transportasi dan komunikasi, perbankan, pengeluaran penduduk, serta pendapatan regional"
)


def dalam_angka(code: str, year: int, *, issn7: str, serial: int, bad_issn: bool = False,
                date: str | None = "default", english: bool = False) -> None:
    name = place(code)
    when = f"{year}-02-28" if date == "default" else date
    title = f"{name} Dalam Angka {year}"
    abstract = (
        f"Publikasi {title} merupakan publikasi tahunan yang diterbitkan oleh {office(code)}. "
        f"Publikasi ini menyajikan data dan informasi tentang {DALAM_ANGKA_TOPICS} di "
        f"{name}. Data bersumber dari sensus, survei, dan catatan administrasi instansi "
        f"pemerintah maupun swasta."
    )
    add(
        title=title,
        kat=katalog("1102001", code),
        pno=pub_no(code, 1, year, serial),
        issn_value=wrong_issn(issn7) if bad_issn else issn(issn7),
        date=when,
        abstract=abstract,
        subj="Statistik Umum",
        domain=code,
    )
    if english:
        english_name = PROVINCES_EN.get(code) or (
            name.replace("Kota ", "") + " Municipality"
            if name.startswith("Kota ")
            else name.replace("Kabupaten ", "") + " Regency"
        )
        add(
            title=f"{english_name} in Figures {year}",
            kat=katalog("1102001", code),
            pno=pub_no(code, 1, year, serial + 50),
            issn_value=issn(issn7),
            date=when,
            abstract=(
                f"{english_name} in Figures {year} is the annual statistical yearbook of "
                f"{office(code)}, presenting geography and climate, government, population and "
                "employment, social welfare, agriculture, industry, trade, tourism, transport, "
                "finance, expenditure and regional income."
            ),
            subj="Statistik Umum",
            domain=code,
            lang="eng",
        )


# National
dalam_angka_national = [
    ("Statistik Indonesia 2024", "Statistical Yearbook of Indonesia 2024", "2024-02-28", 2402),
    ("Statistik Indonesia 2023", "Statistical Yearbook of Indonesia 2023", "2023-02-28", 2301),
]
for title, english, when, number in dalam_angka_national:
    add(
        title=title,
        kat="1101001",
        pno=f"03200.{number}",
        issn_value="0126-2912",
        date=when,
        abstract=(
            f"{title} memuat berbagai data dan informasi statistik terkini tentang Indonesia: "
            "geografi, pemerintahan, penduduk, ketenagakerjaan, pendidikan, kesehatan, "
            "perumahan, pertanian, industri, energi, pariwisata, transportasi, keuangan, harga, "
            "pengeluaran penduduk, dan neraca nasional. Sebagian besar data bersumber dari "
            "sensus dan survei Badan Pusat Statistik."
        ),
        subj="Statistik Umum",
        domain="0000",
    )
    add(
        title=english,
        kat="1101001",
        pno=f"03200.{number + 50}",
        issn_value="0126-2912",
        date=when,
        abstract=(
            f"{english} presents the latest statistical data on Indonesia: geography, "
            "government, population, labour, education, health, housing, agriculture, "
            "industry, energy, tourism, transport, finance, prices, expenditure and national "
            "accounts, mostly from the censuses and surveys of Statistics Indonesia."
        ),
        subj="Statistik Umum",
        domain="0000",
        lang="eng",
    )

# Provinces
dalam_angka("3200", 2024, issn7="0215239", serial=1, english=True)
dalam_angka("3200", 2023, issn7="0215239", serial=2)
dalam_angka("3500", 2024, issn7="0215223", serial=1, english=True)
dalam_angka("3500", 2023, issn7="0215223", serial=3)
dalam_angka("7300", 2024, issn7="0215400", serial=1, english=True)
dalam_angka("5300", 2024, issn7="0215403", serial=1)
dalam_angka("3400", 2024, issn7="0215222", serial=1)
dalam_angka("6400", 2024, issn7="0215209", serial=1)
dalam_angka("3300", 2024, issn7="0215244", serial=1)
dalam_angka("1200", 2024, issn7="0215219", serial=1)
dalam_angka("3100", 2024, issn7="0215213", serial=1)
dalam_angka("5200", 2024, issn7="0215220", serial=1)

# Jawa Barat regencies inside the old table: 2024 and 2023 editions
for i, code in enumerate(JABAR_CORE):
    dalam_angka(code, 2024, issn7=f"02154{i + 10:02d}", serial=1, english=(code == "3273"))
    # Two editions whose printed ISSN carries a wrong check digit (the office's own imprint).
    dalam_angka(code, 2023, issn7=f"02154{i + 10:02d}", serial=2, bad_issn=code != "3209")
# Fourteen regencies outside it: the 2024 edition each, one record per regency (the fourteen
# records the old region table refused); Kabupaten Bogor's ISSN is the real printed 0215-4250.
for i, code in enumerate(JABAR_OUTSIDE):
    dalam_angka(
        code,
        2024,
        issn7="0215425" if code == "3201" else f"02155{i + 10:02d}",
        serial=1,
        date=None if code in ("3208", "3214") else "default",
    )
# Cities elsewhere
dalam_angka("7371", 2024, issn7="0215436", serial=1)
dalam_angka("3578", 2024, issn7="0215437", serial=1)
dalam_angka("3471", 2024, issn7="0215438", serial=1)

# Kecamatan Dalam Angka (published by BPS Kabupaten Cirebon)
for j, (code, name) in enumerate(CIREBON_KECAMATAN.items()):
    title = f"Kecamatan {name} Dalam Angka 2024"
    add(
        title=title,
        kat=f"1102001.{code}",
        pno=f"32090.24{j + 10:03d}",
        issn_value=None,
        date="2024-09-26" if j % 5 else None,
        abstract=(
            f"Publikasi {title} menyajikan data pokok Kecamatan {name}, Kabupaten Cirebon: "
            "letak geografis, pemerintahan desa, penduduk, pendidikan, kesehatan, agama, "
            "pertanian, industri, perdagangan, dan sarana transportasi, bersumber dari Pendataan "
            "Potensi Desa dan catatan kantor kecamatan."
        ),
        subj="Statistik Umum",
        domain="3209",
    )


# --- thematic series --------------------------------------------------------------------------


def series(
    title_of,
    *,
    kat: str,
    subject_digit: int,
    subj: str,
    abstract_of,
    regions,
    years=(2023,),
    issn7: str | None = None,
    month: str = "11-30",
    lang: str = "ind",
    serial: int = 10,
):
    for code in regions:
        for year in years:
            released = year + 1 if month < "06" else year
            add(
                title=title_of(place(code), year),
                kat=katalog(kat, code),
                pno=pub_no(code, subject_digit, released, serial),
                issn_value=issn(issn7) if issn7 else None,
                date=f"{released}-{month}",
                abstract=abstract_of(place(code), year),
                subj=subj,
                domain=code,
                lang=lang,
            )


NATIONAL = ("0000",)
JABAR_ALL = ("3200", *JABAR_CORE)
BIG_PROVINCES = ("3200", "3500", "7300", "5300", "3400", "6400")

series(
    lambda p, y: f"Indeks Pembangunan Manusia {y}"
    if p == "Indonesia"
    else f"Indeks Pembangunan Manusia {p} {y}",
    kat="4102002",
    subject_digit=2,
    subj="Pembangunan Manusia",
    abstract_of=lambda p, y: (
        f"Indeks Pembangunan Manusia (IPM) {p} {y} mengukur capaian pembangunan manusia "
        "berbasis sejumlah komponen dasar kualitas hidup: umur harapan hidup saat lahir, "
        "harapan lama sekolah dan rata-rata lama sekolah, serta pengeluaran per kapita yang "
        "disesuaikan. Publikasi ini menyajikan perkembangan IPM dan komponennya menurut "
        "kabupaten/kota."
    ),
    regions=(*NATIONAL, *BIG_PROVINCES, *JABAR_CORE),
    years=(2023,),
    issn7="2086236",
    month="06-14",
)
series(
    lambda p, y: f"Indeks Pembangunan Manusia {y}",
    kat="4102002",
    subject_digit=2,
    subj="Pembangunan Manusia",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan Indeks Pembangunan Manusia (IPM) Indonesia {y} beserta "
        "komponennya: kesehatan, pendidikan, dan standar hidup layak, menurut provinsi dan "
        "kabupaten/kota, dengan metode penghitungan baru sejak 2010."
    ),
    regions=NATIONAL,
    years=(2022,),
    issn7="2086236",
    month="06-15",
    serial=11,
)
series(
    lambda p, y: f"Human Development Index {y}",
    kat="4102002",
    subject_digit=2,
    subj="Pembangunan Manusia",
    abstract_of=lambda p, y: (
        f"Human Development Index {y} measures achievement in human development in Indonesia "
        "from life expectancy at birth, expected and mean years of schooling, and adjusted per "
        "capita expenditure, by province and regency/municipality."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2086236",
    month="06-28",
    lang="eng",
    serial=61,
)
series(
    lambda p, y: f"Statistik Kesejahteraan Rakyat {y}"
    if p == "Indonesia"
    else f"Statistik Kesejahteraan Rakyat {p} {y}",
    kat="4101002",
    subject_digit=2,
    subj="Kesejahteraan Rakyat",
    abstract_of=lambda p, y: (
        f"Statistik Kesejahteraan Rakyat {p} {y} menyajikan indikator kesejahteraan rakyat "
        "bidang kependudukan, kesehatan, pendidikan, ketenagakerjaan, taraf dan pola konsumsi, "
        "perumahan dan lingkungan, kemiskinan, serta sosial lainnya, hasil Survei Sosial "
        "Ekonomi Nasional (Susenas) Maret."
    ),
    regions=(*NATIONAL, *JABAR_ALL, "3201", "3500", "5300"),
    years=(2023,),
    issn7="0216613",
    month="11-30",
    serial=20,
)
series(
    lambda p, y: f"Welfare Statistics {y}",
    kat="4101002",
    subject_digit=2,
    subj="Kesejahteraan Rakyat",
    abstract_of=lambda p, y: (
        f"Welfare Statistics {y} presents indicators of people's welfare: population, health, "
        "education, employment, consumption, housing and environment, poverty, from the March "
        "National Socio-Economic Survey (Susenas)."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="0216613",
    month="12-15",
    lang="eng",
    serial=70,
)
series(
    lambda p, y: f"Keadaan Angkatan Kerja di Indonesia Agustus {y}"
    if p == "Indonesia"
    else f"Keadaan Angkatan Kerja {p} Agustus {y}",
    kat="2303003",
    subject_digit=2,
    subj="Ketenagakerjaan",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan keadaan angkatan kerja {p} Agustus {y} hasil Survei "
        "Angkatan Kerja Nasional (Sakernas): penduduk usia kerja, tingkat partisipasi angkatan "
        "kerja (TPAK), tingkat pengangguran terbuka (TPT), lapangan pekerjaan utama, status "
        "pekerjaan, jam kerja, dan pendidikan pekerja."
    ),
    regions=(*NATIONAL, "3200", "3500", "7300", "3204"),
    years=(2023,),
    issn7="2086273",
    month="11-27",
    serial=30,
)
series(
    lambda p, y: f"Labor Force Situation in Indonesia August {y}",
    kat="2303003",
    subject_digit=2,
    subj="Ketenagakerjaan",
    abstract_of=lambda p, y: (
        f"Labor Force Situation in Indonesia August {y} presents the results of the National "
        "Labor Force Survey (Sakernas): working-age population, labor force participation rate, "
        "open unemployment rate, main industry, employment status and hours worked."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2086273",
    month="12-20",
    lang="eng",
    serial=80,
)
series(
    lambda p, y: f"Data dan Informasi Kemiskinan Kabupaten/Kota {y}",
    kat="3205015",
    subject_digit=2,
    subj="Kemiskinan dan Ketimpangan",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan data kemiskinan kabupaten/kota se-Indonesia {y}: jumlah dan "
        "persentase penduduk miskin, garis kemiskinan, indeks kedalaman dan keparahan "
        "kemiskinan, serta karakteristik rumah tangga miskin, hasil Susenas Maret."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2338896",
    month="12-18",
    serial=40,
)
series(
    lambda p, y: f"Profil Kemiskinan {p} Maret {y}",
    kat="3205015",
    subject_digit=2,
    subj="Kemiskinan dan Ketimpangan",
    abstract_of=lambda p, y: (
        f"Profil kemiskinan {p} Maret {y}: jumlah penduduk miskin, garis kemiskinan makanan "
        "dan bukan makanan, indeks kedalaman (P1) dan keparahan (P2) kemiskinan, serta "
        "ketimpangan pengeluaran (rasio Gini)."
    ),
    regions=(*JABAR_ALL, "3500", "5300", "7300"),
    years=(2023,),
    month="07-17",
    serial=41,
)
series(
    lambda p, y: f"Produk Domestik Regional Bruto {p} Menurut Lapangan Usaha 2019-{y}",
    kat="9302008",
    subject_digit=3,
    subj="Produk Domestik Regional Bruto (Lapangan Usaha)",
    abstract_of=lambda p, y: (
        f"Publikasi PDRB {p} menurut lapangan usaha 2019-{y} menyajikan nilai tambah bruto "
        "atas dasar harga berlaku dan harga konstan 2010 menurut 17 kategori lapangan usaha, "
        "laju pertumbuhan ekonomi, struktur perekonomian, dan PDRB per kapita."
    ),
    regions=(*JABAR_ALL, "3500", "7300", "6400", "3300"),
    years=(2023,),
    issn7="2527708",
    month="04-30",
    serial=10,
)
series(
    lambda p, y: f"Produk Domestik Bruto Indonesia Triwulanan 2019-{y}",
    kat="9301003",
    subject_digit=3,
    subj="Produk Domestik Bruto (Lapangan Usaha)",
    abstract_of=lambda p, y: (
        "Publikasi Produk Domestik Bruto (PDB) Indonesia triwulanan menyajikan nilai PDB "
        f"menurut lapangan usaha dan menurut pengeluaran 2019-{y}, atas dasar harga berlaku dan "
        "harga konstan 2010, serta pertumbuhan ekonomi triwulanan (q-to-q, y-on-y)."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2085426",
    month="04-05",
    serial=11,
)
series(
    lambda p, y: f"Statistik Potensi Desa Indonesia {y}"
    if p == "Indonesia"
    else f"Statistik Potensi Desa {p} {y}",
    kat="1206023",
    subject_digit=1,
    subj="Potensi Desa",
    abstract_of=lambda p, y: (
        f"Statistik Potensi Desa {p} {y} menyajikan hasil Pendataan Potensi Desa (Podes) "
        f"{y}: keberadaan infrastruktur, fasilitas pendidikan dan kesehatan, sarana ekonomi, "
        "kejadian bencana alam, lingkungan hidup, dan keamanan di setiap desa/kelurahan."
    ),
    regions=(*NATIONAL, "3200", "3500"),
    years=(2021,),
    issn7="2089141",
    month="12-20",
    serial=60,
)
series(
    lambda p, y: f"Statistik Harga Konsumen Perdesaan Kelompok Makanan {y}",
    kat="7103007",
    subject_digit=3,
    subj="Harga Konsumen",
    abstract_of=lambda p, y: (
        f"Publikasi ini memuat harga konsumen perdesaan kelompok makanan {y} menurut provinsi: "
        "beras, daging, ikan, telur, sayuran, buah, minyak goreng, dan gula, sebagai bahan "
        "penghitungan Nilai Tukar Petani (NTP)."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2086282",
    month="06-30",
    serial=12,
)
series(
    lambda p, y: f"Indeks Harga Konsumen {p} {y} (2018=100)",
    kat="7101003",
    subject_digit=3,
    subj="Harga Konsumen",
    abstract_of=lambda p, y: (
        f"Publikasi Indeks Harga Konsumen (IHK) {p} {y} tahun dasar 2018=100 menyajikan "
        "inflasi bulanan, tahun kalender, dan tahun ke tahun menurut kelompok pengeluaran, "
        "serta komoditas penyumbang inflasi, hasil Survei Harga Konsumen."
    ),
    regions=("0000", "3273", "3578", "7371"),
    years=(2023,),
    issn7="2338722",
    month="05-31",
    serial=13,
)
series(
    lambda p, y: f"Statistik Nilai Tukar Petani {y}"
    if p == "Indonesia"
    else f"Nilai Tukar Petani {p} {y}",
    kat="7102014",
    subject_digit=3,
    subj="Harga Produsen",
    abstract_of=lambda p, y: (
        f"Nilai Tukar Petani (NTP) {y} membandingkan indeks harga yang diterima petani dengan "
        "indeks harga yang dibayar petani, menurut subsektor tanaman pangan, hortikultura, "
        "perkebunan rakyat, peternakan, dan perikanan, serta menurut provinsi."
    ),
    regions=("0000", "3200"),
    years=(2023,),
    issn7="2339041",
    month="07-28",
    serial=14,
)
series(
    lambda p, y: f"Statistik Perdagangan Luar Negeri Indonesia Ekspor {y} Jilid I",
    kat="8202002",
    subject_digit=3,
    subj="Ekspor-Impor",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan data ekspor Indonesia {y} menurut komoditas (HS), negara "
        "tujuan, dan pelabuhan muat: nilai FOB dalam US$ dan berat bersih, bersumber dari "
        "dokumen kepabeanan Direktorat Jenderal Bea dan Cukai."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="0216607",
    month="07-31",
    serial=15,
)
series(
    lambda p, y: f"Statistik Perdagangan Luar Negeri Indonesia Impor {y} Jilid I",
    kat="8202003",
    subject_digit=3,
    subj="Ekspor-Impor",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan data impor Indonesia {y} menurut komoditas (HS), negara "
        "asal, dan pelabuhan bongkar: nilai CIF dalam US$ dan berat bersih, dari dokumen "
        "pemberitahuan impor barang."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="0216608",
    month="07-31",
    serial=16,
)
series(
    lambda p, y: f"Statistik Kunjungan Wisatawan Mancanegara {y}",
    kat="8401010",
    subject_digit=3,
    subj="Pariwisata",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan jumlah kunjungan wisatawan mancanegara (wisman) ke Indonesia "
        f"{y} menurut pintu masuk, kebangsaan, dan bulan kedatangan, beserta karakteristik "
        "wisman dan rata-rata lama tinggal."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="0854524",
    month="06-20",
    serial=17,
)
series(
    lambda p, y: f"Statistik Hotel dan Akomodasi Lainnya di {p} {y}",
    kat="8406003",
    subject_digit=3,
    subj="Pariwisata",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan jumlah akomodasi, kamar, tempat tidur, tingkat penghunian "
        f"kamar (TPK) hotel bintang dan nonbintang, serta rata-rata lama menginap tamu di {p} "
        f"{y}, hasil Survei Volume Kegiatan Usaha Akomodasi."
    ),
    regions=("0000", "3400", "3200"),
    years=(2023,),
    issn7="0854525",
    month="08-29",
    serial=18,
)
series(
    lambda p, y: f"Statistik Pendidikan {y}",
    kat="4301008",
    subject_digit=2,
    subj="Pendidikan",
    abstract_of=lambda p, y: (
        f"Statistik Pendidikan {y} menyajikan indikator pendidikan: angka partisipasi sekolah "
        "(APS), angka partisipasi kasar dan murni, rata-rata lama sekolah, angka melek huruf, "
        "dan tingkat pendidikan yang ditamatkan, hasil Susenas."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2655593",
    month="11-24",
    serial=21,
)
series(
    lambda p, y: f"Statistik Perumahan dan Permukiman {y}",
    kat="4401005",
    subject_digit=2,
    subj="Perumahan",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan kondisi perumahan dan permukiman rumah tangga {y}: status "
        "kepemilikan rumah, luas lantai, sumber air minum, sanitasi layak, penerangan, dan "
        "bahan bakar memasak, hasil modul Susenas."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2809818",
    month="12-22",
    serial=22,
)
series(
    lambda p, y: f"Statistik Penduduk Lanjut Usia {y}",
    kat="4104001",
    subject_digit=2,
    subj="Kependudukan",
    abstract_of=lambda p, y: (
        f"Statistik Penduduk Lanjut Usia {y} menggambarkan kondisi lansia (60 tahun ke atas): "
        "demografi, pendidikan, kesehatan, ekonomi, dan perlindungan sosial, serta rasio "
        "ketergantungan lansia."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="0854797",
    month="12-29",
    serial=23,
)
series(
    lambda p, y: f"Statistik Pemuda Indonesia {y}",
    kat="4103009",
    subject_digit=2,
    subj="Kependudukan",
    abstract_of=lambda p, y: (
        f"Statistik Pemuda Indonesia {y} menyajikan profil pemuda berusia 16-30 tahun: "
        "pendidikan, kesehatan, ketenagakerjaan, dan partisipasi sosial."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2086104",
    month="12-27",
    serial=24,
)
series(
    lambda p, y: f"Profil Statistik Kesehatan {y}",
    kat="4201004",
    subject_digit=2,
    subj="Kesehatan",
    abstract_of=lambda p, y: (
        f"Profil Statistik Kesehatan {y} menyajikan derajat kesehatan, keluhan kesehatan, "
        "jaminan kesehatan, imunisasi balita, pemberian ASI, dan perilaku merokok penduduk, "
        "hasil Susenas."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2614063",
    month="12-21",
    serial=25,
)
series(
    lambda p, y: f"Statistik Kriminal {y}",
    kat="4401002",
    subject_digit=2,
    subj="Sosial Budaya",
    abstract_of=lambda p, y: (
        f"Statistik Kriminal {y} menyajikan jumlah kejadian kejahatan (crime total), risiko "
        "penduduk terkena kejahatan, dan selang waktu terjadinya kejahatan (crime clock), dari "
        "registrasi Polri dan Pendataan Potensi Desa."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2089502",
    month="12-12",
    serial=26,
)
series(
    lambda p, y: f"Statistik Lingkungan Hidup Indonesia {y}",
    kat="3305001",
    subject_digit=3,
    subj="Lingkungan Hidup",
    abstract_of=lambda p, y: (
        f"Statistik Lingkungan Hidup Indonesia {y} mengangkat tema pengelolaan sampah: timbulan "
        "sampah, perilaku rumah tangga memilah sampah, kualitas udara dan air, serta bencana "
        "alam dan perubahan iklim."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="0216651",
    month="11-30",
    serial=27,
)
series(
    lambda p, y: f"Statistik Telekomunikasi Indonesia {y}",
    kat="8305002",
    subject_digit=3,
    subj="Komunikasi",
    abstract_of=lambda p, y: (
        f"Statistik Telekomunikasi Indonesia {y} menyajikan akses dan penggunaan teknologi "
        "informasi dan komunikasi rumah tangga: telepon seluler, komputer, dan internet, "
        "serta Indeks Pembangunan Teknologi Informasi dan Komunikasi (IP-TIK)."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2302710",
    month="11-29",
    serial=28,
)
series(
    lambda p, y: f"Statistik E-Commerce {y}",
    kat="8101004",
    subject_digit=3,
    subj="Perdagangan Dalam Negeri",
    abstract_of=lambda p, y: (
        f"Statistik E-Commerce {y} menyajikan usaha yang berjualan melalui internet (niaga "
        "elektronik): jenis usaha, media penjualan online, metode pembayaran, dan pengiriman "
        "barang, hasil Survei E-Commerce."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2716432",
    month="12-15",
    serial=29,
)
series(
    lambda p, y: f"Statistik Industri Manufaktur Indonesia {y}",
    kat="6103003",
    subject_digit=3,
    subj="Industri",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan statistik industri besar dan sedang {y}: jumlah perusahaan, "
        "tenaga kerja, output, nilai tambah, dan bahan baku menurut kode KBLI dua digit."
    ),
    regions=NATIONAL,
    years=(2021,),
    issn7="0215405",
    month="09-30",
    serial=31,
)
series(
    lambda p, y: f"Luas Panen dan Produksi Padi di {p} {y}",
    kat="5203013",
    subject_digit=3,
    subj="Tanaman Pangan",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan luas panen, produktivitas, dan produksi padi serta beras di "
        f"{p} {y}, dihitung dengan metode Kerangka Sampel Area (KSA) menurut bulan, provinsi, "
        "dan kabupaten/kota."
    ),
    regions=("0000", "3200", "3500", "7300", "3209"),
    years=(2023,),
    issn7="2620541",
    month="11-29",
    serial=32,
)
series(
    lambda p, y: f"Hasil Pencacahan Lengkap Sensus Pertanian {y} Tahap I {p}"
    if p != "Indonesia"
    else f"Hasil Pencacahan Lengkap Sensus Pertanian {y} - Tahap I",
    kat="5106002",
    subject_digit=3,
    subj="Pertanian",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan hasil pencacahan lengkap Sensus Pertanian {y} (ST2023) "
        f"tahap I di {p}: jumlah usaha pertanian perorangan, perusahaan pertanian berbadan "
        "hukum, petani gurem, dan unit usaha menurut subsektor."
    ),
    regions=("0000", "3200", "3500"),
    years=(2023,),
    issn7=None,
    month="12-04",
    serial=33,
)
series(
    lambda p, y: f"Hasil Sensus Penduduk 2020 {p}" if p != "Indonesia" else "Hasil Sensus Penduduk 2020",
    kat="2102002",
    subject_digit=2,
    subj="Kependudukan",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan hasil Sensus Penduduk 2020 (SP2020) {p}: jumlah, laju "
        "pertumbuhan, dan kepadatan penduduk, komposisi umur dan jenis kelamin, serta "
        "penduduk menurut generasi, berbasis data administrasi kependudukan."
    ),
    regions=("0000", "3200", "3204", "3209"),
    years=(2021,),
    issn7=None,
    month="12-30",
    serial=34,
)
series(
    lambda p, y: "Proyeksi Penduduk Indonesia 2020-2050 Hasil Sensus Penduduk 2020",
    kat="2101017",
    subject_digit=2,
    subj="Kependudukan",
    abstract_of=lambda p, y: (
        "Proyeksi penduduk Indonesia 2020-2050 menurut provinsi, umur, dan jenis kelamin, "
        "berdasarkan Sensus Penduduk 2020 dan Survei Penduduk Antar Sensus (SUPAS), dengan "
        "asumsi fertilitas, mortalitas, dan migrasi."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7=None,
    month="12-12",
    serial=35,
)
series(
    lambda p, y: f"Indeks Kebahagiaan {y}",
    kat="4104002",
    subject_digit=2,
    subj="Sosial Budaya",
    abstract_of=lambda p, y: (
        f"Indeks Kebahagiaan {y} diukur dari dimensi kepuasan hidup, perasaan, dan makna hidup, "
        "hasil Survei Pengukuran Tingkat Kebahagiaan (SPTK), menurut provinsi."
    ),
    regions=NATIONAL,
    years=(2021,),
    issn7=None,
    month="12-27",
    serial=36,
)
series(
    lambda p, y: f"Indeks Perilaku Anti Korupsi {y}",
    kat="4401001",
    subject_digit=2,
    subj="Sosial Budaya",
    abstract_of=lambda p, y: (
        f"Indeks Perilaku Anti Korupsi (IPAK) {y} mengukur tingkat permisifitas masyarakat "
        "terhadap perilaku korupsi skala kecil (petty corruption), dimensi persepsi dan "
        "pengalaman, hasil Survei Perilaku Anti Korupsi."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2407780",
    month="07-17",
    serial=37,
)
series(
    lambda p, y: f"Statistik Upah {y}",
    kat="2302003",
    subject_digit=2,
    subj="Upah",
    abstract_of=lambda p, y: (
        f"Statistik Upah {y} menyajikan rata-rata upah/gaji bersih buruh, pekerja bebas, dan "
        "upah minimum provinsi menurut lapangan pekerjaan, pendidikan, dan jenis kelamin, hasil "
        "Sakernas Agustus."
    ),
    regions=NATIONAL,
    years=(2023,),
    issn7="2339203",
    month="11-28",
    serial=38,
)
series(
    lambda p, y: f"Statistik Keuangan Pemerintah Kabupaten/Kota {y}",
    kat="7205002",
    subject_digit=3,
    subj="Keuangan",
    abstract_of=lambda p, y: (
        f"Publikasi ini menyajikan realisasi pendapatan dan belanja pemerintah kabupaten/kota "
        f"{y}: pendapatan asli daerah, dana perimbangan, belanja pegawai, barang dan jasa, "
        "serta modal, hasil Survei Statistik Keuangan Pemerintah Daerah."
    ),
    regions=NATIONAL,
    years=(2022,),
    issn7="0216671",
    month="10-31",
    serial=39,
)
series(
    lambda p, y: f"Trends of Selected Socio-Economic Indicators of Indonesia, {y}",
    kat="3101015",
    subject_digit=2,
    subj="Statistik Umum",
    abstract_of=lambda p, y: (
        "A pocket book of Indonesia's selected socio-economic indicators: population, labour, "
        "poverty, inflation, gross domestic product, exports and imports, tourism and "
        f"transport, updated to {y}."
    ),
    regions=NATIONAL,
    years=(2024,),
    issn7="0853818",
    month="03-28",
    lang="eng",
    serial=90,
)
series(
    lambda p, y: f"Statistik Daerah {p} {y}",
    kat="1101002",
    subject_digit=1,
    subj="Statistik Umum",
    abstract_of=lambda p, y: (
        f"Statistik Daerah {p} {y} adalah ringkasan analitis perkembangan pembangunan {p}: "
        "penduduk, ketenagakerjaan, pendidikan, kesehatan, kemiskinan, pertanian, inflasi, "
        "dan pertumbuhan ekonomi."
    ),
    regions=("3200", "3204", "3209", "3273", "7300", "3400"),
    years=(2024,),
    issn7=None,
    month="09-27",
    serial=42,
)
series(
    lambda p, y: f"Analisis Isu Terkini {p} {y}",
    kat="1101003",
    subject_digit=1,
    subj="Statistik Umum",
    abstract_of=lambda p, y: (
        f"Analisis isu terkini {p} {y}: stunting, pengangguran usia muda, inflasi pangan, dan "
        "ketimpangan antarwilayah, dianalisis dari data Susenas, Sakernas, dan Survei Harga."
    ),
    regions=("3200",),
    years=(2023,),
    issn7=None,
    month="12-21",
    serial=43,
)

# More editions: the previous year's yearbooks, IPM and welfare series, February labour force.
for code in ("3300", "3400", "5300", "6400", "7300", "3204", "3209", "3273"):
    dalam_angka(code, 2023 if code[2:] == "00" or code == "7300" else 2022,
                issn7=f"0216{int(code) % 997:03d}", serial=5)
for j, (code, name) in enumerate(list(CIREBON_KECAMATAN.items())[:8]):
    title = f"Kecamatan {name} Dalam Angka 2023"
    add(
        title=title,
        kat=f"1102001.{code}",
        pno=f"32090.23{j + 40:03d}",
        issn_value=None,
        date="2023-09-26",
        abstract=(
            f"Publikasi {title} menyajikan data pokok Kecamatan {name}, Kabupaten Cirebon: "
            "wilayah, pemerintahan, penduduk, sosial, pertanian, dan perekonomian desa."
        ),
        subj="Statistik Umum",
        domain="3209",
    )
series(
    lambda p, y: f"Indeks Pembangunan Manusia {p} {y}",
    kat="4102002",
    subject_digit=2,
    subj="Pembangunan Manusia",
    abstract_of=lambda p, y: (
        f"IPM {p} {y}: umur harapan hidup, harapan lama sekolah, rata-rata lama sekolah, dan "
        "pengeluaran per kapita yang disesuaikan menurut kabupaten/kota."
    ),
    regions=BIG_PROVINCES,
    years=(2022,),
    issn7="2086236",
    month="06-20",
    serial=12,
)
series(
    lambda p, y: f"Keadaan Angkatan Kerja {p} Februari {y}"
    if p != "Indonesia"
    else f"Keadaan Angkatan Kerja di Indonesia Februari {y}",
    kat="2303003",
    subject_digit=2,
    subj="Ketenagakerjaan",
    abstract_of=lambda p, y: (
        f"Keadaan angkatan kerja {p} Februari {y} hasil Sakernas: tingkat pengangguran "
        "terbuka, setengah penganggur, pekerja informal, dan upah buruh."
    ),
    regions=("0000", "3200", "3500", "6400"),
    years=(2024,),
    issn7="2086273",
    month="06-28",
    serial=31,
)
series(
    lambda p, y: f"Profil Kemiskinan {p} September {y}",
    kat="3205015",
    subject_digit=2,
    subj="Kemiskinan dan Ketimpangan",
    abstract_of=lambda p, y: (
        f"Persentase penduduk miskin {p} September {y}, garis kemiskinan per rumah tangga, "
        "dan rasio Gini pengeluaran perdesaan dan perkotaan."
    ),
    regions=("0000", "3200", "3400", "5300"),
    years=(2023,),
    month="01-15",
    serial=44,
)
series(
    lambda p, y: f"Produk Domestik Regional Bruto {p} Menurut Pengeluaran 2019-{y}",
    kat="9302009",
    subject_digit=3,
    subj="Produk Domestik Regional Bruto (Pengeluaran)",
    abstract_of=lambda p, y: (
        f"PDRB {p} menurut pengeluaran 2019-{y}: konsumsi rumah tangga, konsumsi pemerintah, "
        "pembentukan modal tetap bruto, ekspor dan impor barang dan jasa."
    ),
    regions=("3200", "3500", "7300", "3273", "3209"),
    years=(2023,),
    issn7="2527709",
    month="05-31",
    serial=11,
)

NATIONAL_ONE_OFFS = (
    ("Statistik Kelapa Sawit Indonesia 2023", "5504003", "Perkebunan",
     "luas areal, produksi minyak sawit (CPO) dan inti sawit, serta ekspor menurut provinsi "
     "dan status pengusahaan perkebunan rakyat, negara, dan swasta"),
    ("Statistik Kopi Indonesia 2023", "5504004", "Perkebunan",
     "luas areal dan produksi kopi arabika dan robusta, produktivitas, serta ekspor kopi "
     "menurut negara tujuan"),
    ("Statistik Karet Indonesia 2023", "5504005", "Perkebunan",
     "luas areal, produksi karet kering, dan ekspor karet alam menurut provinsi"),
    ("Statistik Peternakan dan Kesehatan Hewan 2023", "5402002", "Peternakan",
     "populasi sapi, kerbau, kambing, ayam ras, produksi daging, telur, dan susu segar"),
    ("Statistik Sumber Daya Laut dan Pesisir 2023", "5601003", "Perikanan",
     "produksi perikanan tangkap dan budidaya, rumah tangga nelayan, dan ekosistem pesisir"),
    ("Statistik Tanaman Sayuran dan Buah-buahan Semusim Indonesia 2023", "5205004",
     "Hortikultura", "luas panen dan produksi cabai, bawang merah, kentang, kubis, dan melon"),
    ("Pengeluaran untuk Konsumsi Penduduk Indonesia Maret 2023", "3201023",
     "Konsumsi dan Pengeluaran",
     "rata-rata pengeluaran per kapita sebulan untuk makanan dan bukan makanan, konsumsi "
     "kalori dan protein, hasil Susenas Maret"),
    ("Indikator Pasar Tenaga Kerja Indonesia Agustus 2023", "2302006", "Ketenagakerjaan",
     "indikator pasar kerja ILO: rasio penduduk bekerja, pengangguran usia muda, pekerja "
     "informal, dan pekerja tidak penuh"),
    ("Statistik Migrasi Indonesia Hasil Survei Penduduk Antar Sensus 2015", "2102025",
     "Kependudukan", "migrasi seumur hidup, migrasi risen, dan migrasi antarprovinsi dari "
     "SUPAS 2015"),
    ("Statistik Transportasi Darat 2023", "8302004", "Transportasi",
     "panjang jalan, jumlah kendaraan bermotor, angkutan kereta api, dan penumpang bus antar "
     "kota"),
    ("Statistik Transportasi Laut 2023", "8303004", "Transportasi",
     "arus kunjungan kapal, bongkar muat barang, dan penumpang angkutan laut di pelabuhan"),
    ("Statistik Pertambangan Minyak dan Gas Bumi 2023", "6303002", "Pertambangan",
     "produksi dan lifting minyak mentah, gas bumi, serta tenaga kerja perusahaan migas"),
    ("Statistik Pertambangan Nonminyak dan Gas Bumi 2023", "6304003", "Pertambangan",
     "produksi batu bara, bauksit, nikel, emas, dan tembaga perusahaan pertambangan"),
    ("Statistik Listrik 2023", "6501003", "Energi",
     "produksi, distribusi, dan penjualan tenaga listrik PLN dan non-PLN menurut provinsi"),
    ("Statistik Konstruksi 2023", "6701001", "Konstruksi",
     "jumlah perusahaan konstruksi, nilai pekerjaan, dan tenaga kerja konstruksi"),
    ("Statistik Bank dan Lembaga Keuangan 2023", "7301004", "Keuangan",
     "aset, kredit, dan dana pihak ketiga bank umum dan bank perkreditan rakyat"),
    ("Statistik Gender Tematik: Profil Perempuan Indonesia 2023", "4103013", "Gender",
     "kesetaraan gender di bidang pendidikan, kesehatan, ketenagakerjaan, dan politik, "
     "Indeks Pembangunan Gender (IPG) dan Indeks Ketimpangan Gender (IKG)"),
    ("Profil Anak Usia Dini 2023", "4103011", "Kesehatan",
     "anak usia 0-6 tahun: akta kelahiran, imunisasi, gizi, stunting, dan pendidikan anak "
     "usia dini (PAUD)"),
    ("Distribusi Perdagangan Komoditas Beras Indonesia 2023", "8101010",
     "Perdagangan Dalam Negeri", "pola distribusi perdagangan beras dari produsen ke "
     "konsumen akhir, margin perdagangan dan pengangkutan"),
    ("Survei Biaya Hidup 2018", "7101011", "Harga Konsumen",
     "pola konsumsi rumah tangga di 90 kota sebagai dasar penimbang Indeks Harga Konsumen "
     "(IHK) tahun dasar 2018"),
)
for k, (title, base, subj, topic) in enumerate(NATIONAL_ONE_OFFS):
    year = int(title.rsplit(" ", 1)[-1]) if title[-4:].isdigit() else 2023
    add(
        title=title,
        kat=base,
        pno=f"0{330 + 10 * (k % 3)}0.{(year + 1) % 100:02d}{k + 10:02d}",
        issn_value=issn(f"2{(k * 104729) % 1000000:06d}") if k % 4 else None,
        date=f"{year + 1}-{(k % 12) + 1:02d}-15",
        abstract=f"Publikasi {title} menyajikan {topic}.",
        subj=subj,
        domain="0000",
    )
ENGLISH_EDITIONS = (
    ("Indonesian Oil Palm Statistics 2023", "5504003", "Perkebunan",
     "planted area, crude palm oil production and exports by province and estate type"),
    ("Indonesian Coffee Statistics 2023", "5504004", "Perkebunan",
     "area and production of arabica and robusta coffee and coffee exports by destination"),
    ("Jawa Barat Province Statistical Regional Brief 2024", "1101002", "Statistik Umum",
     "an analytical summary of development in West Java: population, labour, poverty, "
     "inflation and economic growth"),
    ("Gross Regional Domestic Product of Jawa Timur Province by Industry 2019-2023", "9302008",
     "Produk Domestik Regional Bruto (Lapangan Usaha)",
     "value added at current and constant 2010 prices by 17 industries, economic growth and "
     "per capita GRDP of East Java"),
)
for k, (title, base, subj, topic) in enumerate(ENGLISH_EDITIONS):
    code = "3200" if "Jawa Barat" in title else "3500" if "Jawa Timur" in title else "0000"
    add(
        title=title,
        kat=katalog(base, code),
        pno=pub_no(code, 1, 2024, 91 + k),
        issn_value=None,
        date=f"2024-{k + 4:02d}-30",
        abstract=f"{title} presents {topic}.",
        subj=subj,
        domain=code,
        lang="eng",
    )

# A one-off book: its ISBN was entered in the ISSN column of the export.
add(
    title="Analisis Profil Penduduk Indonesia: Mendeskripsikan Peran Penduduk dalam Pembangunan",
    kat="2101025",
    pno="04000.2205",
    issn_value=isbn13("978602438530"),
    date="2022-06-30",
    abstract=(
        "Buku ini menganalisis profil penduduk Indonesia: struktur umur, bonus demografi, "
        "migrasi, urbanisasi, dan kualitas sumber daya manusia, serta perannya dalam "
        "pembangunan berkelanjutan, berdasarkan Sensus Penduduk 2020 dan SUPAS."
    ),
    subj="Kependudukan",
    domain="0000",
    kind="buku",
)
# Two older records without a release date in the export.
add(
    title="Indikator Kesejahteraan Rakyat Nusa Tenggara Timur 2014",
    kat="4102004.53",
    pno="53000.1504",
    issn_value=None,
    date=None,
    abstract=(
        "Indikator kesejahteraan rakyat Provinsi Nusa Tenggara Timur 2014: kependudukan, "
        "kesehatan, pendidikan, ketenagakerjaan, konsumsi rumah tangga, dan perumahan."
    ),
    subj="Kesejahteraan Rakyat",
    domain="5300",
)
add(
    title="Ringkasan Metadata Statistik Dasar 2019",
    kat="1103018",
    pno="03210.2004",
    issn_value="2598-568X",
    date=None,
    abstract=(
        "Ringkasan metadata kegiatan statistik dasar BPS 2019: tujuan, konsep dan definisi, "
        "metodologi, cakupan, dan jadwal setiap sensus dan survei."
    ),
    subj="Statistik Umum",
    domain="0000",
)
add(
    title="Pedoman Pembuatan Publikasi BPS Edisi 2023",
    kat="1303004",
    pno="03200.2322",
    issn_value=None,
    date="2023-07-31",
    abstract=(
        "Pedoman penyusunan publikasi BPS: tata letak, perwajahan, kelengkapan identitas "
        "publikasi (Katalog, Nomor Publikasi, ISSN/ISBN), dan tata cara penerbitan."
    ),
    subj="Statistik Umum",
    domain="0000",
    kind="pedoman",
)


def main() -> None:
    titles = [r["title"] for r in RECORDS]
    duplicates = {t for t in titles if titles.count(t) > 1}
    if duplicates:
        raise SystemExit(f"duplicate titles: {sorted(duplicates)}")
    out = HERE / "publications.json"
    out.write_text(json.dumps(RECORDS, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(RECORDS)} records -> {out}")


if __name__ == "__main__":
    main()
