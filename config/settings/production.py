"""Production: PostgreSQL, a shared cache, secrets from the environment, HTTPS only.

Every secret and service URL comes from the environment, and this module **refuses to import**
when one is missing or still the development default: ``ImproperlyConfigured`` names each
variable, so gunicorn, ``migrate`` and every other command stop, not only ``check --deploy``
(issue #15, finding 1: the probe signed a payment notification with the secret printed in
``base.py``). The SIMPONI simulator is a demo bank; it is refused unless
``SIMPONI_ALLOW_SIMULATOR=1`` says this deployment is a demo. See docs/operations.md.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY, DEV_SIMPONI_NOTIFICATION_SECRET, SIMPONI_SIMULATOR

#: Variables without which the site would run on a development default, with what each is for.
REQUIRED_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "sessions, password-reset and download tokens",
    "DATABASE_URL": "the PostgreSQL database (postgres://user:pass@host:5432/pst)",
    "DJANGO_ALLOWED_HOSTS": "the host names the site answers to",
    "PST_BASE_URL": "the public address every e-mail, QR code and reset link points at",
    "PST_CACHE_URL": "the shared cache for rate limits and login throttling (redis://…)",
    "SIMPONI_ADAPTER": "the SIMPONI adapter class (dotted path)",
    "SIMPONI_NOTIFICATION_SECRET": "the key shared with the sender of payment notifications",
}
#: Values that are the development defaults printed in the source: never accepted here.
DEVELOPMENT_VALUES = {
    "DJANGO_SECRET_KEY": DEV_SECRET_KEY,
    "SIMPONI_NOTIFICATION_SECRET": DEV_SIMPONI_NOTIFICATION_SECRET,
}


def environment_problems(environ) -> list[str]:
    """One line per missing, default or malformed variable; empty when production may start."""
    problems = []
    for name, meaning in REQUIRED_ENVIRONMENT.items():
        value = environ.get(name, "").strip()
        if not value:
            problems.append(f"{name} is not set ({meaning}).")
        elif value == DEVELOPMENT_VALUES.get(name):
            problems.append(f"{name} is the development default printed in the source.")
    adapter = environ.get("SIMPONI_ADAPTER", "").strip()
    if adapter == SIMPONI_SIMULATOR and environ.get("SIMPONI_ALLOW_SIMULATOR") != "1":
        problems.append(
            "SIMPONI_ADAPTER is the simulator (a demo bank that marks codes paid); set "
            "SIMPONI_ALLOW_SIMULATOR=1 only for a demo deployment."
        )
    base_url = urlsplit(environ.get("PST_BASE_URL", "").strip())
    if environ.get("PST_BASE_URL") and (
        base_url.scheme not in ("http", "https") or not base_url.hostname
    ):
        problems.append(
            "PST_BASE_URL must be an absolute http(s) address, e.g. https://pst.example.go.id."
        )
    cache_url = environ.get("PST_CACHE_URL", "").strip()
    if cache_url and urlsplit(cache_url).scheme not in ("redis", "rediss"):
        problems.append("PST_CACHE_URL must be a redis:// or rediss:// address.")
    return problems


_problems = environment_problems(os.environ)
if _problems:
    raise ImproperlyConfigured(
        "config.settings.production refuses to start:\n  " + "\n  ".join(_problems)
    )

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# Shared state (issue #22): one Redis for every gunicorn worker and the task worker, so a rate
# limit counts each hit once whichever process serves it. django-redis rather than Django's own
# RedisCache: connection-pool and socket-timeout options, and a down Redis raises a clear
# ConnectionError at the first request instead of being mistaken for an empty cache.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["PST_CACHE_URL"],
        "KEY_PREFIX": "pst",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5},
    },
    # Wagtail writes every rendition it serves to this cache (``AbstractImage.get_rendition``),
    # even one the page prefetched with its image: with Redis, a round trip per thumbnail, 20 on
    # each /pustaka/ page (issue #23). The listing prefetches its covers' renditions
    # (library.selectors) and a single cover costs one indexed query, so they are not cached.
    "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
# Sessions read from Redis and written through to PostgreSQL: a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# django-axes keeps its attempts in PostgreSQL (its database handler, the default): shared by
# every process already, and the Django admin lists them (docs/operations.md).

# Tasks are queued in PostgreSQL and run by ``manage.py pst_worker`` (pst/tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECURE_SSL_REDIRECT = os.environ.get("PST_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
#: Plain HTTP on this machine only (``make serve``): the redirect switched off *and* the public
#: address a loopback one. Only then are the session and CSRF cookies sent without ``Secure``
#: (a browser would drop them on http://127.0.0.1); any other host keeps them secure.
LOOPBACK_HTTP = (
    not SECURE_SSL_REDIRECT
    and urlsplit(PST_BASE_URL).scheme == "http"  # noqa: F405
    and urlsplit(PST_BASE_URL).hostname in ("127.0.0.1", "localhost", "::1")  # noqa: F405
)
SESSION_COOKIE_SECURE = not LOOPBACK_HTTP
CSRF_COOKIE_SECURE = not LOOPBACK_HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("PST_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page in an iframe of the admin: same origin only.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# Every e-mail (ours, Oscar's, Django's password reset) is queued as a task (pst/mail.py) and
# handed by the worker to PST_EMAIL_DELIVERY_BACKEND: a slow SMTP server never holds a request.
EMAIL_BACKEND = "pst.mail.TaskEmailBackend"
PST_EMAIL_DELIVERY_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
