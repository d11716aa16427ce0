"""Helpers of the recovery tests (issue #23, "Recovery"): a site of its own for a subprocess
(its own database and data folder), and the driver that runs one step of the site's work in
a process the test may kill (``driver.py``).

A subprocess cannot see the test's database on SQLite (it lives in memory), nor its
uncommitted rows on PostgreSQL, so these tests write committed data (``transactional_db``)
and hand the subprocess either a copy of it (``site_copy``) or an empty site (``empty_site``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.storage import storages
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Site:
    """A site on disk that subprocesses run against: its data folder, and on PostgreSQL the
    database it names."""

    folder: Path
    env: dict[str, str]
    database: str | None = None
    pauses: list[Path] = field(default_factory=list)

    def run(self, *args: str, timeout: float = 300, **extra) -> subprocess.CompletedProcess:
        """``python -m tests.recovery.driver ARGS`` on this site, waited for."""
        return subprocess.run(
            [sys.executable, "-m", "tests.recovery.driver", *args],
            cwd=ROOT,
            env={**self.env, **extra},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def manage(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def result(self, *args: str, **extra) -> dict:
        done = self.run(*args, **extra)
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def eval(self, code: str):
        return self.result("eval", code)

    def killed_at(self, pause_sql: str, *args: str, count: int = 1, timeout: float = 300) -> str:
        """Run the driver with the pause point ``pause_sql`` (driver.py), SIGKILL it as soon as
        it pauses there, and return what it had printed to stderr. Fails when the process ends
        without reaching the point."""
        marker = self.folder / f"pause-{uuid.uuid4().hex}"
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.recovery.driver", *args],
            cwd=ROOT,
            env={
                **self.env,
                "PST_TEST_PAUSE_SQL": pause_sql,
                "PST_TEST_PAUSE_COUNT": str(count),
                "PST_TEST_PAUSE_FILE": str(marker),
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + timeout
        try:
            while not marker.exists():
                if process.poll() is not None:
                    out, err = process.communicate()
                    pytest.fail(f"the step ended before its pause point {pause_sql!r}:\n{out}{err}")
                if time.monotonic() > deadline:
                    pytest.fail(f"no pause at {pause_sql!r} within {timeout} s")
                time.sleep(0.05)
            os.kill(process.pid, signal.SIGKILL)
            _out, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert process.returncode == -signal.SIGKILL
        return err

    def table_counts(self) -> dict[str, int]:
        return self.eval(COUNT_TABLES)


#: Driver code: the row count of every table of the site's database.
COUNT_TABLES = """
from django.db import connection
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
emit(counts)
"""


def table_counts() -> dict[str, int]:
    """The row count of every table of the test's own database."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``, by relative path."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _site_env(folder: Path, database_url: str | None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "PST_TEST_DB", "DJANGO_ALLOW_ASYNC_UNSAFE")
        and not k.startswith("PYTEST_")
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", PST_TEST_DATA_DIR=str(folder))
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _database_url(name: str) -> str:
    s = connection.settings_dict
    user, password = quote(s["USER"], safe=""), quote(s["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _create_database(name: str, template: str | None = None) -> None:
    """A new PostgreSQL database, empty or a copy of ``template`` (which must then have no
    other connection: Django's own is closed first)."""
    connection.close()
    with connection.cursor() as cursor:
        clause = f' TEMPLATE "{template}"' if template else ""
        cursor.execute(f'CREATE DATABASE "{name}"{clause}')


def _drop_database(name: str) -> None:
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sites(tmp_path):
    """``sites.empty()`` / ``sites.copy()``: sites for subprocesses, removed after the test."""
    made: list[Site] = []

    class Sites:
        def empty(self, name: str = "site") -> Site:
            folder = tmp_path / name
            folder.mkdir()
            database = None
            if connection.vendor == "postgresql":
                database = f"{connection.settings_dict['NAME']}_{name}_{os.getpid()}"
                _create_database(database)
            site = Site(folder, _site_env(folder, database and _database_url(database)), database)
            made.append(site)
            return site

        def copy(self, name: str = "site") -> Site:
            """The test's committed database and its two file stores as they are now, in a
            site of its own (SQLite: the backup API into the site's file; PostgreSQL:
            ``CREATE DATABASE … TEMPLATE``)."""
            folder = tmp_path / name
            folder.mkdir()
            database = None
            if connection.vendor == "postgresql":
                database = f"{connection.settings_dict['NAME']}_{name}_{os.getpid()}"
                _create_database(database, template=connection.settings_dict["NAME"])
            else:
                connection.ensure_connection()
                target = sqlite3.connect(folder / "pst.sqlite3")
                connection.connection.backup(target)
                target.close()
            for store, alias in (("media", "default"), ("private", "private")):
                source = Path(storages[alias].location)
                if source.is_dir():
                    shutil.copytree(source, folder / store)
            site = Site(folder, _site_env(folder, database and _database_url(database)), database)
            made.append(site)
            return site

    yield Sites()
    for site in made:
        if site.database:
            _drop_database(site.database)
