"""Production settings of the production-shaped run (issue #22): Redis through django-redis,
tasks in the database, every e-mail through the queue, and secure cookies off only for plain
HTTP on a loopback address with the redirect switched off."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_deploy_checks import PRODUCTION_ENVIRONMENT, run_manage

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'cache': s.CACHES['default']['BACKEND'], 'tasks': s.TASKS['default']['BACKEND'], "
    "'mail': s.EMAIL_BACKEND, 'sessions': s.SESSION_ENGINE, "
    "'secure': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE], "
    "'redirect': s.SECURE_SSL_REDIRECT}))"
)


def production_settings(tmp_path, **env) -> dict:
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        SHOW,
        **{**PRODUCTION_ENVIRONMENT, **env},
        PST_DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_shares_state_in_redis_and_queues_work(tmp_path):
    shown = production_settings(tmp_path)
    assert shown["cache"] == "django_redis.cache.RedisCache"
    assert shown["tasks"] == "django_tasks_db.DatabaseBackend"
    assert shown["mail"] == "pst.mail.TaskEmailBackend"
    assert shown["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert shown["secure"] == [True, True] and shown["redirect"] is True


@pytest.mark.parametrize(
    ("base_url", "redirect", "secure"),
    [
        ("http://127.0.0.1:8000", "0", False),  # make serve: plain HTTP on loopback
        ("http://localhost:8000", "0", False),
        ("http://pst.example.go.id", "0", True),  # the redirect off elsewhere: still Secure
        ("http://127.0.0.1:8000", "1", True),  # loopback but redirecting: Secure
    ],
)
def test_cookies_lose_secure_only_on_loopback_http(tmp_path, base_url, redirect, secure):
    shown = production_settings(tmp_path, PST_BASE_URL=base_url, PST_SECURE_SSL_REDIRECT=redirect)
    assert shown["secure"] == [secure, secure]
