"""Project-wide promises of issue #2 that a command can check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests' conftest allows sync ORM calls under Playwright's event loop for this
    # process; a deployment never has that variable, so the checked process must not either.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_deploy_with_production_settings_is_clean(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "-production-like-secret-key-for-the-check-0123456789",
        DJANGO_ALLOWED_HOSTS="pst.example.go.id",
        PST_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_models_and_migrations_agree(tmp_path):
    result = run_manage(
        "makemigrations", "--check", "--dry-run",
        DJANGO_SETTINGS_MODULE="config.settings.test", PST_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


PO_FILE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str) -> list[dict[str, str]]:
    """Tiny .po reader: enough to find untranslated and fuzzy entries."""
    entries, current, key = [], {}, None
    for line in po_text.splitlines() + [""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = {}, None
        elif line.startswith("#,"):
            current["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[")):
            key, _, value = line.partition(" ")
            current[key] = value.strip()[1:-1]
        elif line.startswith('"') and key:
            current[key] += line.strip()[1:-1]
    return entries


def test_indonesian_catalogue_is_complete_and_compiled():
    entries = [e for e in _entries(PO_FILE.read_text(encoding="utf-8")) if e.get("msgid")]
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries
                    if not all(v for k, v in e.items() if k.startswith("msgstr"))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]
    assert untranslated == [] and fuzzy == []
    mo = PO_FILE.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= PO_FILE.stat().st_mtime - 1


@pytest.mark.skipif(not Path("/usr/bin/xgettext").exists(), reason="gettext not installed")
def test_every_translatable_string_is_in_the_indonesian_catalogue(tmp_path):
    """makemessages over the code must find nothing the committed catalogue lacks."""
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", "data", ".git", "node_modules", "__pycache__", ".pytest_cache", "staticfiles"))
    before = {e["msgid"] for e in _entries(PO_FILE.read_text(encoding="utf-8"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete",
         "--ignore=tests", "--ignore=benchmarks", "--ignore=watermark"],
        cwd=copy, env={**os.environ, "PST_DATA_DIR": str(tmp_path / "data")},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    after = {e["msgid"] for e in _entries(
        (copy / "locale/id/LC_MESSAGES/django.po").read_text(encoding="utf-8"))}
    assert sorted(after - before) == []
