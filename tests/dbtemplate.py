"""Test databases started from a migrated template instead of ~430 migrations each time
(issue #23, "Faster test start"; docs/testing.md, "Migrated templates").

Running every Wagtail/Oscar/project migration on an empty database takes about 50 s, a cost
each pytest run of ``make test`` paid again (sqlite, postgres, browser and twice clock). With
``PST_TEST_TEMPLATE_DIR`` set (``scripts/test.sh`` sets it to a folder it makes for the run and
deletes after), the test database is instead

- SQLite: a copy, through the sqlite3 backup API, of a file migrated once
  (``<dir>/sqlite-<fingerprint>.sqlite3``);
- PostgreSQL: ``CREATE DATABASE test_… TEMPLATE pst_template_<fingerprint>``, a database
  migrated once in the same server.

The template is only used when it matches: its name carries a **fingerprint** (sha256 over the
bytes of every migration file of every installed app, Django's version, the installed apps,
the settings files and the vendor), and it is built by ``manage.py migrate`` followed by
``makemigrations --check --dry-run``, whose answer is stored with it: when the models have
changes without a migration, the template is not used and the run migrates as before (the
``migrations`` phase reports the missing migration). A new or edited migration changes the
fingerprint, so a new template is built. The rest of Django's test database creation is
unchanged (serialisation for ``serialized_rollback``, the cache table).

Build from the command line, e.g. in the background while other phases run:

    PST_TEST_TEMPLATE_DIR=/tmp/x DATABASE_URL=postgres://… python -m tests.dbtemplate build
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import django
from django.conf import settings
from django.core import management
from django.db import connection as default_connection
from django.db import connections
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[1]

#: Run in the build's subprocess: migrate, then whether the models match the migrations.
_BUILD = """
import django, json, sys
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0, run_syncdb=True)
try:
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
    match = True
except SystemExit as exit:
    match = exit.code == 0
print(json.dumps({"models_match_migrations": match}))
"""


def enabled() -> bool:
    return bool(os.environ.get("PST_TEST_TEMPLATE_DIR"))


def fingerprint(vendor: str) -> str:
    """sha256 over everything the migrated schema and data follow from."""
    digest = hashlib.sha256()
    digest.update(f"{vendor}\n{django.get_version()}\n".encode())
    digest.update("\n".join(settings.INSTALLED_APPS).encode())
    for path in sorted((ROOT / "config" / "settings").glob("*.py")):
        digest.update(path.read_bytes())
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for key in sorted(disk):
        module = sys.modules[type(disk[key]).__module__]
        digest.update(f"{key[0]}.{key[1]}\n".encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def _folder() -> Path:
    folder = Path(os.environ["PST_TEST_TEMPLATE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One builder at a time (two pytest runs sharing the folder wait for each other)."""
    with (folder / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "PST_TEST_DB", "PST_TEST_DATA_DIR")
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    env.update(extra)
    return env


def _run_build(env: dict[str, str]) -> dict:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _BUILD], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the test database template failed:\n{done.stderr}")
    meta = json.loads(done.stdout.strip().splitlines()[-1])
    meta["build_seconds"] = round(time.monotonic() - started, 1)
    return meta


# --- SQLite ----------------------------------------------------------------------------------


def sqlite_template() -> tuple[Path, dict]:
    """The migrated template file for this fingerprint (built if missing) and its metadata."""
    folder = _folder()
    name = f"sqlite-{fingerprint('sqlite')}"
    path, meta_path = folder / f"{name}.sqlite3", folder / f"{name}.json"
    with _locked(folder):
        if not (path.exists() and meta_path.exists()):
            build = folder / f"{name}.build"
            build.mkdir(exist_ok=True)
            meta = _run_build(_build_env(PST_TEST_DATA_DIR=str(build)))
            source = sqlite3.connect(build / "pst.sqlite3")
            target = sqlite3.connect(path.with_suffix(".partial"))
            source.backup(target)  # one file, without the WAL beside it
            source.close()
            target.close()
            path.with_suffix(".partial").rename(path)
            meta_path.write_text(json.dumps(meta))
            for leftover in build.iterdir():
                leftover.unlink()
            build.rmdir()
    return path, json.loads(meta_path.read_text())


def sqlite_load(connection, template: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# --- PostgreSQL ------------------------------------------------------------------------------


def _pg_url(settings_dict: dict, name: str) -> str:
    user, password = quote(settings_dict["USER"], safe=""), quote(settings_dict["PASSWORD"] or "")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{name}"


def postgres_template(connection) -> tuple[str, dict]:
    """The name of the migrated template database for this fingerprint in the server Django
    is configured for (built if missing) and its metadata, kept as the database's comment."""
    name = f"pst_template_{fingerprint('postgresql')}"
    with connection._nodb_cursor() as cursor:
        # One builder at a time, across processes: a session-level advisory lock.
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [name])
        try:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = %s",
                [name],
            )
            row = cursor.fetchone()
            if row is None or not row[0]:
                build = f"{name}_build"
                cursor.execute(f'DROP DATABASE IF EXISTS "{build}"')
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{build}"')
                meta = _run_build(
                    _build_env(
                        DATABASE_URL=_pg_url(connection.settings_dict, build),
                        PST_TEST_DATA_DIR=str(_folder()),
                    )
                )
                cursor.execute(f'ALTER DATABASE "{build}" RENAME TO "{name}"')
                cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS %s", [json.dumps(meta)])
                row = (json.dumps(meta),)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [name])
    return name, json.loads(row[0])


def postgres_load(connection, template: str) -> None:
    """Make the test database a copy of ``template`` (created empty a moment ago by Django)."""
    test_name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}"')
        cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')


# --- the hook into Django's test database creation -------------------------------------------


def template_for(connection) -> tuple[object, dict] | None:
    if connection.vendor == "sqlite":
        return sqlite_template()
    if connection.vendor == "postgresql":
        return postgres_template(connection)
    return None


@contextlib.contextmanager
def migrate_from_template(report) -> Iterator[None]:
    """While Django creates the test databases, its ``migrate`` of the default database loads
    the template instead (when one matches); every other command runs as it would."""
    original = management.call_command

    def call_command(name, *args, **options):
        alias = options.get("database", "default")
        if name == "migrate" and alias == "default":
            connection = connections[alias]
            found = template_for(connection)
            if found is not None:
                template, meta = found
                if meta.get("models_match_migrations"):
                    started = time.monotonic()
                    if connection.vendor == "sqlite":
                        sqlite_load(connection, template)
                    else:
                        postgres_load(connection, template)
                    report(
                        f"test database from the migrated template {Path(str(template)).name} "
                        f"in {time.monotonic() - started:.1f} s (template built in "
                        f"{meta['build_seconds']} s)"
                    )
                    return None
                report("models have changes without a migration: migrating without template")
        return original(name, *args, **options)

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = original


def main(argv: list[str]) -> None:
    """``python -m tests.dbtemplate build``: build the template of the database the
    environment names (DATABASE_URL, else SQLite), for a later pytest run to find."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    if argv != ["build"]:
        raise SystemExit("usage: python -m tests.dbtemplate build")
    template, meta = template_for(default_connection)
    print(f"template {template}: {meta}")


if __name__ == "__main__":
    main(sys.argv[1:])
