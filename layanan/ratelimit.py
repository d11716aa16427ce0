"""Limits on the public forms of the PST services (complaints, consultations, recommendation
requests, the SKM survey, the guest book): a few submissions per IP address and, when signed
in, per account, counted in Django's cache (``PST_FORM_RATE_LIMITS``).

Why the cache and not a log: the anonymous complaint keeps no IP address by rule (issue #10:
"no personal data is kept"), so the count cannot come from the records themselves the way the
e-pustaka download limit counts its ``Download`` log (``library.services.download_record``).
A counter that expires with its window keeps nothing longer than the window. With several
processes the cache must be shared (Redis or Memcached in ``CACHES``); the per-process default
still limits each process.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

__all__ = ["FormRateLimited", "form_submission_count"]


class FormRateLimited(Exception):
    """Too many submissions of one form; ``retry_after`` seconds until the window ends."""

    def __init__(self, *, scope: str, limit: int, seconds: int, retry_after: int) -> None:
        self.scope = scope
        self.limit = limit
        self.seconds = seconds
        self.retry_after = retry_after
        super().__init__(f"{scope}: {limit} per {seconds}s; retry after {retry_after}s")

    @property
    def retry_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def _key(scope: str, who: str, window: int) -> str:
    # Hashed: the cache never holds the address itself, and any cache backend accepts the key.
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"pst:form-limit:{scope}:{digest}:{window}"


def _increment(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def form_submission_count(
    *, scope: str, ip: str | None, user=None, now: float | None = None
) -> None:
    """Count one submission of form ``scope`` for this IP address (and account); raise
    :class:`FormRateLimited` when either is past ``PST_FORM_RATE_LIMITS[scope]``. A scope with
    no entry is not limited. Fixed windows of ``seconds``: simple, and at worst twice the
    count across a window boundary, which is enough against a flood of spam."""
    rule = getattr(settings, "PST_FORM_RATE_LIMITS", {}).get(scope)
    if not rule:
        return
    limit, seconds = int(rule[0]), int(rule[1])
    now = time.time() if now is None else now
    window = int(now // seconds)
    who = [f"ip:{ip or 'unknown'}"]
    if user is not None and getattr(user, "is_authenticated", False):
        who.append(f"user:{user.pk}")
    counts = [_increment(_key(scope, name, window), seconds + 60) for name in who]
    if max(counts) > limit:
        retry_after = max(1, math.ceil((window + 1) * seconds - now))
        raise FormRateLimited(scope=scope, limit=limit, seconds=seconds, retry_after=retry_after)
