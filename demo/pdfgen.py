"""Render a demo publication as a realistic, deterministic BPS-style PDF (no Django import).

The book reads like the office's own: cover, imprint page with the identifiers DOMAIN.md
lists ("Library (e-pustaka)": ISSN/ISBN, Katalog BPS, Nomor Publikasi, size, page count,
authors, publisher, reuse statement), Kata Pengantar, Daftar Isi, chapters with tables (regions
× years, Indonesian number format) and charts, and a back cover. The outline (bookmarks) lists
the chapters and their sections, so a reader or the site can build a table of contents from
it. Every page is one fixed "unit", so the page count is exact and known before rendering.

All figures are synthetic and say so on the imprint page and in every page footer.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from demo.catalogue_data import (
    INDICATORS,
    REGIONS,
    REUSE_STATEMENT,
    SUBJECT_INDICATORS,
    DemoPublication,
    Region,
    describe_change,
    format_angka,
    indicator_value,
    provinces,
)
from pst.pdfdoc import MONTHS_ID, format_date_id

PAGE_SIZE = (17.6 * cm, 25 * cm)
BOOK_SIZE = "17,6 cm x 25 cm"
MARGIN_X = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_W = PAGE_SIZE[0] - 2 * MARGIN_X
FRAME_H = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

#: Pages every book has besides its chapters: cover, imprint, Kata Pengantar, Daftar Isi,
#: back cover.
FIXED_PAGES = 5
#: Smallest book: the fixed pages and one chapter with an opening, a chart and a table.
MIN_PAGES = FIXED_PAGES + 3
#: Demo PDFs are excerpts: long enough to page through, short enough to seed 64 quickly.
DEFAULT_PAGES_RANGE = (12, 32)

DEMO_NOTE = "Publikasi contoh untuk demo: seluruh angka bersifat sintetis."


# fmt: off
_SUBJECT_COLOURS = {
    "Statistik Umum": "#0b4f8a", "Kependudukan": "#6a3d9a", "Ketenagakerjaan": "#1f78b4",
    "Kemiskinan": "#b15928", "Kesejahteraan Rakyat": "#33a02c", "Pembangunan Manusia": "#008080",
    "Harga": "#e31a1c", "Pertanian": "#4d7c0f", "Industri": "#525252", "Perdagangan": "#ff7f00",
    "Pendidikan": "#1d4ed8", "Kesehatan": "#0e9f6e", "Pariwisata": "#0891b2",
    "Transportasi": "#374151", "Energi": "#ca8a04", "Keuangan": "#7c2d12",
    "Pendapatan Nasional": "#1e3a8a", "Lingkungan Hidup": "#15803d",
}
# fmt: on


def default_pdf_pages(pub: DemoPublication) -> int:
    """Pages of the demo PDF: grows with the printed book (6 + a twelfth of its pages), within
    DEFAULT_PAGES_RANGE, so that all 64 demo PDFs render in about ten CPU seconds."""
    low, high = DEFAULT_PAGES_RANGE
    return max(low, min(high, 6 + pub.page_count // 12))


# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------


def _styles(accent: colors.Color) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName="Helvetica", fontSize=9.5, leading=13.5, alignment=TA_JUSTIFY, spaceAfter=6
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=10, spaceAfter=2),
        "note": ParagraphStyle("note", base, fontSize=7, leading=9, textColor=colors.grey),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName="Helvetica-Bold",
            fontSize=17,
            leading=21,
            textColor=accent,
            alignment=0,
            spaceAfter=12,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName="Helvetica-Bold",
            fontSize=11.5,
            leading=15,
            textColor=accent,
            alignment=0,
            spaceBefore=4,
            spaceAfter=6,
        ),
        "bab": ParagraphStyle(
            "bab",
            base,
            fontName="Helvetica-Bold",
            fontSize=10,
            textColor=colors.grey,
            alignment=0,
            spaceAfter=2,
        ),
        "caption": ParagraphStyle(
            "caption",
            base,
            fontName="Helvetica-Bold",
            fontSize=8.5,
            leading=11,
            alignment=TA_CENTER,
            spaceAfter=4,
        ),
        "cell": ParagraphStyle("cell", base, fontSize=7, leading=8.4, alignment=0, spaceAfter=0),
        "imprint": ParagraphStyle(
            "imprint", base, fontSize=8.5, leading=11.5, alignment=0, spaceAfter=0
        ),
        "cover_title": ParagraphStyle(
            "cover_title",
            base,
            fontName="Helvetica-Bold",
            fontSize=22,
            leading=27,
            textColor=colors.white,
            alignment=0,
            spaceAfter=10,
        ),
        "cover": ParagraphStyle(
            "cover",
            base,
            fontSize=11,
            leading=15,
            textColor=colors.white,
            alignment=0,
            spaceAfter=4,
        ),
        "cover_small": ParagraphStyle(
            "cover_small", base, fontSize=8.5, leading=11, textColor=colors.white, alignment=0
        ),
        "toc": ParagraphStyle("toc", base, fontSize=9, leading=12, alignment=0, spaceAfter=0),
        "toc_bold": ParagraphStyle(
            "toc_bold",
            base,
            fontName="Helvetica-Bold",
            fontSize=9,
            leading=12,
            alignment=0,
            spaceAfter=0,
        ),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------------------------
# Page plan
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """One page of a chapter: what it shows and where the outline points to it."""

    chapter: int
    section: int
    kind: str  # "opening", "table", "chart" or "text"
    title: str
    page: int


_SECTION_TITLES = {
    "Pendahuluan": ("Latar Belakang", "Tujuan", "Ruang Lingkup", "Sistematika Penyajian"),
    "Metodologi": (
        "Sumber Data",
        "Konsep dan Definisi",
        "Metode Penghitungan",
        "Keterbandingan Data",
    ),
    "Kesimpulan": ("Ringkasan Temuan", "Implikasi Kebijakan", "Catatan Penutup"),
}


def _section_title(chapter: str, kind: str, position: int, indicator: str) -> str:
    fixed = _SECTION_TITLES.get(chapter)
    if fixed:
        return fixed[position % len(fixed)] if position < len(fixed) else f"{fixed[-1]} (Lanj.)"
    short = indicator.split(" (")[0]
    return {
        "opening": "Gambaran Umum",
        "table": f"Perkembangan {short}",
        "chart": f"Perbandingan {short}",
        "text": "Pembahasan",
    }[kind] + ("" if position < 4 else f" {position - 2}")


def _plan(pub: DemoPublication, pages: int) -> list[_Unit]:
    """Spread the chapter pages over the chapters; each chapter opens with text and then
    alternates charts, tables and discussion (odd chapters start with a chart)."""
    body = pages - FIXED_PAGES
    chapters = pub.chapters[: max(1, min(len(pub.chapters), body // 2))]
    share, extra = divmod(body, len(chapters))
    units: list[_Unit] = []
    page = FIXED_PAGES  # chapter pages start after cover, imprint, pengantar and daftar isi
    for number, chapter in enumerate(chapters, start=1):
        main = INDICATORS[_chapter_indicators(pub, number)[0]].name
        cycle = ("chart", "table", "text") if number % 2 else ("table", "chart", "text")
        kinds = ["opening"] + [cycle[i % 3] for i in range(share + (number <= extra) - 1)]
        for position, kind in enumerate(kinds):
            title = _section_title(chapter, kind, position, main)
            units.append(_Unit(number, position + 1, kind, title, page))
            page += 1
    return units


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------

_SENTENCES = (
    "{chapter} merupakan salah satu aspek penting dalam memahami kondisi {subject} di {area}.",
    "Pada {y}, {ind} {area} tercatat sebesar {val}, {change} dibandingkan tahun sebelumnya.",
    "Data yang disajikan bersumber dari kegiatan statistik yang dilaksanakan oleh Badan Pusat "
    "Statistik serta data administrasi instansi terkait.",
    "Perkembangan selama periode {y0}–{y} menunjukkan pola yang relatif stabil dengan fluktuasi "
    "pada tahun-tahun tertentu.",
    "Pandemi COVID-19 pada 2020 memberikan tekanan yang cukup besar terhadap berbagai indikator "
    "{subject}, namun pemulihan mulai terlihat sejak 2021.",
    "Informasi ini diharapkan dapat dimanfaatkan oleh pemerintah dalam menyusun kebijakan yang "
    "tepat sasaran.",
    "Perbedaan capaian antarwilayah masih cukup lebar sehingga diperlukan upaya pemerataan "
    "pembangunan.",
    "Konsep dan definisi yang digunakan mengacu pada rekomendasi internasional dan disesuaikan "
    "dengan kondisi Indonesia.",
    "Penghitungan estimasi menggunakan penimbang yang bersumber dari hasil proyeksi penduduk "
    "terbaru.",
    "Angka pada publikasi ini dapat berbeda dengan publikasi sebelumnya karena adanya "
    "pemutakhiran data dan penyempurnaan metodologi.",
    "Secara umum, {ind} {area} pada {y} berada {relpos} angka nasional sebesar {nat}.",
    "Pengumpulan data dilakukan melalui wawancara tatap muka menggunakan kuesioner elektronik "
    "berbasis CAPI.",
    "Tabel dan gambar pada bab ini menyajikan perbandingan antarwilayah serta perkembangan "
    "antarwaktu.",
    "Pembaca disarankan memperhatikan catatan teknis pada setiap tabel sebelum menarik kesimpulan.",
    "Kualitas data dijaga melalui pemeriksaan konsistensi, validasi berjenjang, dan supervisi "
    "lapangan.",
    "Perubahan tersebut sejalan dengan dinamika aktivitas ekonomi dan akses masyarakat "
    "terhadap layanan dasar.",
    "Sinergi antara pemerintah pusat, pemerintah daerah, dan masyarakat menjadi kunci "
    "keberhasilan pembangunan di bidang {subject}.",
    "Indikator ini juga digunakan untuk memantau capaian Tujuan Pembangunan Berkelanjutan "
    "(TPB/SDGs).",
    "{ind2} pada {y} sebesar {val2}, {change2} dibandingkan {y1}.",
    "Dibandingkan dengan kondisi {y0}, capaian pada {y} memperlihatkan {trend}.",
)


class _Writer:
    """Deterministic Indonesian prose about one publication and a pair of its indicators."""

    def __init__(self, pub: DemoPublication, rng: random.Random) -> None:
        self.pub, self.rng = pub, rng
        self._fields: dict[tuple[str, str], dict[str, object]] = {}

    def fields(self, indicators: tuple[str, str]) -> dict[str, object]:
        if indicators not in self._fields:
            pub, region = self.pub, self.pub.region
            main, second = indicators
            y = pub.data_year
            value = indicator_value(main, region.code, y)
            national = indicator_value(main, "0000", y)
            first = indicator_value(main, region.code, y - 4)
            self._fields[indicators] = {
                "subject": pub.subject.lower(),
                "area": region.title_name,
                "y": y,
                "y0": y - 4,
                "y1": y - 1,
                "ind": INDICATORS[main].name_for(region.code),
                "val": INDICATORS[main].describe(value),
                "change": describe_change(main, region.code, y, y - 1),
                "ind2": INDICATORS[second].name_for(region.code),
                "val2": INDICATORS[second].describe(indicator_value(second, region.code, y)),
                "change2": describe_change(second, region.code, y, y - 1),
                "nat": INDICATORS[main].describe(national),
                "relpos": "di atas" if value > national else "di bawah",
                "trend": "peningkatan" if value > first else "penurunan",
            }
        return self._fields[indicators]

    def paragraph(self, chapter: str, indicators: tuple[str, str], sentences: int = 5) -> str:
        pool = range(len(_SENTENCES))
        if self.pub.region.is_national:  # no "above the national figure" for Indonesia itself
            pool = [i for i in pool if "{relpos}" not in _SENTENCES[i]]
        chosen = sorted(self.rng.sample(pool, sentences))
        fields = dict(self.fields(indicators), chapter=chapter)
        return " ".join(_SENTENCES[i].format(**fields) for i in chosen)


# Chapters of the "Dalam Angka" yearbooks and the subject whose indicators they show.
_YEARBOOK_CHAPTER_SUBJECTS = {
    "Geografi dan Iklim": "Lingkungan Hidup",
    "Pemerintahan": "Keuangan",
    "Penduduk dan Ketenagakerjaan": "Ketenagakerjaan",
    "Sosial dan Kesejahteraan Rakyat": "Kesejahteraan Rakyat",
    "Pertanian, Kehutanan, dan Perikanan": "Pertanian",
    "Industri, Pertambangan, dan Energi": "Energi",
    "Pariwisata dan Transportasi": "Pariwisata",
    "Keuangan dan Harga": "Harga",
    "Perdagangan": "Perdagangan",
    "Pendapatan Regional": "Pendapatan Nasional",
}


def _chapter_indicators(pub: DemoPublication, number: int) -> tuple[str, str]:
    """Indicators a chapter talks about: the yearbook's chapter subject, else the book's own
    pair, swapped in even chapters so that both get their tables and charts."""
    chapter = pub.chapters[number - 1]
    subject = _YEARBOOK_CHAPTER_SUBJECTS.get(chapter) if pub.subject == "Statistik Umum" else None
    if subject:
        return SUBJECT_INDICATORS[subject]
    main, second = pub.indicators
    return (main, second) if number % 2 else (second, main)


# --------------------------------------------------------------------------------------------
# Tables and charts
# --------------------------------------------------------------------------------------------


def _comparison_regions(region: Region) -> list[Region]:
    """Rows of a regions × years table: all provinces for a national book, otherwise the
    region with its demo neighbours, its province and Indonesia."""
    if region.is_national:
        return [*provinces(), region]
    prefix = region.code[:2]
    neighbours = [
        r for r in REGIONS.values() if r.code[:2] == prefix and r.level in ("kabupaten", "kota")
    ]
    rows = [r for r in neighbours if r.code != region.code] + [region]
    if region.level != "provinsi":
        rows.append(REGIONS[region.province_code])
    rows.append(REGIONS["0000"])
    return rows


def _years(pub: DemoPublication) -> list[int]:
    return list(range(pub.data_year - 4, pub.data_year + 1))


def _data_table(rows: list[list[str]], styles: dict[str, ParagraphStyle], accent) -> Table:
    first_col = FRAME_W * 0.36
    widths = [first_col] + [(FRAME_W - first_col) / (len(rows[0]) - 1)] * (len(rows[0]) - 1)
    cells = [[Paragraph(_esc(row[0]), styles["cell"]), *row[1:]] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 7),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7),
                ("BACKGROUND", (0, 0), (-1, 0), accent),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f5f9")]),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
            ]
        )
    )
    return table


def _regions_table(pub, key, styles, accent) -> tuple[str, Table]:
    ind = INDICATORS[key]
    years = _years(pub)
    level = "Provinsi" if pub.region.is_national else "Wilayah"
    head = [level, *map(str, years)]
    rows = [head] + [
        [r.name, *(format_angka(indicator_value(key, r.code, y), ind.decimals) for y in years)]
        for r in _comparison_regions(pub.region)
    ]
    unit = f" ({ind.unit})" if ind.unit else ""
    caption = f"{ind.name}{unit} Menurut {level}, {years[0]}–{years[-1]}"
    return caption, _data_table(rows, styles, accent)


def _indicators_table(pub, indicators, styles, accent) -> tuple[str, Table]:
    years = _years(pub)
    keys = list(dict.fromkeys([*indicators, "penduduk", "lpe", "ipm", "tpt", "p0"]))
    rows = [["Indikator", *map(str, years)]]
    for key in keys:
        ind = INDICATORS[key]
        label = ind.name + (f" ({ind.unit})" if ind.unit else "")
        rows.append(
            [
                label,
                *(
                    format_angka(indicator_value(key, pub.region_code, y), ind.decimals)
                    for y in years
                ),
            ]
        )
    caption = f"Indikator Utama {pub.region.title_name}, {years[0]}–{years[-1]}"
    return caption, _data_table(rows, styles, accent)


def _axis_format(decimals: int) -> Callable[[float], str]:
    return lambda v: format_angka(v, 0 if abs(v) >= 100 else min(decimals, 1))


def _bar_chart(pub, key, accent) -> tuple[str, Drawing]:
    """Top ten provinces (national book) or the region's last five years (regional book)."""
    ind = INDICATORS[key]
    if pub.region.is_national:
        values = sorted(
            ((indicator_value(key, r.code, pub.data_year), r.name) for r in provinces()),
            reverse=True,
        )[:10]
        names = [name if len(name) <= 14 else name[:13] + "." for _, name in values]
        data = [v for v, _ in values]
        caption = f"{ind.name} Menurut Provinsi Tertinggi, {pub.data_year}"
    else:
        years = _years(pub)
        names = [str(y) for y in years]
        data = [indicator_value(key, pub.region_code, y) for y in years]
        caption = f"{ind.name} {pub.region.title_name}, {years[0]}–{years[-1]}"
    drawing = Drawing(FRAME_W, 210)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 48, 52, FRAME_W - 60, 140
    chart.data = [data]
    chart.bars[0].fillColor = accent
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.angle = 35 if pub.region.is_national else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if pub.region.is_national else "n"
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.valueMin = min(0, min(data))
    chart.valueAxis.labelTextFormat = _axis_format(ind.decimals)
    chart.barLabels.fontSize = 5.5
    chart.barLabels.fontName = "Helvetica"
    chart.barLabelFormat = _axis_format(ind.decimals)
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(0, 200, ind.unit, fontName="Helvetica", fontSize=7))
    return caption, drawing


def _line_chart(pub, key, accent) -> tuple[str, Drawing]:
    """The region against Indonesia (rates) or alone (totals), over five years."""
    ind = INDICATORS[key]
    years = _years(pub)
    series = [(pub.region.name, pub.region_code)]
    if not pub.region.is_national and not ind.extensive:
        series.append(("Indonesia", "0000"))
    drawing = Drawing(FRAME_W, 210)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 48, 40, FRAME_W - 60, 140
    chart.data = [[indicator_value(key, code, y) for y in years] for _, code in series]
    chart.categoryAxis.categoryNames = [str(y) for y in years]
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labelTextFormat = _axis_format(ind.decimals)
    palette = (accent, colors.HexColor("#f59e0b"))
    for i in range(len(series)):
        chart.lines[i].strokeColor = palette[i]
        chart.lines[i].strokeWidth = 1.8
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 60, 14
    legend.fontSize = 7
    legend.fontName = "Helvetica"
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(palette[i], name) for i, (name, _) in enumerate(series)]
    drawing.add(legend)
    drawing.add(String(0, 200, ind.unit, fontName="Helvetica", fontSize=7))
    return f"Perkembangan {ind.name}, {years[0]}–{years[-1]}", drawing


# --------------------------------------------------------------------------------------------
# Flowables and page decoration
# --------------------------------------------------------------------------------------------


class _Bookmark(Flowable):
    """Zero-size mark that adds an outline entry pointing at the page it lands on."""

    def __init__(self, key: str, title: str, level: int) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


def _page(content: list[Flowable], marks: list[_Bookmark] = ()) -> list[Flowable]:
    """Exactly one page: the content shrinks to fit rather than spilling over."""
    box = KeepInFrame(FRAME_W, FRAME_H - 2, content, mode="shrink", vAlign="TOP")
    return [*marks, box, PageBreak()]


class _Decor:
    """Draws cover, running header/footer and back cover; counts the pages drawn."""

    def __init__(self, pub: DemoPublication, accent) -> None:
        self.pub, self.accent, self.pages = pub, accent, 0

    def cover(self, canvas, doc) -> None:
        self.pages += 1
        w, h = PAGE_SIZE
        canvas.saveState()
        canvas.setFillColor(self.accent)
        canvas.rect(0, 0, w, h, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFillAlpha(0.12)
        for i in range(7):
            canvas.circle(w * 0.85, h * 0.25, 30 + i * 22, stroke=0, fill=1)
        canvas.setFillAlpha(1)
        canvas.rect(0, 0, w, 28 * mm, stroke=0, fill=1)
        canvas.setFillColor(self.accent)
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(MARGIN_X, 16 * mm, "BADAN PUSAT STATISTIK")
        canvas.setFont("Helvetica", 8)
        canvas.drawString(MARGIN_X, 11 * mm, "https://www.bps.go.id")
        canvas.restoreState()

    def body(self, canvas, doc) -> None:
        self.pages += 1
        w, h = PAGE_SIZE
        canvas.saveState()
        canvas.setStrokeColor(self.accent)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, h - 15 * mm, w - MARGIN_X, h - 15 * mm)
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.grey)
        title = self.pub.title if len(self.pub.title) <= 90 else self.pub.title[:87] + "..."
        canvas.drawString(MARGIN_X, h - 13.5 * mm, title)
        canvas.drawString(MARGIN_X, 10 * mm, DEMO_NOTE)
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawRightString(w - MARGIN_X, 10 * mm, str(canvas.getPageNumber()))
        canvas.restoreState()

    def back(self, canvas, doc) -> None:
        self.pages += 1
        w, h = PAGE_SIZE
        canvas.saveState()
        canvas.setFillColor(self.accent)
        canvas.rect(0, 0, w, h, stroke=0, fill=1)
        canvas.restoreState()


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def _cover(pub: DemoPublication, s) -> list[Flowable]:
    region = pub.region
    parts: list[Flowable] = [
        Paragraph(f"Katalog: {pub.katalog}", s["cover_small"]),
        Paragraph(f"Nomor Publikasi: {pub.nomor_publikasi}", s["cover_small"]),
        Spacer(1, 40 * mm),
        Paragraph(_esc(pub.title), s["cover_title"]),
    ]
    if pub.subtitle:
        parts.append(Paragraph(_esc(pub.subtitle), s["cover"]))
    if pub.title_en:
        parts.append(Paragraph(f"<i>{_esc(pub.title_en)}</i>", s["cover"]))
    parts += [
        Spacer(1, 12 * mm),
        Paragraph(f"Wilayah: {_esc(region.name)} ({region.code})", s["cover"]),
        Paragraph(f"Tahun: {pub.year}", s["cover"]),
        Paragraph(_esc(pub.publisher), s["cover"]),
    ]
    return parts


def _imprint(pub: DemoPublication, pages: int, s) -> list[Flowable]:
    issn = pub.issn or "-"
    if pub.e_issn:
        issn += f" (cetak), {pub.e_issn} (elektronik)"
    rows = [
        ("ISSN", issn),
        ("ISBN", pub.isbn or "-"),
        ("Nomor Publikasi", pub.nomor_publikasi),
        ("Katalog", pub.katalog),
        ("Ukuran Buku", BOOK_SIZE),
        ("Jumlah Halaman", f"xii + {pub.page_count} halaman"),
        ("Frekuensi Terbit", pub.frequency),
        ("Bahasa", pub.language),
        ("Naskah", "; ".join(pub.authors)),
        ("Penyunting", "; ".join(pub.editors)),
        ("Penerbit", f"© {pub.publisher}"),
        ("Tanggal Rilis", format_date_id(pub.release_date)),
    ]
    table = Table(
        [[Paragraph(k, s["imprint"]), Paragraph(_esc(v), s["imprint"])] for k, v in rows],
        colWidths=[FRAME_W * 0.3, FRAME_W * 0.7],
    )
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)])
    )
    parts: list[Flowable] = [Paragraph(_esc(pub.title), s["h2"])]
    if pub.subtitle:
        parts.append(Paragraph(_esc(pub.subtitle), s["body"]))
    if pub.title_en:
        parts.append(Paragraph(f"<i>{_esc(pub.title_en)}</i>", s["body"]))
    parts += [
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 8 * mm),
        HRFlowable(width="100%", color=colors.grey, thickness=0.5),
        Spacer(1, 3 * mm),
        Paragraph(
            "<b>Dilarang mengumumkan, mendistribusikan, mengomunikasikan, dan/atau "
            "menggandakan</b>" + _esc(REUSE_STATEMENT.split("menggandakan", 1)[1]) + ".",
            s["small"],
        ),
        Spacer(1, 6 * mm),
        Paragraph(
            f"Berkas ini adalah cuplikan demo sebanyak {pages} halaman dari publikasi "
            f"{pub.page_count} halaman. {DEMO_NOTE}",
            s["note"],
        ),
    ]
    return parts


def _pengantar(pub: DemoPublication, writer: _Writer, s) -> list[Flowable]:
    region = pub.region
    head = "Badan Pusat Statistik" if region.is_national else pub.publisher
    intro = (
        f"Publikasi <b>{_esc(pub.title)}</b> merupakan publikasi {pub.frequency.lower()} yang "
        f"diterbitkan oleh {_esc(pub.publisher)}. {_esc(pub.abstract)}"
    )
    closing = (
        "Kami menyampaikan penghargaan dan terima kasih kepada semua pihak yang telah "
        "berkontribusi dalam penyusunan publikasi ini. Kritik dan saran untuk penyempurnaan "
        "publikasi mendatang sangat kami harapkan."
    )
    place = "Jakarta, " if region.is_national else ""
    month = f"{MONTHS_ID[pub.release_date.month - 1]} {pub.release_date.year}"
    return [
        Paragraph("Kata Pengantar", s["h1"]),
        Paragraph(intro, s["body"]),
        Paragraph(_esc(writer.paragraph("Publikasi ini", pub.indicators, 4)), s["body"]),
        Paragraph(closing, s["body"]),
        Spacer(1, 10 * mm),
        Paragraph(f"{place}{month}", s["body"]),
        Paragraph(f"Kepala {_esc(head)}", s["body"]),
    ]


def _daftar_isi(pub: DemoPublication, units: list[_Unit], s) -> list[Flowable]:
    rows = [
        [Paragraph("Kata Pengantar", s["toc_bold"]), "3"],
        [Paragraph("Daftar Isi", s["toc_bold"]), "4"],
    ]
    for unit in units:
        if unit.section == 1:
            label = f"Bab {unit.chapter} {pub.chapters[unit.chapter - 1]}"
            rows.append([Paragraph(_esc(label), s["toc_bold"]), str(unit.page)])
        label = f"&nbsp;&nbsp;&nbsp;&nbsp;{unit.chapter}.{unit.section} {_esc(unit.title)}"
        rows.append([Paragraph(label, s["toc"]), str(unit.page)])
    table = Table(rows, colWidths=[FRAME_W - 15 * mm, 15 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (1, 0), (1, -1), "Helvetica", 9),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
                ("LINEBELOW", (0, 0), (-1, -1), 0.2, colors.HexColor("#d4d4d8")),
            ]
        )
    )
    return [Paragraph("Daftar Isi", s["h1"]), table]


def _chapter_page(pub, unit: _Unit, writer: _Writer, counters: dict, s, accent) -> list:
    chapter = pub.chapters[unit.chapter - 1]
    number = f"{unit.chapter}.{unit.section}"
    parts: list[Flowable] = []
    if unit.kind == "opening":
        parts += [Paragraph(f"BAB {unit.chapter}", s["bab"]), Paragraph(_esc(chapter), s["h1"])]
    parts.append(Paragraph(f"{number} {_esc(unit.title)}", s["h2"]))
    indicators = _chapter_indicators(pub, unit.chapter)
    main, second = indicators
    source = (
        f"Sumber: {pub.publisher}, diolah dari kegiatan statistik terkait "
        "(data sintetis untuk demo)"
    )
    if unit.kind in ("opening", "text"):
        for _ in range(4 if unit.kind == "opening" else 5):
            parts.append(Paragraph(_esc(writer.paragraph(chapter, indicators)), s["body"]))
    elif unit.kind == "table":
        counters["table"] += 1
        key = main if counters["table"] % 2 else second
        if pub.region.is_national or counters["table"] % 3:
            caption, table = _regions_table(pub, key, s, accent)
        else:
            caption, table = _indicators_table(pub, indicators, s, accent)
        parts += [
            Paragraph(_esc(writer.paragraph(chapter, indicators, 3)), s["body"]),
            Paragraph(f"Tabel {unit.chapter}.{counters['table']} {_esc(caption)}", s["caption"]),
            table,
            Spacer(1, 2 * mm),
            Paragraph(_esc(source), s["note"]),
        ]
        if not pub.region.is_national:  # a short table leaves room for its discussion
            parts += [Spacer(1, 3 * mm)] + [
                Paragraph(_esc(writer.paragraph(chapter, indicators)), s["body"]) for _ in range(3)
            ]
    else:
        counters["chart"] += 1
        key = main if counters["chart"] % 2 else second
        build = _bar_chart if counters["chart"] % 2 else _line_chart
        caption, drawing = build(pub, key, accent)
        parts += [
            Paragraph(_esc(writer.paragraph(chapter, indicators, 4)), s["body"]),
            Paragraph(f"Gambar {unit.chapter}.{counters['chart']} {_esc(caption)}", s["caption"]),
            drawing,
            Paragraph(_esc(source), s["note"]),
            Paragraph(_esc(writer.paragraph(chapter, indicators, 3)), s["body"]),
        ]
    return parts


def _back_cover(pub: DemoPublication, s) -> list[Flowable]:
    lines = [
        Spacer(1, 120 * mm),
        Paragraph("<b>BADAN PUSAT STATISTIK</b>", s["cover"]),
        Paragraph("Jl. Dr. Sutomo 6-8 Jakarta 10710", s["cover_small"]),
        Paragraph("Telp (021) 3841195, 3842508, 3810291", s["cover_small"]),
        Paragraph("https://www.bps.go.id", s["cover_small"]),
    ]
    if not pub.region.is_national:
        lines.insert(1, Paragraph(f"<b>{_esc(pub.publisher.upper())}</b>", s["cover"]))
    return lines


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def build_publication_pdf(path: Path, pub: DemoPublication, *, pages: int | None = None) -> int:
    """Write ``pub`` as a PDF of ``pages`` pages (default `default_pdf_pages`) to ``path``.

    Returns the page count written. Output is byte-identical for the same input (reportlab's
    ``invariant``), text is extractable, the outline lists Kata Pengantar, Daftar Isi, every
    chapter and its sections, and the document info carries title, author, subject, keywords.
    """
    pages = default_pdf_pages(pub) if pages is None else pages
    if pages < MIN_PAGES:
        raise ValueError(f"a demo publication needs at least {MIN_PAGES} pages, got {pages}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    accent = colors.HexColor(_SUBJECT_COLOURS.get(pub.subject, "#0b4f8a"))
    styles = _styles(accent)
    rng = random.Random(f"pdf|{pub.slug}|{pages}")
    writer = _Writer(pub, rng)
    units = _plan(pub, pages)
    decor = _Decor(pub, accent)

    keywords = [pub.katalog, pub.nomor_publikasi, pub.subject, pub.region.name, str(pub.year)]
    keywords += [x for x in (pub.issn, pub.isbn) if x]
    doc = BaseDocTemplate(
        str(path),
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=pub.title,
        author="; ".join(pub.authors),
        subject=f"{pub.subject} - {pub.region.name} - {pub.year}",
        keywords=", ".join(keywords),
        creator="PST demo (demo.pdfgen)",
        lang="id-ID",
        invariant=1,
        displayDocTitle=1,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, 0, 0, 0, 0, id="main")
    cover_frame = Frame(MARGIN_X, 32 * mm, FRAME_W, PAGE_SIZE[1] - 52 * mm, 0, 0, 0, 0)
    doc.addPageTemplates(
        [
            PageTemplate("cover", [cover_frame], onPage=decor.cover),
            PageTemplate("body", [frame], onPage=decor.body),
            PageTemplate("back", [cover_frame], onPage=decor.back),
        ]
    )

    story: list[Flowable] = [NextPageTemplate("body")]
    story += _page(_cover(pub, styles))
    story += _page(_imprint(pub, pages, styles))
    story += _page(_pengantar(pub, writer, styles), [_Bookmark("pengantar", "Kata Pengantar", 0)])
    story += _page(_daftar_isi(pub, units, styles), [_Bookmark("daftar-isi", "Daftar Isi", 0)])
    counters = {"table": 0, "chart": 0}
    for unit in units:
        if unit.section == 1:
            counters = {"table": 0, "chart": 0}
        marks = []
        if unit.section == 1:
            chapter = pub.chapters[unit.chapter - 1]
            marks.append(_Bookmark(f"bab{unit.chapter}", f"Bab {unit.chapter} {chapter}", 0))
        marks.append(
            _Bookmark(
                f"bab{unit.chapter}.{unit.section}",
                f"{unit.chapter}.{unit.section} {unit.title}",
                1,
            )
        )
        story += _page(_chapter_page(pub, unit, writer, counters, styles, accent), marks)
    story.insert(-1, NextPageTemplate("back"))
    story += _page(_back_cover(pub, styles))[:-1]
    doc.build(story)
    return decor.pages
