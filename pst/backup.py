"""Backup and restore of one site: the database and both file stores in one archive (issue #23,
"Recovery"; docs/operations.md, "Backup and restore").

The archive is a plain tar (the PDFs and the database dump are already compressed) holding

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite:
  a copy made with the sqlite3 backup API, consistent while the site writes);
- ``media/…`` (the public store) and ``private/…`` (masters, uploads, unwatermarked PDFs);
- ``manifest.json`` last: format and version, the database vendor, the migrations applied, and
  the size and sha256 of every member, so a restore checks the whole archive before it writes
  anything.

Consistency. The database is read in one snapshot: on PostgreSQL a ``REPEATABLE READ``
transaction exports its snapshot and ``pg_dump --snapshot`` dumps exactly it, and the list of
files the rows name is read in the same transaction; on SQLite the backup API copies one
consistent state. The stores are copied after the snapshot. Files are written before the rows
that name them commit and a master is never rewritten in place (a new upload gets a new
folder, ``library.ingest``), so every file the snapshot names is already there when the stores
are read; files written after the snapshot come along as harmless extras. A named file that is
missing is listed in the manifest (``missing``) and reported, never silently skipped.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files.storage import storages
from django.db import connection, models
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "pst-backup"
#: Bumped when the archive's layout changes; a restore refuses a version it does not know.
VERSION = 1
MANIFEST = "manifest.json"
#: The two file stores and the STORAGES alias each is read from.
STORES = {"media": "default", "private": "private"}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Indonesian, for the
    operator at the command line."""


@dataclass
class BackupResult:
    archive: Path
    files: int
    bytes: int
    missing: list[str] = field(default_factory=list)


# --- PostgreSQL tools ------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """Path of ``pg_dump``/``pg_restore``: ``PST_PG_BIN`` (a folder) first, then the newest
    Debian install under /usr/lib/postgresql (a tool older than the server refuses to dump it),
    then ``PATH``."""
    candidates = []
    if os.environ.get("PST_PG_BIN"):
        candidates.append(Path(os.environ["PST_PG_BIN"]) / name)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = sorted(
            (p for p in debian.iterdir() if p.name.isdigit()), key=lambda p: int(p.name)
        )
        candidates += [p / "bin" / name for p in reversed(versions)]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} tidak ditemukan: pasang klien PostgreSQL atau atur PST_PG_BIN.")
    return found


def pg_arguments(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment (the password in ``PGPASSWORD``, never on the
    command line, where ``ps`` would show it) for the database Django is connected to."""
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} gagal: {done.stderr.strip()}")


# --- what the rows name ----------------------------------------------------------------------


def _store_of(storage) -> str | None:
    for store, alias in STORES.items():
        if os.path.abspath(storages[alias].location) == os.path.abspath(storage.location):
            return store
    return None


def named_files() -> set[tuple[str, str]]:
    """Every (store, name) a FileField of any model names, read through the current
    connection (so inside the backup's snapshot)."""
    names: set[tuple[str, str]] = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.FileField):
                continue
            store = _store_of(f.storage)
            if store is None:
                continue
            values = model._base_manager.exclude(**{f.attname: ""}).exclude(
                **{f"{f.attname}__isnull": True}
            )
            names.update((store, v) for v in values.values_list(f.attname, flat=True).distinct())
    return names


def applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


# --- backup ----------------------------------------------------------------------------------


def _store_files(root: Path) -> Iterator[tuple[Path, str]]:
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            yield path, path.relative_to(root).as_posix()


class _Hashing:
    """A file object that hashes what tarfile reads from it."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, arcname: str) -> dict:
    with path.open("rb") as handle:
        info = tar.gettarinfo(fileobj=handle, arcname=arcname)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)
    return {"path": arcname, "size": info.size, "sha256": hashing.sha256.hexdigest()}


def _dump_sqlite(target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def backup_create(folder: Path) -> BackupResult:
    """Write ``pst-backup-<UTC time>.tar`` into ``folder`` (created if missing) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    archive = folder / f"pst-backup-{stamp}.tar"
    partial = archive.with_suffix(".tar.partial")
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Basis data {vendor} tidak didukung untuk cadangan.")
    with tempfile.TemporaryDirectory(prefix="pst-backup-") as scratch:
        scratch_path = Path(scratch)
        if vendor == "postgresql":
            db_member = "database.dump"
            named, migrations = _dump_postgresql(scratch_path / db_member)
        else:
            db_member = "database.sqlite3"
            _dump_sqlite(scratch_path / db_member)
            named, migrations = named_files(), applied_migrations()
        members = []
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            members.append(_add_file(tar, scratch_path / db_member, db_member))
            present: set[tuple[str, str]] = set()
            for store, alias in STORES.items():
                for path, name in _store_files(Path(storages[alias].location)):
                    members.append(_add_file(tar, path, f"{store}/{name}"))
                    present.add((store, name))
            missing = sorted(f"{store}/{name}" for store, name in named - present)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "database": {"vendor": vendor, "member": db_member},
                "migrations": migrations,
                "members": members,
                "missing": missing,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
    partial.rename(archive)
    return BackupResult(
        archive=archive,
        files=len(members) - 1,
        bytes=sum(m["size"] for m in members),
        missing=missing,
    )


def _dump_postgresql(target: Path) -> tuple[set[tuple[str, str]], list[str]]:
    """``pg_dump`` of the snapshot a REPEATABLE READ transaction exports, and the named files
    and migrations read in that same transaction."""
    args, env = pg_arguments(connection.settings_dict)
    connection.ensure_connection()
    raw = connection.connection
    previous = raw.autocommit
    raw.autocommit = True
    try:
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                _run(
                    [
                        pg_tool("pg_dump"),
                        *args,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={target}",
                        "--dbname",
                        connection.settings_dict["NAME"],
                    ],
                    env,
                )
                named, migrations = named_files(), applied_migrations()
            finally:
                cursor.execute("COMMIT")
    finally:
        raw.autocommit = previous
    return named, migrations


# --- restore ---------------------------------------------------------------------------------


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError("Arsip ini bukan cadangan PST: manifest.json tidak ada.") from None
    manifest = json.loads(tar.extractfile(member).read())
    if manifest.get("format") != FORMAT:
        raise BackupError("Arsip ini bukan cadangan PST (format tidak dikenal).")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"Cadangan versi {manifest.get('version')} tidak dapat dipulihkan oleh versi "
            f"{VERSION} ini."
        )
    return manifest


def archive_verify(archive: Path) -> dict:
    """Check every member against the manifest (size and sha256) and that nothing else is in
    the archive; return the manifest."""
    with tarfile.open(archive, "r:") as tar:
        manifest = _read_manifest(tar)
        expected = {m["path"]: m for m in manifest["members"]}
        seen = set()
        for member in tar:
            if member.name == MANIFEST:
                continue
            entry = expected.get(member.name)
            if entry is None or not member.isfile():
                raise BackupError(f"Arsip memuat {member.name} yang tidak ada di manifest.")
            digest = hashlib.sha256()
            handle = tar.extractfile(member)
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
            if digest.hexdigest() != entry["sha256"] or member.size != entry["size"]:
                raise BackupError(f"Arsip rusak: {member.name} tidak cocok dengan manifest.")
            seen.add(member.name)
        if absent := sorted(set(expected) - seen):
            raise BackupError(f"Arsip tidak lengkap: {absent[0]} hilang.")
    return manifest


def database_tables() -> list[str]:
    return connection.introspection.table_names()


def _store_is_empty(root: Path) -> bool:
    return not root.exists() or not any(root.iterdir())


def restore_check_empty() -> list[str]:
    """What stands in the way of a restore: a database with tables, a store with files."""
    occupied = []
    if tables := database_tables():
        occupied.append(f"basis data {connection.settings_dict['NAME']} ({len(tables)} tabel)")
    for store, alias in STORES.items():
        root = Path(storages[alias].location)
        if not _store_is_empty(root):
            occupied.append(f"penyimpanan {store} ({root})")
    return occupied


def _clear_targets() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in database_tables():
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
    for alias in STORES.values():
        root = Path(storages[alias].location)
        if root.exists():
            for child in root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()


def _restore_sqlite(source: Path) -> None:
    source_db = sqlite3.connect(source)
    try:
        connection.ensure_connection()
        source_db.backup(connection.connection)
    finally:
        source_db.close()


def _restore_postgresql(source: Path) -> None:
    args, env = pg_arguments(connection.settings_dict)
    connection.close()
    _run(
        [
            pg_tool("pg_restore"),
            *args,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            str(source),
        ],
        env,
    )


def backup_restore(archive: Path, *, force: bool = False) -> dict:
    """Restore ``archive`` into the configured database and stores, which must be empty unless
    ``force`` (then everything in them is removed first). The archive is verified whole before
    anything is written; the restored files are hashed again after. Returns the manifest."""
    manifest = archive_verify(archive)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"Cadangan ini dari basis data {vendor}; situs ini memakai {connection.vendor}."
        )
    if unknown := migrations_unknown(manifest):
        raise BackupError(
            f"Cadangan ini dari versi situs yang lebih baru ({len(unknown)} migrasi tidak "
            f"dikenal, mis. {unknown[0]}): pulihkan dengan versi itu."
        )
    occupied = restore_check_empty()
    if occupied and not force:
        raise BackupError(
            "Tujuan pemulihan tidak kosong: "
            + "; ".join(occupied)
            + ". Pulihkan ke basis data dan folder data yang kosong, atau tambahkan --force "
            "untuk menghapus isinya lebih dulu."
        )
    if occupied:
        _clear_targets()
    roots = {store: Path(storages[alias].location) for store, alias in STORES.items()}
    with tempfile.TemporaryDirectory(prefix="pst-restore-") as scratch, tarfile.open(
        archive, "r:"
    ) as tar:
        db_member = manifest["database"]["member"]
        tar.extract(db_member, scratch, filter="data")
        if vendor == "postgresql":
            _restore_postgresql(Path(scratch) / db_member)
        else:
            _restore_sqlite(Path(scratch) / db_member)
        for member in tar:
            store, _sep, name = member.name.partition("/")
            if store not in roots:
                continue
            roots[store].mkdir(parents=True, exist_ok=True)
            member.name = name
            tar.extract(member, roots[store], filter="data")
    for entry in manifest["members"]:
        store, _sep, name = entry["path"].partition("/")
        if store in roots and file_sha256(roots[store] / name) != entry["sha256"]:
            raise BackupError(f"Berkas {entry['path']} berbeda setelah dipulihkan.")
    return manifest


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def migrations_unknown(manifest: dict) -> list[str]:
    """Migrations the archive has applied that this code does not have: a backup of a newer
    release (restore it with that release)."""
    disk = MigrationLoader(None).disk_migrations
    # A squashed migration records the ones it replaces as applied too.
    keys = set(disk) | {key for m in disk.values() for key in m.replaces}
    known = {f"{app}.{name}" for app, name in keys}
    return sorted(set(manifest["migrations"]) - known)
