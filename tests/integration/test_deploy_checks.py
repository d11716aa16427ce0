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


#: Every variable production needs, set to production-like values (issue #15, finding 1).
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-production-like-secret-key-for-the-check-0123456789",
    "DATABASE_URL": "postgres://pst:secret@127.0.0.1:5432/pst",
    "DJANGO_ALLOWED_HOSTS": "pst.example.go.id",
    "PST_BASE_URL": "https://pst.example.go.id",
    "PST_CACHE_URL": "redis://127.0.0.1:6379/0",
    "SIMPONI_ADAPTER": "shop.billing.simponi.interface.SimponiAdapter",
    "SIMPONI_NOTIFICATION_SECRET": "a-key-shared-with-the-simponi-feed-0123456789",
}


def _without_production_variables() -> dict[str, str]:
    return {name: "" for name in PRODUCTION_ENVIRONMENT if name != "DJANGO_SETTINGS_MODULE"}


def test_check_deploy_with_production_settings_is_clean(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        **PRODUCTION_ENVIRONMENT, PST_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [("check", "--deploy"), ("migrate", "--noinput")])
def test_production_refuses_to_start_without_its_secrets(tmp_path, command):
    """Not only ``check --deploy``: importing the settings fails, so every command stops, and
    the message names each missing variable (before the fix, only a bare KeyError for the
    secret key, and with it set the rest fell back to development defaults)."""
    result = run_manage(
        *command, **_without_production_variables(),
        DJANGO_SETTINGS_MODULE="config.settings.production", PST_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in PRODUCTION_ENVIRONMENT:
        if name != "DJANGO_SETTINGS_MODULE":
            assert f"{name} is not set" in result.stderr, name
    assert not (tmp_path / "pst.sqlite3").exists()  # migrate never ran on a fallback database


def test_production_refuses_the_development_secrets_and_the_simulator(tmp_path):
    env = {
        **PRODUCTION_ENVIRONMENT,
        "DJANGO_SECRET_KEY": "dev-only-insecure-key-change-me",
        "SIMPONI_NOTIFICATION_SECRET": "dev-only-simponi-notification-secret",
        "SIMPONI_ADAPTER": "shop.billing.simponi.simulator.SimulatorAdapter",
    }
    result = run_manage("check", **env, PST_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    for name in ("DJANGO_SECRET_KEY is the development default",
                 "SIMPONI_NOTIFICATION_SECRET is the development default",
                 "SIMPONI_ALLOW_SIMULATOR=1"):
        assert name in result.stderr
    demo = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        **{**PRODUCTION_ENVIRONMENT,
           "SIMPONI_ADAPTER": "shop.billing.simponi.simulator.SimulatorAdapter"},
        SIMPONI_ALLOW_SIMULATOR="1", PST_DATA_DIR=str(tmp_path),
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr


def test_deploy_check_names_the_development_secret_and_the_simulator(settings):
    """billing.E001/E002 for any other settings module run with ``check --deploy``."""
    from shop.billing.checks import simponi_deploy_check

    settings.SIMPONI_NOTIFICATION_SECRET = settings.DEV_SIMPONI_NOTIFICATION_SECRET
    settings.SIMPONI_ADAPTER = settings.SIMPONI_SIMULATOR
    settings.SIMPONI_ALLOW_SIMULATOR = False
    assert [e.id for e in simponi_deploy_check()] == ["billing.E001", "billing.E002"]
    settings.SIMPONI_ALLOW_SIMULATOR = True
    settings.SIMPONI_NOTIFICATION_SECRET = "a-real-shared-key"
    assert simponi_deploy_check() == []


def test_models_and_migrations_agree(tmp_path):
    result = run_manage(
        "makemigrations", "--check", "--dry-run",
        DJANGO_SETTINGS_MODULE="config.settings.test", PST_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


PO_FILE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _entries(po_text: str) -> list[dict[str, str]]:
    """Tiny .po reader: enough to find untranslated and fuzzy entries. A comment or msgid right
    after a translation starts a new entry even without a blank line (union merges of the
    catalogue leave them glued, and msgfmt reads them so)."""
    entries, current, key = [], {}, None
    for line in po_text.splitlines() + [""]:
        starts_entry = line.startswith(("#", "msgid "))
        if starts_entry and any(k.startswith("msgstr") for k in current):
            entries.append(current)
            current, key = {}, None
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
