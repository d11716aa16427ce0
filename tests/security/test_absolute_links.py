"""Every absolute link the site writes points at the one public base (issue #15, finding 5).

Before the fix the Sites record kept Django's ``example.com`` (password-reset mails), the
activation link followed the request's ``Host`` header, and ``WAGTAILADMIN_BASE_URL`` and
``PST_BASE_URL`` were two settings for one address.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from pst.links import absolute_url, site_sync
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://pst.example.go.id"
ROOT = Path(__file__).resolve().parents[2]


def _links(message) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", message.body)


def test_migrate_leaves_the_sites_record_on_the_public_base():
    """The test database was built by ``migrate``: its post_migrate hook renamed the record."""
    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.domain == urlsplit(settings.PST_BASE_URL).netloc != "example.com"


def test_one_setting_names_the_public_base():
    """Set PST_BASE_URL alone, as a deployment does: the Wagtail admin's base and the scheme of
    Oscar's mails follow it (before, WAGTAILADMIN_BASE_URL was read on its own and Oscar's
    mails said http:// whatever the base)."""
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import django; django.setup(); from django.conf import settings as s; "
                "print(s.WAGTAILADMIN_BASE_URL, s.OSCAR_URL_SCHEMA)"
            ),
        ],
        cwd=ROOT,
        env={
            **environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PST_BASE_URL": PUBLIC + "/",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [PUBLIC, "https"]


def test_password_reset_mail_links_to_the_public_base(client, settings):
    settings.PST_BASE_URL = PUBLIC
    settings.OSCAR_URL_SCHEMA = "https"
    site_sync()
    user = UserFactory(email="pembaca@example.org")
    client.post(reverse("password-reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    links = _links(mail.outbox[0])
    assert links and all(link.startswith(PUBLIC + "/") for link in links), links


@pytest.mark.usefixtures("commits_at_the_service")  # the activation mail leaves after commit
def test_activation_link_ignores_the_host_header(client, settings):
    """The sender of a request chooses its Host header; the link must not follow it."""
    settings.PST_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    user = UserFactory(unverified=True)
    client.force_login(user)
    client.post(reverse("customer:resend-activation"), HTTP_HOST="attacker.example")
    assert len(mail.outbox) == 1
    links = _links(mail.outbox[0])
    assert links and all(link.startswith(PUBLIC + "/") for link in links), links


def test_absolute_url_joins_without_doubled_slashes(settings):
    settings.PST_BASE_URL = PUBLIC
    assert absolute_url("/bayar/") == PUBLIC + "/bayar/"
    assert absolute_url("bayar/") == PUBLIC + "/bayar/"


def test_password_reset_requests_are_limited_per_address_and_client(client, settings):
    """Before the fix 15 requests sent 15 e-mails (issue #15, finding 5)."""
    settings.PST_PASSWORD_RESET_RATE_LIMITS = {"client": (5, 3600), "email": (3, 3600)}
    user = UserFactory(email="korban@example.org")
    answers = [
        client.post(reverse("password-reset"), {"email": user.email}).status_code for _ in range(5)
    ]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    limited = client.post(reverse("password-reset"), {"email": user.email})
    assert "Retry-After" in limited and "terlalu sering" in limited.content.decode()
    # Another client may not flood the same mailbox either; other addresses still work
    # from a fresh client.
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("password-reset"), {"email": user.email}).status_code == 429
    assert other.post(reverse("password-reset"), {"email": "lain@example.org"}).status_code == 302
