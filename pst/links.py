"""Absolute links the site writes: one public base, ``settings.PST_BASE_URL``.

Every e-mail (activation, password reset, orders, services), QR code (kuitansi, letters), the
Wagtail admin (``WAGTAILADMIN_BASE_URL``) and the Sites record that Oscar's and Django's mails
read point at the same address (issue #15, finding 5: reset links said ``http://example.com/``,
order mails ``http://127.0.0.1:8000/``). Links are never built from the request's ``Host``
header, which the sender of the request chooses.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site

__all__ = ["absolute_url", "site_domain", "site_sync"]


def absolute_url(path: str) -> str:
    """``path`` (an absolute path such as ``reverse(...)`` returns) under the public base."""
    return settings.PST_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_domain() -> str:
    """The host (and port, when there is one) of the public base, as the Sites record holds it."""
    return urlsplit(settings.PST_BASE_URL).netloc


def site_sync(**kwargs) -> None:
    """Make the Sites record (``SITE_ID``) name the public base; run after every ``migrate``,
    so ``make run`` and a deployment correct Django's ``example.com`` without a hand step."""
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": site_domain(), "name": settings.PST_SITE_NAME},
    )
