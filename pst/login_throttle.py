"""Failed-login throttling on every login door (issue #15, finding 4), through django-axes.

The shop login (Oscar's e-mail form), the Wagtail admin at ``/cms/`` and Django's admin at
``/django-admin/`` all end in ``django.contrib.auth.authenticate(request, ...)``; axes sits in
front of the real backends (``AUTHENTICATION_BACKENDS``), counts each failure per account and
per client address (``AXES_LOCKOUT_PARAMETERS``) and refuses further tries for
``AXES_COOLOFF_TIME``. Its tables are the audit trail the administrator reads in the Django
admin (attempts, lockouts, the log of failures). This module only adapts it to the site: one
spelling of the account name, and the Indonesian 429 page with ``Retry-After``.
"""

from __future__ import annotations

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.shortcuts import render

#: Form fields that carry the account name: Oscar's login form is prefixed ``login-``.
USERNAME_FIELDS = ("username", "email", "login-username")


def account_name(request, credentials: dict | None = None) -> str:
    """The account a login attempt names, case-folded and stripped: ``Budi@Example.id`` and
    ``budi@example.id `` are one account to the e-mail backend, so they share one count."""
    sources = [credentials or {}, getattr(request, "POST", {}) or {}]
    for source in sources:
        for field in USERNAME_FIELDS:
            value = source.get(field)
            if value:
                return str(value).strip().casefold()
    return ""


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out client sees instead of the login form: 429, in the visitor's
    language, with the cool-down in minutes and ``Retry-After`` in seconds."""
    cool_off = get_cool_off(request)
    seconds = max(1, math.ceil(cool_off.total_seconds())) if cool_off else None
    response = render(
        request,
        "pst/login_locked.html",
        {"minutes": math.ceil(seconds / 60) if seconds else None},
        status=429,
    )
    if seconds:
        response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes's guard, first in ``AUTHENTICATION_BACKENDS``.

    A call of ``authenticate()`` without a request is no login attempt from a client: Oscar's
    registration signs the new account in with the password just chosen. Axes would refuse it
    with a ``ValueError`` (a 500 on the registration form); there is nothing to count, so it
    passes on to the real backends. Every login door passes the request (Django's
    ``AuthenticationForm``), so none of them can skip the count.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
