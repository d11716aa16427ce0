"""Who is asking: the client address behind the site's reverse proxies, and the name a rate
limit counts a request under (issue #15, finding 6).

Behind the reverse proxy that production assumes, ``REMOTE_ADDR`` is the proxy's own address
for every visitor, so a limit keyed on it would hold the whole site back at once. The
``X-Forwarded-For`` header carries the real address, but a client can write anything into it,
so only the entries the site's own proxies appended are believed: ``PST_TRUSTED_PROXY_COUNT``
is how many reverse proxies stand in front of Django, each appending the address it received
the request from (nginx's ``$proxy_add_x_forwarded_for``). The client is then the entry that
many places from the right (one proxy: the last entry). Whatever a client wrote in front of
that is never read. With the default ``0`` the header is ignored and the client is
``REMOTE_ADDR``. The header is parsed by django-ipware.

Every rate limit (forms of the PST services, the e-pustaka download log, reading online) and
django-axes (``AXES_CLIENT_IP_CALLABLE``) use :func:`client_ip`, so there is one answer to
"which client is this" on the whole site.
"""

from __future__ import annotations

from django.conf import settings
from ipware import get_client_ip

__all__ = ["client_ip", "rate_limit_subject"]


def client_ip(request) -> str | None:
    """The address of the client, read through ``PST_TRUSTED_PROXY_COUNT`` trusted proxies.

    A request with fewer forwarded entries than proxies did not come through all of them; its
    header proves nothing, so ``REMOTE_ADDR`` is the answer."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = int(getattr(settings, "PST_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    # django-ipware counts the proxies listed in the header after the client; the last proxy
    # appears only as REMOTE_ADDR, hence one fewer. Non-strict: extra entries on the left
    # (written by the client) are skipped, not trusted.
    forwarded, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return forwarded or remote


def rate_limit_subject(request) -> str:
    """The name a rate limit counts this request under: the account when signed in (wherever
    the person is), else the client address (``anonymous`` when there is none)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request) or 'unknown'}"
