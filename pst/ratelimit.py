"""Fixed-window counters for the site's rate limits, kept in Django's cache (issue #15,
finding 6): the public forms of the PST services (``layanan.ratelimit``) and the reading
budget of the e-pustaka (``library.views``).

Each counter is named by a scope and a subject (``pst.net.rate_limit_subject``: the account
when signed in, else the client address). Why the cache and not a log: the anonymous complaint
keeps no IP address by rule (issue #10: "no personal data is kept"), and a page image read
online is no record worth keeping; a counter that expires with its window keeps nothing longer
than the window. With several processes the cache must be shared (Redis or Memcached in
``CACHES``, the production-run issue); the per-process default still limits each process.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache
from django.shortcuts import render

__all__ = ["RateLimited", "rate_limit_check", "rate_limit_hit", "rate_limited_response"]


class RateLimited(Exception):
    """Past ``limit`` hits in ``seconds``; ``retry_after`` seconds until the window ends."""

    def __init__(self, *, scope: str, limit: int, seconds: int, retry_after: int) -> None:
        self.scope = scope
        self.limit = limit
        self.seconds = seconds
        self.retry_after = retry_after
        super().__init__(f"{scope}: {limit} per {seconds}s; retry after {retry_after}s")

    @property
    def retry_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def _key(scope: str, subject: str, window: int) -> str:
    # Hashed: the cache never holds the address itself, and any cache backend accepts the key.
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"pst:rate-limit:{scope}:{digest}:{window}"


def _increment(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def _refusal(scope: str, limit: int, seconds: int, window: int, now: float) -> RateLimited:
    retry_after = max(1, math.ceil((window + 1) * seconds - now))
    return RateLimited(scope=scope, limit=limit, seconds=seconds, retry_after=retry_after)


def rate_limit_hit(
    *, scope: str, subject: str, limit: int, seconds: int, now: float | None = None
) -> None:
    """Count one hit of ``subject`` in ``scope``; raise :class:`RateLimited` past ``limit`` in
    the current window of ``seconds``. Fixed windows: simple, and at worst twice the count
    across a window boundary, which is enough against a flood."""
    now = time.time() if now is None else now
    window = int(now // seconds)
    if _increment(_key(scope, subject, window), seconds + 60) > limit:
        raise _refusal(scope, limit, seconds, window, now)


def rate_limit_check(
    *, scope: str, subject: str, limit: int, seconds: int, now: float | None = None
) -> None:
    """Raise :class:`RateLimited` if ``subject`` has used up ``scope`` in this window, without
    counting a hit: for a page that leads to limited requests (the reader before its images)."""
    now = time.time() if now is None else now
    window = int(now // seconds)
    if (cache.get(_key(scope, subject, window)) or 0) >= limit:
        raise _refusal(scope, limit, seconds, window, now)


def rate_limited_response(request, template: str, limited: RateLimited, **context):
    """The 429 page of a limit: ``template`` with the minutes to wait, and ``Retry-After`` in
    seconds (RFC 9110 §10.2.3), so people and clients both know when to come back."""
    response = render(request, template, {"minutes": limited.retry_minutes, **context}, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response
