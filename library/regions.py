"""The region master (issue #21, docs/regions.md): every province, kabupaten/kota, kecamatan and
desa with the office's (BPS) code, its Kemendagri code, official name and the other names people
write.

Two public lists are shipped in ``library/data/regions/`` and joined here, purely (no database):

* the **Kemendagri list** (``provinces.csv``, ``regencies.csv``, ``districts.csv``,
  ``villages.csv.gz``): Kepmendagri 300.2.2-2L38 Tahun 2025, as packaged by ``idn-area-data``
  4.0.1 (npm, ODbL). Official names and the current tree, Papua's 2022 provinces included.
* the **BPS–Kemendagri bridging** (``bps-bridging-kabkota.csv``, ``bps-bridging-kecamatan.csv``):
  sig.bps.go.id/bridging-kode, Kode Wilayah Kerja Statistik 2020 semester 2, saved on
  22 May 2022. The office's codes for kabupaten/kota and kecamatan.

The BPS code is what the site shows and stores (``Region.code``). Where the bridging predates a
change (the regencies moved to Papua Selatan, Tengah, Pegunungan and Barat Daya in 2022) the
BPS code is derived (the new province's code + the regency's rank in the office's old order)
and marked ``derived``; the old BPS code stays an alias, so records that carry it still resolve.
``sync_regions`` writes rows into the ``Region`` table; the data migration and
``manage.py load_regions`` call it.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "regions"

NATIONAL_CODE = "0000"

#: Kemendagri province code → BPS province code. Equal everywhere except Papua: BPS kept 91 for
#: Papua Barat and 94 for Papua, and gave the 2022 provinces 92, 95, 96 and 97.
KEMENDAGRI_TO_BPS_PROVINCE = {
    "91": "94",
    "92": "91",
    "93": "95",
    "94": "96",
    "95": "97",
    "96": "92",
}

#: The Kemendagri codes of the provinces formed in 2022 (UU 14, 15, 16 and 29 of 2022).
PAPUA_2022 = frozenset({"93", "94", "95", "96"})

LEVELS = ("nasional", "provinsi", "kabupaten", "kota", "kecamatan", "desa")


@dataclass(frozen=True)
class RegionRow:
    """One region of the master as the site stores it."""

    code: str
    name: str
    level: str
    parent_code: str | None
    kemendagri_code: str = ""
    aliases: tuple[str, ...] = ()
    derived: bool = False  # the BPS code is derived, not read from the bridging list


def _read_csv(name: str) -> list[dict]:
    path = DATA_DIR / name
    if name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream))
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _digits(code: str) -> str:
    return code.replace(".", "")


def _bare(name: str) -> str:
    """A name compared loosely: no level prefix, case, spaces, dots or hyphens."""
    name = re.sub(r"^(kabupaten|kab\.?|kota|kec\.?|kecamatan)\s+", "", name.strip().lower())
    name = re.sub(r"^(administrasi|adm\.)\s+", "", name)
    return re.sub(r"[\s.\-']", "", name)


def _title(name: str) -> str:
    """BPS lists write names in capitals; a name shown to readers is in title case."""
    return " ".join(word.capitalize() if word.isalpha() else word for word in name.split())


@cache
def hand_aliases() -> dict[str, tuple[str, ...]]:
    """The abbreviations and former names kept by hand (``aliases.csv``), by BPS code."""
    return {
        row["code"]: tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        for row in _read_csv("aliases.csv")
    }


def _merge(*groups: Iterable[str], name: str) -> tuple[str, ...]:
    seen = {name.casefold()}
    merged = []
    for group in groups:
        for alias in group:
            if alias and alias.casefold() not in seen:
                seen.add(alias.casefold())
                merged.append(alias)
    return tuple(merged)


def bps_province(kemendagri: str) -> str:
    """The BPS domain code of a province from its 2-digit Kemendagri code (``93`` → ``9500``)."""
    return KEMENDAGRI_TO_BPS_PROVINCE.get(kemendagri, kemendagri) + "00"


def national() -> RegionRow:
    return RegionRow(NATIONAL_CODE, "Indonesia", "nasional", None, aliases=("Nasional", "RI"))


def provinces() -> list[RegionRow]:
    rows = []
    for row in _read_csv("provinces.csv"):
        code = bps_province(row["code"])
        rows.append(
            RegionRow(
                code=code,
                name=row["name"],
                level="provinsi",
                parent_code=NATIONAL_CODE,
                kemendagri_code=row["code"],
                aliases=_merge(hand_aliases().get(code, ()), name=row["name"]),
            )
        )
    return rows


@dataclass
class _KabKota:
    row: RegionRow
    bridging_dagri: str  # the Kemendagri code the 2020 bridging list knew it by (4 digits)
    old_bps: str  # its BPS code in the bridging list
    extra: list[str] = field(default_factory=list)


@cache
def _kabkota() -> dict[str, _KabKota]:
    """Kabupaten/kota by Kemendagri code (dotted), joined to the bridging list."""
    bridging = _read_csv("bps-bridging-kabkota.csv")
    by_dagri = {row["kode_dagri"]: row for row in bridging}
    found: dict[str, _KabKota] = {}
    moved: dict[str, list[tuple[dict, dict]]] = {}
    for row in _read_csv("regencies.csv"):
        province = row["province_code"]
        match = by_dagri.get(_digits(row["code"]))
        # Kemendagri renumbered only the regencies of the 2022 Papua provinces since 2020.
        if match is not None and province not in PAPUA_2022:
            found[row["code"]] = _kabkota_entry(row, match, match["kode_bps"], derived=False)
            continue
        # A regency of a 2022 Papua province: found by name among the old Papua regencies.
        is_city = row["name"].startswith("Kota ")
        candidates = [
            b
            for b in bridging
            if b["kode_bps"][:2] in ("91", "94")
            and _bare(b["nama_dagri"]) == _bare(row["name"])
            and b["nama_dagri"].startswith("KOTA") == is_city
        ]
        if len(candidates) != 1:
            raise ValueError(f"regency {row['code']} {row['name']} is not in the bridging list")
        moved.setdefault(province, []).append((row, candidates[0]))
    for province, pairs in moved.items():
        prefix = bps_province(province)[:2]
        regencies = sorted(
            (p for p in pairs if not p[0]["name"].startswith("Kota ")),
            key=lambda p: p[1]["kode_bps"],
        )
        cities = sorted(
            (p for p in pairs if p[0]["name"].startswith("Kota ")), key=lambda p: p[1]["kode_bps"]
        )
        numbered = [(f"{prefix}{n:02d}", p) for n, p in enumerate(regencies, start=1)]
        numbered += [(f"{prefix}{n:02d}", p) for n, p in enumerate(cities, start=71)]
        for code, (row, match) in numbered:
            found[row["code"]] = _kabkota_entry(row, match, code, derived=True)
    return found


def _kabkota_entry(row: dict, match: dict, code: str, *, derived: bool) -> _KabKota:
    name = row["name"]
    extra = []
    if derived:
        extra.append(match["kode_bps"])  # the former BPS code
    bps_name = _title(match["nama_bps"])
    prefix = "Kota" if name.startswith("Kota ") else "Kabupaten"
    if _bare(bps_name) != _bare(name):
        extra.append(f"{prefix} {bps_name}")
    if prefix == "Kabupaten":
        extra.append("Kab. " + name.removeprefix("Kabupaten ").removeprefix("Administrasi "))
    region = RegionRow(
        code=code,
        name=name,
        level="kota" if prefix == "Kota" else "kabupaten",
        parent_code=bps_province(row["province_code"]),
        kemendagri_code=row["code"],
        aliases=_merge(hand_aliases().get(code, ()), extra, name=name),
        derived=derived,
    )
    return _KabKota(region, match["kode_dagri"], match["kode_bps"])


def kabupaten_kota() -> list[RegionRow]:
    return sorted((k.row for k in _kabkota().values()), key=lambda r: r.code)


def master() -> list[RegionRow]:
    """The nation, the 38 provinces and the 514 kabupaten/kota: what the migration loads."""
    return [national(), *provinces(), *kabupaten_kota()]


@cache
def _kecamatan() -> dict[str, RegionRow]:
    """Kecamatan by Kemendagri code (dotted)."""
    bridging: dict[str, dict] = {}
    by_kab: dict[str, list[dict]] = {}
    for row in _read_csv("bps-bridging-kecamatan.csv"):
        bridging[row["kode_dagri"]] = row
        by_kab.setdefault(row["kode_bps"][:4], []).append(row)
    kabkota = _kabkota()
    taken: set[str] = set()
    result: dict[str, RegionRow] = {}
    for row in _read_csv("districts.csv"):
        kab = kabkota[row["regency_code"]]
        suffix = _digits(row["code"])[-2:]
        match = bridging.get(kab.bridging_dagri + suffix)
        if match is None or _bare(match["nama_dagri"]) != _bare(row["name"]):
            same_name = [
                b for b in by_kab.get(kab.old_bps, []) if _bare(b["nama_bps"]) == _bare(row["name"])
            ]
            match = same_name[0] if len(same_name) == 1 else None
        code, extra = row["code"], []
        if match is not None:
            old = match["kode_bps"]
            code = kab.row.code + old[4:]
            if code != old:
                extra.append(old)
            if _bare(match["nama_bps"]) != _bare(row["name"]):
                extra.append(_title(match["nama_bps"]))
        if code in taken:
            code, extra = row["code"], []
        taken.add(code)
        result[row["code"]] = RegionRow(
            code=code,
            name=row["name"],
            level="kecamatan",
            parent_code=kab.row.code,
            kemendagri_code=row["code"],
            aliases=_merge(extra, name=row["name"]),
            derived=kab.row.derived and match is not None,
        )
    return result


def kecamatan() -> list[RegionRow]:
    return list(_kecamatan().values())


def desa() -> Iterator[RegionRow]:
    """Desa and kelurahan: Kemendagri codes only (no bridging list for them is shipped), so
    their ``code`` is the dotted Kemendagri code until the office's 10-digit code is known."""
    districts = _kecamatan()
    with gzip.open(DATA_DIR / "villages.csv.gz", "rt", encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            yield RegionRow(
                code=row["code"],
                name=row["name"],
                level="desa",
                parent_code=districts[row["district_code"]].code,
                kemendagri_code=row["code"],
            )


def rows_for(level: str) -> Iterable[RegionRow]:
    """The rows of one level of ``load_regions --level``: ``master``, ``kecamatan``, ``desa``."""
    if level == "master":
        return master()
    if level == "kecamatan":
        return kecamatan()
    if level == "desa":
        return desa()
    raise ValueError(level)


# --- Writing ------------------------------------------------------------------------------------


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def sync_regions(region_model, rows: Iterable[RegionRow], *, batch_size: int = 2000) -> SyncResult:
    """Create or complete the regions of ``rows`` (parents before children), idempotently.

    An existing region keeps its name (a librarian may have curated it; the official name then
    becomes an alias) and its id, so every page, product and order that points at it still does.
    Works on the historical model of a migration as on the real one."""
    result = SyncResult()
    ids = dict(region_model.objects.values_list("code", "id"))
    pending: list[RegionRow] = []

    def flush() -> None:
        if not pending:
            return
        existing = {
            r.code: r for r in region_model.objects.filter(code__in=[p.code for p in pending])
        }
        new, changed = [], []
        for row in pending:
            parent_id = ids.get(row.parent_code) if row.parent_code else None
            region = existing.get(row.code)
            if region is None:
                new.append(
                    region_model(
                        code=row.code,
                        name=row.name,
                        level=row.level,
                        parent_id=parent_id,
                        kemendagri_code=row.kemendagri_code,
                        aliases="\n".join(row.aliases),
                    )
                )
                continue
            current = [a.strip() for a in region.aliases.splitlines() if a.strip()]
            aliases = "\n".join(_merge(current, [row.name], row.aliases, name=region.name))
            values = {
                "level": row.level,
                "parent_id": parent_id,
                "kemendagri_code": row.kemendagri_code,
                "aliases": aliases,
            }
            if all(getattr(region, k) == v for k, v in values.items()):
                result.unchanged += 1
                continue
            for key, value in values.items():
                setattr(region, key, value)
            changed.append(region)
        region_model.objects.bulk_create(new, batch_size=batch_size)
        if changed:
            region_model.objects.bulk_update(
                changed, ["level", "parent", "kemendagri_code", "aliases"], batch_size=batch_size
            )
        result.created += len(new)
        result.updated += len(changed)
        ids.update(
            region_model.objects.filter(code__in=[p.code for p in pending]).values_list(
                "code", "id"
            )
        )
        pending.clear()

    level_of_previous = None
    for row in rows:
        # Parents come first in every list; a new level means the previous one is written.
        if (
            level_of_previous is not None
            and row.level != level_of_previous
            and (LEVELS.index(row.level) > LEVELS.index(level_of_previous))
        ):
            flush()
        level_of_previous = row.level
        pending.append(row)
        if len(pending) >= batch_size:
            flush()
    flush()
    return result
