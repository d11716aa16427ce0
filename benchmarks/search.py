"""Search latency at 100.000 documents: the project's database backend against Wagtail's own
database search backend and a plain ``icontains`` ORM filter, over the same documents, in one
run (issue #5).

    .venv/bin/python benchmarks/search.py [--documents 100000] [--rounds 3] [--keep]

Builds a synthetic catalogue of realistic Indonesian titles and abstracts (statistical series x
regions x years, abstracts with indicator sentences, a PDF-like full text on one document in
ten), indexes it into a throwaway SQLite database (WAL, like the embedded site), then runs a
fixed set of 200 queries (80 single words, 40 quoted phrases, 40 misspellings, 40 words with a
facet filter) through:

  project   search.backends.database.DatabaseBackend.search: top 20 with highlights, exact
            counts of all six facets, total, "did you mean" on empty results
  wagtail   wagtail.search.backends.database (SQLite FTS5 as well): top 20 and the count,
            no facets, no highlights, no synonyms, no stemming beyond FTS5's; on a sample
            of the queries (--wagtail-sample, default 10), one cold run each, because its
            SQL re-runs the match once per candidate row (tens of seconds a query here)
  icontains a Django ORM filter: every word ``icontains`` in title, abstract or full text, top
            20 newest and the count: what a site without a search engine does
  fts5      raw SQLite FTS5 on the project's index: the same MATCH expression, ``ORDER BY bm25
            LIMIT 20`` plus ``count(*)``: the floor of the embedded engine (issue #21)
  tantivy   the tantivy library (Python bindings, default BM25) over the same analysed terms in
            an index on disk: the same parsed query as conjunctions of its groups, filters as
            facet tokens, top 20 and the count (issue #21); its match count is checked against
            the project's total for every query

Before the latency run it measures relevance on the realistic catalogue (benchmarks/relevance.py,
recall on the first page and MRR, project and tantivy) in the same database, then rebuilds the
index with the synthetic documents. ``--reuse`` skips that part.

and prints p50 / p95 latency (ms) and queries per second for each, and the ratios against the
project's backend. Target (issue #5): p95 under 50 ms at 100.000 documents and at least 5x
faster than icontains. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

# --reuse DIR: query a catalogue built by an earlier run with --keep (building 100.000 documents
# into both indexes takes minutes; the queries are what is measured).
REUSE = sys.argv[sys.argv.index("--reuse") + 1] if "--reuse" in sys.argv else ""
WORKDIR = Path(REUSE) if REUSE else Path(tempfile.mkdtemp(prefix="pst-bench-search-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["PST_DATA_DIR"] = str(WORKDIR)  # a throwaway database, never the site's
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from wagtail.search import index  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402
from wagtail.search.query import And, Phrase, PlainText  # noqa: E402

from search.backends.base import IndexDocument, SearchRequest  # noqa: E402
from search.backends.database import (  # noqa: E402
    BM25,
    DatabaseBackend,
    facet_token,
    fts5_filtered,
    group_alternatives,
)
from search.models import SearchDocument  # noqa: E402
from search.query import parse, synonym_groups  # noqa: E402
from search.selectors import synonyms  # noqa: E402

SEED = 2026

SERIES = (
    ("Statistik Kemiskinan", "Kemiskinan", "Persentase penduduk miskin", "Susenas"),
    ("Profil Kemiskinan", "Kemiskinan", "Garis kemiskinan per kapita", "Susenas"),
    ("Indeks Pembangunan Manusia", "Pembangunan Manusia", "Umur harapan hidup", "Susenas"),
    ("Keadaan Angkatan Kerja", "Ketenagakerjaan", "Tingkat pengangguran terbuka", "Sakernas"),
    (
        "Indikator Pasar Tenaga Kerja",
        "Ketenagakerjaan",
        "Tingkat partisipasi angkatan kerja",
        "Sakernas",
    ),
    (
        "Produk Domestik Regional Bruto Menurut Lapangan Usaha",
        "Pendapatan Nasional",
        "Laju pertumbuhan ekonomi",
        "data administrasi",
    ),
    (
        "Produk Domestik Regional Bruto Menurut Pengeluaran",
        "Pendapatan Nasional",
        "Pengeluaran konsumsi rumah tangga",
        "data administrasi",
    ),
    ("Statistik Harga Konsumen", "Harga", "Inflasi tahun kalender", "Survei Harga Konsumen"),
    ("Statistik Nilai Tukar Petani", "Harga", "Nilai tukar petani", "Survei Harga Perdesaan"),
    (
        "Luas Panen dan Produksi Padi",
        "Pertanian",
        "Produksi padi gabah kering giling",
        "Survei Kerangka Sampel Area",
    ),
    (
        "Statistik Tanaman Hortikultura",
        "Pertanian",
        "Produksi cabai dan bawang merah",
        "Survei Pertanian",
    ),
    ("Statistik Peternakan", "Pertanian", "Populasi sapi potong", "Survei Peternakan"),
    (
        "Statistik Industri Manufaktur",
        "Industri",
        "Pertumbuhan produksi industri besar",
        "Survei Industri",
    ),
    (
        "Statistik Perdagangan Luar Negeri Ekspor",
        "Perdagangan",
        "Nilai ekspor nonmigas",
        "dokumen kepabeanan",
    ),
    (
        "Statistik Perdagangan Luar Negeri Impor",
        "Perdagangan",
        "Nilai impor barang modal",
        "dokumen kepabeanan",
    ),
    ("Indikator Pendidikan", "Pendidikan", "Angka partisipasi murni sekolah menengah", "Susenas"),
    ("Statistik Kesehatan", "Kesehatan", "Keluhan kesehatan penduduk", "Susenas"),
    (
        "Statistik Kunjungan Wisatawan Mancanegara",
        "Pariwisata",
        "Kunjungan wisatawan mancanegara",
        "data imigrasi",
    ),
    (
        "Statistik Hotel dan Akomodasi",
        "Pariwisata",
        "Tingkat penghunian kamar hotel",
        "Survei Akomodasi",
    ),
    ("Statistik Transportasi Udara", "Transportasi", "Jumlah penumpang pesawat", "data bandara"),
    ("Statistik Listrik", "Energi", "Rasio elektrifikasi rumah tangga", "data PLN"),
    (
        "Statistik Keuangan Pemerintah Daerah",
        "Keuangan",
        "Pendapatan asli daerah",
        "laporan keuangan daerah",
    ),
    (
        "Statistik Lingkungan Hidup",
        "Lingkungan Hidup",
        "Rumah tangga dengan air minum layak",
        "Susenas",
    ),
    ("Proyeksi Penduduk", "Kependudukan", "Laju pertumbuhan penduduk", "Sensus Penduduk"),
    (
        "Statistik Kesejahteraan Rakyat",
        "Kesejahteraan Rakyat",
        "Rata-rata pengeluaran per kapita",
        "Susenas",
    ),
    (
        "Kecamatan Dalam Angka",
        "Statistik Umum",
        "Jumlah penduduk dan kepadatan",
        "data administrasi",
    ),
    (
        "Kabupaten Dalam Angka",
        "Statistik Umum",
        "Jumlah penduduk dan luas wilayah",
        "data administrasi",
    ),
    ("Statistik Potensi Desa", "Statistik Umum", "Desa dengan akses jalan aspal", "Podes"),
    ("Statistik Usaha Mikro Kecil", "Industri", "Jumlah usaha mikro dan kecil", "Sensus Ekonomi"),
    (
        "Distribusi Perdagangan Komoditas Beras",
        "Perdagangan",
        "Margin perdagangan beras",
        "Survei Pola Distribusi",
    ),
)
REGIONS = (
    ("0000", "Indonesia"),
    ("1100", "Provinsi Aceh"),
    ("1200", "Provinsi Sumatera Utara"),
    ("1300", "Provinsi Sumatera Barat"),
    ("1371", "Kota Padang"),
    ("1600", "Provinsi Sumatera Selatan"),
    ("3100", "Provinsi DKI Jakarta"),
    ("3200", "Provinsi Jawa Barat"),
    ("3201", "Kabupaten Bogor"),
    ("3209", "Kabupaten Cirebon"),
    ("3273", "Kota Bandung"),
    ("3300", "Provinsi Jawa Tengah"),
    ("3374", "Kota Semarang"),
    ("3400", "Provinsi DI Yogyakarta"),
    ("3500", "Provinsi Jawa Timur"),
    ("3578", "Kota Surabaya"),
    ("5100", "Provinsi Bali"),
    ("5171", "Kota Denpasar"),
    ("5200", "Provinsi Nusa Tenggara Barat"),
    ("5204", "Kabupaten Sumbawa"),
    ("6100", "Provinsi Kalimantan Barat"),
    ("6400", "Provinsi Kalimantan Timur"),
    ("7100", "Provinsi Sulawesi Utara"),
    ("7300", "Provinsi Sulawesi Selatan"),
    ("7315", "Kabupaten Pinrang"),
    ("7371", "Kota Makassar"),
    ("8100", "Provinsi Maluku"),
    ("9400", "Provinsi Papua"),
)
PERIODS = (
    "",
    "",
    "",
    "Maret",
    "September",
    "Agustus",
    "Triwulan I",
    "Triwulan II",
    "Triwulan III",
    "Triwulan IV",
    "Semester I",
    "Januari",
    "Juli",
    "Desember",
)
FREQUENCIES = ("tahunan", "semesteran", "triwulanan", "bulanan", "sekali")
TYPES = ("publikasi",) * 8 + ("data-mikro", "peta-wks")
SENTENCES = (
    "{indicator} {region} pada {year} sebesar {value} persen, {trend} {delta} persen poin "
    "dibandingkan {prev}.",
    "Publikasi ini menyajikan data {subject_l} {region} yang bersumber dari {source}.",
    "Data dirinci menurut kabupaten/kota, jenis kelamin, kelompok umur dan daerah perkotaan "
    "perdesaan.",
    "Diharapkan publikasi ini menjadi rujukan bagi pemerintah daerah, akademisi, dunia usaha "
    "dan masyarakat dalam perencanaan pembangunan.",
    "Penghitungan mengikuti konsep dan definisi yang digunakan Badan Pusat Statistik secara "
    "nasional.",
    "Angka {year} bersifat sementara dan dapat direvisi pada terbitan berikutnya.",
)


def synthetic_documents(n: int) -> list[IndexDocument]:
    rng = random.Random(SEED)
    docs = []
    for i in range(n):
        title, subject, indicator, source = rng.choice(SERIES)
        code, region = rng.choice(REGIONS)
        year = rng.randint(2010, 2026)
        period = rng.choice(PERIODS)
        full_title = " ".join(p for p in (title, region, period, str(year)) if p)
        fields = {
            "indicator": indicator,
            "region": region,
            "year": year,
            "prev": year - 1,
            "value": f"{rng.uniform(1, 99):.2f}".replace(".", ","),
            "delta": f"{rng.uniform(0, 3):.2f}".replace(".", ","),
            "trend": rng.choice(("naik", "turun")),
            "subject_l": subject.lower(),
            "source": source,
        }
        body = " ".join(s.format(**fields) for s in rng.sample(SENTENCES, 4))
        fulltext = ""
        if i % 10 == 0:
            fulltext = " ".join(s.format(**fields) for s in SENTENCES * 4)
        slug = subject.lower().replace(" ", "-")
        docs.append(
            IndexDocument(
                key=f"bench:{i}",
                doc_type=TYPES[i % len(TYPES)],
                object_id=i,
                title=full_title,
                url=f"/pustaka/bench-{i}/",
                body=body,
                meta=f"{subject} {region} {rng.randint(1000000, 9999999)}",
                fulltext=fulltext,
                year=year,
                frequency=rng.choice(FREQUENCIES),
                price_class="gratis" if i % 3 else "berbayar",
                regions=((code, region),),
                subjects=((slug, subject),),
            )
        )
    return docs


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return (
        word[:i] + word[i + 1 :]
        if rng.random() < 0.5
        else word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    )


def fixed_queries() -> list[tuple[str, str, dict]]:
    """200 (kind, text, filters): the same list in every run."""
    rng = random.Random(SEED + 1)
    single = [
        "kemiskinan",
        "penduduk",
        "pariwisata",
        "padi",
        "ekspor",
        "impor",
        "inflasi",
        "pengangguran",
        "pendidikan",
        "kesehatan",
        "hotel",
        "listrik",
        "peternakan",
        "industri",
        "beras",
        "desa",
        "makassar",
        "bandung",
        "pinrang",
        "cirebon",
        "bali",
        "papua",
        "susenas",
        "sakernas",
        "ipm",
        "pdrb",
        "wisatawan",
        "petani",
        "pesawat",
        "sapi",
        "cabai",
        "elektrifikasi",
        "keuangan",
        "proyeksi",
        "kecamatan",
        "usaha",
        "konsumsi",
        "pengeluaran",
        "sekolah",
        "lingkungan",
    ]
    phrases = [
        '"angkatan kerja"',
        '"produk domestik"',
        '"nilai tukar petani"',
        '"wisatawan mancanegara"',
        '"harga konsumen"',
        '"jawa barat"',
        '"sulawesi selatan"',
        '"usaha mikro"',
        '"air minum"',
        '"potensi desa"',
    ]
    queries: list[tuple[str, str, dict]] = []
    for k in range(80):
        queries.append(("word", single[k % len(single)], {}))
    for k in range(40):
        queries.append(("phrase", phrases[k % len(phrases)], {}))
    for k in range(40):
        long_words = [w for w in single if len(w) >= 6]
        word = long_words[k % len(long_words)]
        queries.append(("misspelt", misspell(word, rng), {}))
    facet_choices = [
        {"year": "2024"},
        {"region": "7300"},
        {"type": "data-mikro"},
        {"price": "gratis", "year": "2020"},
    ]
    for k in range(40):
        queries.append(("facet", single[k % len(single)], facet_choices[k % 4]))
    return queries


class BenchDoc(index.Indexed, models.Model):  # noqa: DJ008  (never displayed)
    """The same documents for Wagtail's own backend (a throwaway table)."""

    title = models.CharField(max_length=255)
    body = models.TextField()
    fulltext = models.TextField()
    doc_type = models.CharField(max_length=12)
    year = models.IntegerField(null=True)
    region = models.CharField(max_length=4)
    price_class = models.CharField(max_length=12)

    search_fields = [
        index.SearchField("title", boost=10),
        index.SearchField("body", boost=2),
        index.SearchField("fulltext"),
        index.FilterField("doc_type"),
        index.FilterField("year"),
        index.FilterField("region"),
        index.FilterField("price_class"),
    ]

    class Meta:
        app_label = "search"
        db_table = "bench_wagtail_doc"


def relevance_first() -> None:
    """The relevance figures on the realistic catalogue, in this run's fresh database."""
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    import relevance

    call_command("migrate", verbosity=0)
    relevance.report(relevance.load_judgements())
    print()


def build(n: int) -> None:
    print(f"database: {WORKDIR / 'pst.sqlite3'}")
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate                 {time.perf_counter() - t:7.1f} s")
    docs = synthetic_documents(n)
    t = time.perf_counter()
    DatabaseBackend().rebuild(docs, progress=lambda _n: None)
    print(f"index (project)         {time.perf_counter() - t:7.1f} s  {n} documents")
    with connection.schema_editor() as editor:
        editor.create_model(BenchDoc)
    rows = [
        BenchDoc(
            id=i + 1,
            title=d.title,
            body=d.body,
            fulltext=d.fulltext,
            doc_type=d.doc_type,
            year=d.year,
            region=d.regions[0][0],
            price_class=d.price_class,
        )
        for i, d in enumerate(docs)
    ]
    BenchDoc.objects.bulk_create(rows, batch_size=2000)
    t = time.perf_counter()
    backend = get_search_backend()
    for start in range(0, n, 5000):
        backend.add_bulk(BenchDoc, rows[start : start + 5000])
    print(f"index (wagtail)         {time.perf_counter() - t:7.1f} s")


def run_project(kind, text, filters, syn):
    return (
        DatabaseBackend()
        .search(SearchRequest(query=parse(text, syn), filters=filters, per_page=20))
        .total
    )


def _wagtail_filters(filters):
    qs = BenchDoc.objects.all()
    mapping = {"year": "year", "type": "doc_type", "region": "region", "price": "price_class"}
    for facet, value in filters.items():
        if facet == "region" and value.endswith("00") and value != "0000":
            qs = qs.filter(region__startswith=value[:2])
        else:
            qs = qs.filter(**{mapping[facet]: int(value) if facet == "year" else value})
    return qs


def run_wagtail(kind, text, filters, syn):
    backend = get_search_backend()
    words = text.strip('"').split()
    query = Phrase(" ".join(words)) if kind == "phrase" else And([PlainText(w) for w in words])
    results = backend.search(query, _wagtail_filters(filters))
    list(results[:20])
    return results.count()


def run_icontains(kind, text, filters, syn):
    qs = SearchDocument.objects.all()
    mapping = {"year": "year", "type": "doc_type", "price": "price_class"}
    for facet, value in filters.items():
        if facet == "region":
            qs = qs.filter(region_codes__contains=f"|{value}|")
        else:
            qs = qs.filter(**{mapping[facet]: int(value) if facet == "year" else value})
    words = [text.strip('"')] if kind == "phrase" else text.split()
    for word in words:
        qs = qs.filter(
            models.Q(title__icontains=word)
            | models.Q(body__icontains=word)
            | models.Q(fulltext_terms__icontains=word)
        )
    list(qs.order_by("-year", "title")[:20])
    return qs.count()


def run_fts5(kind, text, filters, syn):
    query = parse(text, syn)
    expression = fts5_filtered(query, {**filters, **query.filters})
    if not expression:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY {BM25} LIMIT 20",
            [expression],
        )
        cursor.fetchall()
        cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [expression])
        return cursor.fetchone()[0]


class TantivyBench:
    """The synthetic documents' analysed terms (as the project stores them) in tantivy."""

    FIELDS = ("title_terms", "meta_terms", "body_terms", "fulltext_terms")

    def __init__(self, n: int) -> None:
        import tantivy

        from search.backends.database import row_for

        path = WORKDIR / "tantivy"
        path.mkdir(exist_ok=True)
        builder = tantivy.SchemaBuilder()
        for field in (*self.FIELDS, "facet_terms"):
            builder.add_text_field(field)
        schema = builder.build()
        t = time.perf_counter()
        if tantivy.Index.exists(str(path)):
            self.index = tantivy.Index(schema, path=str(path), reuse=True)
        else:
            self.index = tantivy.Index(schema, path=str(path))
            writer = self.index.writer(heap_size=300_000_000, num_threads=1)
            for document in synthetic_documents(n):
                row = row_for(document)
                writer.add_document(
                    tantivy.Document(**{f: getattr(row, f) for f in (*self.FIELDS, "facet_terms")})
                )
            writer.commit()
            writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        print(f"index (tantivy)         {time.perf_counter() - t:7.1f} s")

    def query_text(self, query, filters) -> str:
        parts = []
        for group in query.groups:
            alternatives = ['"' + " ".join(alt) + '"' for alt in group_alternatives(group)]
            parts.append("+(" + " OR ".join(alternatives) + ")")
        parts += [f"+facet_terms:{facet_token(f, v)}" for f, v in sorted(filters.items())]
        return " ".join(parts)

    def run(self, kind, text, filters, syn):
        query = parse(text, syn)
        parsed = self.index.parse_query(
            self.query_text(query, {**filters, **query.filters}), list(self.FIELDS)
        )
        result = self.searcher.search(parsed, 20, count=True)
        return result.count


def measure(name, runner, queries, syn, rounds, warm=True):
    per_query = []
    for kind, text, filters in queries:
        if warm:
            runner(kind, text, filters, syn)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            runner(kind, text, filters, syn)
            times.append(time.perf_counter() - t)
        per_query.append((kind, statistics.median(times) * 1000))
    return per_query


def summary(per_query):
    ms = sorted(t for _, t in per_query)
    p50 = statistics.median(ms)
    p95 = ms[int(round(0.95 * (len(ms) - 1)))]
    qps = len(ms) / (sum(ms) / 1000)
    return p50, p95, qps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--reuse", metavar="DIR", help="query the database an earlier --keep run left"
    )
    parser.add_argument(
        "--wagtail-sample",
        type=int,
        default=10,
        help="queries for the wagtail column (spread over the 200, one run each): its SQLite "
        "backend re-runs the full-text match once per candidate row, tens of seconds a query "
        "at 100.000 documents; 200 would take hours",
    )
    parser.add_argument(
        "--backends",
        default="project,fts5,tantivy,icontains",
        help="comma-separated subset to run (the ratios need project)",
    )
    args = parser.parse_args()
    names = ("project", "fts5", "tantivy", "wagtail", "icontains")
    chosen = [b for b in names if b in args.backends.split(",")]
    if args.reuse:
        call_command("migrate", verbosity=0)  # a later migration may add to the index
        args.documents = SearchDocument.objects.count()
        args.keep = True
    else:
        relevance_first()
        build(args.documents)
    syn = synonyms() or synonym_groups([])
    queries = fixed_queries()
    assert len(queries) == 200
    results = {}
    runners = {
        "project": run_project,
        "fts5": run_fts5,
        "wagtail": run_wagtail,
        "icontains": run_icontains,
    }
    if "tantivy" in chosen:
        peer = TantivyBench(args.documents)
        runners["tantivy"] = peer.run
        same = sum(peer.run(k, t, f, syn) == run_project(k, t, f, syn) for k, t, f in queries)
        print(f"tantivy: same match count as the project in {same} of {len(queries)} queries")
    step = max(1, len(queries) // max(1, args.wagtail_sample))
    sample = list(range(0, len(queries), step))[: args.wagtail_sample]
    for name in chosen:
        runner = runners[name]
        t = time.perf_counter()
        if name == "wagtail":
            subset = [queries[i] for i in sample]
            results[name] = measure(name, runner, subset, syn, 1, warm=False)
        else:
            results[name] = measure(name, runner, queries, syn, args.rounds)
        print(f"ran {name:<10} in {time.perf_counter() - t:6.1f} s")
    print()
    print(f"{args.documents} documents, 200 queries, median of {args.rounds} runs per query")
    print(f"{'backend':<10} {'p50 ms':>8} {'p95 ms':>8} {'q/s':>8} {'p50 x':>7} {'p95 x':>7}")
    base = summary(results["project"])
    for name in chosen:
        if name == "wagtail":
            continue
        p50, p95, qps = summary(results[name])
        print(
            f"{name:<10} {p50:8.1f} {p95:8.1f} {qps:8.1f} {p50 / base[0]:7.1f} {p95 / base[1]:7.1f}"
        )
    if "wagtail" in chosen:
        # Compared on the same queries: the project's times for the sampled ones.
        own = summary([results["project"][i] for i in sample])
        p50, p95, qps = summary(results["wagtail"])
        print(
            f"{'wagtail':<10} {p50:8.1f} {p95:8.1f} {qps:8.1f} {p50 / own[0]:7.1f} "
            f"{p95 / own[1]:7.1f}   ({len(sample)} of the 200 queries, one cold run each; "
            f"project on the same: p50 {own[0]:.1f}, p95 {own[1]:.1f})"
        )
    if "fts5" in chosen:
        raw = summary(results["fts5"])
        print(
            f"project / raw fts5: p50 {base[0] / raw[0]:.2f}x, p95 {base[1] / raw[1]:.2f}x "
            "(target of issue #21: p95 within 1.5x)"
        )
    print()
    print("project backend by query kind (p50 / p95 ms):")
    for kind in ("word", "phrase", "misspelt", "facet"):
        subset = [(k, t) for k, t in results["project"] if k == kind]
        p50, p95, _ = summary(subset)
        print(f"  {kind:<9} {p50:7.1f} {p95:7.1f}")
    if not args.keep:
        import shutil

        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
