"""Relevance on the realistic catalogue (issue #21): recall on the first page and MRR of the
project's search, against a peer search library (tantivy, default BM25), over the judged
queries of tests/data/catalogue/relevance.json.

    .venv/bin/python benchmarks/relevance.py [--per-query]

Indexes the 215 records of tests/data/catalogue/publications.json through the search index
API (``DatabaseBackend.rebuild``, the documents built as ``search.documents`` builds a
publication's, region aliases from tests/data/catalogue/regions.csv) into a throwaway SQLite
database (the integration test imports them through ``manage.py import_publications`` instead,
with the region master's aliases), and the same records into an in-memory tantivy
index (fields title, meta, body; its default tokenizer, query parser and BM25, no boosts). Each
judged query runs as the search page runs it (synonyms, region aliases, corrected results when
the words as typed find nothing); the first page is 20 results.

  recall@page1  judged-relevant records found on page 1 / all judged-relevant records, pooled
                over the queries
  MRR           mean over the queries of 1 / rank of the first judged-relevant record on
                page 1 (0 when none is there)

for the project with region aliases expanded (``SEARCH_REGION_ALIASES = "expand"``) and as a
filter (``"filter"``), and for tantivy; then per kind of query. The integration test
tests/integration/test_search_relevance.py asserts the thresholds (recall ≥ 0.9, MRR ≥ 0.7,
no worse than the peer). ``benchmarks/search.py`` runs this too before its latency run.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_DIR = REPO_ROOT / "tests" / "data" / "catalogue"
PAGE = 20


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    relevant: tuple[str, ...]


@dataclass(frozen=True)
class Scores:
    recall: float
    mrr: float
    found: int
    relevant: int
    queries: int
    per_query: tuple[tuple[Judged, list[str]], ...]

    def by_kind(self) -> dict[str, Scores]:
        kinds: dict[str, list[tuple[Judged, list[str]]]] = {}
        for judged, ranked in self.per_query:
            kinds.setdefault(judged.kind, []).append((judged, ranked))
        return {kind: score(rows) for kind, rows in kinds.items()}


def load_records() -> list[dict]:
    return json.loads((CATALOGUE_DIR / "publications.json").read_text(encoding="utf-8"))


def load_judgements() -> list[Judged]:
    rows = json.loads((CATALOGUE_DIR / "relevance.json").read_text(encoding="utf-8"))
    return [Judged(r["query"], r["kind"], tuple(r["relevant"])) for r in rows]


def load_region_entries():
    """The catalogue's regions as the region master holds them: (code, name, aliases)."""
    from search.regions import RegionEntry

    with (CATALOGUE_DIR / "regions.csv").open(encoding="utf-8", newline="") as stream:
        return [
            RegionEntry(row["code"], row["name"], tuple(a for a in row["aliases"].split("|") if a))
            for row in csv.DictReader(stream)
        ]


def _province_name(names: dict[str, str], code: str) -> str:
    return names.get(code, code)


def index_documents(records: Iterable[dict], names: dict[str, str]):
    """The records as the search index sees a publication (``search.documents``)."""
    from search.backends.base import IndexDocument, region_with_province
    from search.documents import publication_meta

    documents = []
    for record in records:
        code = record["domain"] or "0000"
        regions = tuple((c, _province_name(names, c)) for c in region_with_province(code))
        subject = record["subj"]
        subjects = ((subject.lower().replace(" ", "-"), subject),) if subject else ()
        released = date.fromisoformat(record["rl_date"]) if record["rl_date"] else None
        year = released.year if released else None
        documents.append(
            IndexDocument(
                key=f"catalogue:{record['pub_id']}",
                doc_type="publikasi",
                object_id=int(record["pub_id"]),
                title=record["title"],
                url=f"/pustaka/{record['pub_id']}/",
                body=record["abstract"],
                meta=publication_meta(
                    katalog=record["kat_no"],
                    nomor_publikasi=record["pub_no"],
                    region_code=code,
                    others=(record["issn"],),
                    subjects=subjects,
                    regions=regions,
                ),
                year=year,
                date=released,
                frequency="tahunan",
                price_class="gratis",
                regions=regions,
                subjects=subjects,
            )
        )
    return documents


def score(rows: Sequence[tuple[Judged, list[str]]]) -> Scores:
    found = relevant = 0
    reciprocal = 0.0
    for judged, ranked in rows:
        page = ranked[:PAGE]
        wanted = set(judged.relevant)
        found += len(wanted & set(page))
        relevant += len(wanted)
        rank = next((i for i, key in enumerate(page, 1) if key in wanted), None)
        reciprocal += 1 / rank if rank else 0.0
    return Scores(
        recall=found / relevant if relevant else 0.0,
        mrr=reciprocal / len(rows) if rows else 0.0,
        found=found,
        relevant=relevant,
        queries=len(rows),
        per_query=tuple(rows),
    )


def evaluate(run: Callable[[str], list[str]], judgements: Sequence[Judged]) -> Scores:
    return score([(judged, run(judged.query)) for judged in judgements])


def ids_by_title() -> dict[str, str]:
    """Record id by title (the titles of the catalogue are unique, ``build_catalogue.py``
    checks): how a hit, a page or a peer's document is traced back to its record."""
    return {record["title"]: record["pub_id"] for record in load_records()}


def project_runner(mode: str, entries) -> Callable[[str], list[str]]:
    """The search page's own path (``search.selectors.search_page``), first page."""
    from search.regions import Aliases
    from search.selectors import search_page

    aliases = Aliases.of(entries)
    by_title = ids_by_title()

    def run(text: str) -> list[str]:
        found = search_page(raw=text, params={}, aliases=aliases, mode=mode)
        hits = found.results.hits if found.results else ()
        return [by_title.get(hit.title, hit.title) for hit in hits]

    return run


class TantivyPeer:
    """The same records in tantivy with its defaults: default tokenizer (lower-cased words of
    letters and digits), BM25, the query parser's OR of the words over title, meta and body."""

    FIELDS = ("title", "meta", "body")

    def __init__(self, documents, path: str | None = None) -> None:
        import tantivy

        self.by_title = ids_by_title()
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("key", stored=True, tokenizer_name="raw")
        for field in self.FIELDS:
            builder.add_text_field(field)
        self.index = tantivy.Index(builder.build(), path=path)
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        for document in documents:
            writer.add_document(
                tantivy.Document(
                    key=self.by_title.get(document.title, document.key),
                    title=document.title,
                    meta=document.meta,
                    body=document.body,
                )
            )
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def search(self, text: str, limit: int = PAGE) -> tuple[list[str], int]:
        query, _errors = self.index.parse_query_lenient(text, list(self.FIELDS))
        result = self.searcher.search(query, limit, count=True)
        keys = [self.searcher.doc(address)["key"][0] for _score, address in result.hits]
        return keys, result.count

    def run(self, text: str) -> list[str]:
        return self.search(text)[0]


def index_catalogue():
    """Index the catalogue with the project's backend; returns (documents, region entries)."""
    from search.backends.database import DatabaseBackend

    entries = load_region_entries()
    names = {e.code: e.name for e in entries}
    documents = index_documents(load_records(), names)
    DatabaseBackend().rebuild(documents, progress=lambda _n: None)
    return documents, entries


def import_catalogue():
    """The catalogue as a librarian brings it in: ``manage.py import_publications`` into the
    library (issue #21: every record imported, flaws kept and listed), then the search index
    rebuilt from the published pages, and the region entries of the site's region master.
    Needs the library's page tree (``tests.factories.library.library_structure`` in tests)."""
    from io import StringIO

    from django.core.management import call_command

    from search import documents, services
    from search.regions import entries_from_database

    call_command(
        "import_publications",
        str(CATALOGUE_DIR / "publications.json"),
        "--no-progress",
        stdout=StringIO(),
    )
    services.search_reindex(extract=False)
    return list(documents.all_documents()), entries_from_database()


def report(judgements: Sequence[Judged], *, per_query: bool = False) -> dict[str, Scores]:
    """Index, evaluate the project (both alias modes) and tantivy, print the table."""
    documents, entries = index_catalogue()
    results = {
        "project (expand)": evaluate(project_runner("expand", entries), judgements),
        "project (filter)": evaluate(project_runner("filter", entries), judgements),
        "tantivy": evaluate(TantivyPeer(documents).run, judgements),
    }
    kinds = sorted({j.kind for j in judgements})
    print(
        f"{len(documents)} records, {len(judgements)} judged queries "
        f"({sum(len(j.relevant) for j in judgements)} judgements), first page of {PAGE}"
    )
    print(f"{'':<18} {'recall@p1':>9} {'MRR':>6}  " + "  ".join(f"{k[:12]:>12}" for k in kinds))
    for name, scores in results.items():
        parts = scores.by_kind()
        cells = "  ".join(f"{parts[k].recall:5.2f}/{parts[k].mrr:4.2f}" for k in kinds)
        print(f"{name:<18} {scores.recall:9.3f} {scores.mrr:6.3f}  {cells}")
    print("(per kind: recall/MRR)")
    if per_query:
        for name, scores in results.items():
            print(f"\n{name}: queries below full recall")
            for judged, ranked in scores.per_query:
                missing = set(judged.relevant) - set(ranked[:PAGE])
                if missing:
                    print(f"  {judged.query!r:<45} missing {sorted(missing)} got {ranked[:5]}")
    return results


def setup_throwaway_django() -> Path:
    workdir = Path(tempfile.mkdtemp(prefix="pst-bench-relevance-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["PST_DATA_DIR"] = str(workdir)  # a throwaway database, never the site's
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(REPO_ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir


def main() -> None:
    import argparse
    import shutil

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-query", action="store_true", help="list the queries that miss")
    args = parser.parse_args()
    workdir = setup_throwaway_django()
    try:
        report(load_judgements(), per_query=args.per_query)
    finally:
        from django.db import connection

        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
