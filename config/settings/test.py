"""Test settings: fast hashing, locmem e-mail, throwaway data folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A throwaway data folder per process; PST_TEST_DATA_DIR names one instead, so that a test can
# run a command in a subprocess on a site of its own (database file and both stores in it:
# tests/recovery, the backup and kill tests).
_TMP = Path(os.environ.get("PST_TEST_DATA_DIR") or tempfile.mkdtemp(prefix="pst-test-"))
if os.environ.get("PST_TEST_DATA_DIR") and "DATABASE_URL" not in os.environ:
    DATABASES["default"]["NAME"] = _TMP / "pst.sqlite3"
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "pst.storage.PrivateStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]

# Developer speed-up: with PST_TEST_DB=/path/file.sqlite3, the SQLite test database lives in a
# file, so ``pytest --reuse-db`` skips re-running every Wagtail/Oscar migration (new ones are
# still applied). CI leaves it unset and gets a fresh in-memory database per run.
if os.environ.get("PST_TEST_DB") and "DATABASE_URL" not in os.environ:
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["PST_TEST_DB"]
