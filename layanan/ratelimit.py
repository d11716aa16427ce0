"""Limits on the public forms of the PST services (complaints, consultations, recommendation
requests, the SKM survey, the guest book): a few submissions per account when signed in, else
per client address (``pst.net.rate_limit_subject``), counted by ``pst.ratelimit`` in Django's
cache (``PST_FORM_RATE_LIMITS``).

The count cannot come from the records themselves the way the e-pustaka download limit counts
its ``Download`` log (``library.services.download_record``): the anonymous complaint keeps no
IP address by rule (issue #10: "no personal data is kept").
"""

from __future__ import annotations

from django.conf import settings

from pst.ratelimit import rate_limit_hit

__all__ = ["form_submission_count"]


def form_submission_count(*, scope: str, subject: str, now: float | None = None) -> None:
    """Count one submission of form ``scope`` by ``subject``; raise ``pst.ratelimit.RateLimited``
    past ``PST_FORM_RATE_LIMITS[scope]``. A scope with no entry is not limited."""
    rule = getattr(settings, "PST_FORM_RATE_LIMITS", {}).get(scope)
    if not rule:
        return
    rate_limit_hit(scope=scope, subject=subject, limit=int(rule[0]), seconds=int(rule[1]), now=now)
