"""Finding 6 of issue #15: rate limits were keyed on the raw ``REMOTE_ADDR``.

Behind the production reverse proxy every visitor arrives from the proxy's address, so five
complaints an hour from anyone blocked everyone. Now the client is read through
``PST_TRUSTED_PROXY_COUNT`` trusted proxies (``pst.net.client_ip``, django-ipware), never from a
raw ``X-Forwarded-For``; signed-in users are limited per account. The same address feeds axes.
"""

from __future__ import annotations

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
from django.urls import reverse

from layanan.models import Complaint, Consultation
from pst.net import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.PST_FORM_RATE_LIMITS = {"complaint": (2, 3600), "consultation": (2, 3600)}


def _complain(client, n: int, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": PROXY}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    data = {"service": "perpustakaan", "what": f"Keluhan ke-{n}", "anonymous": "on"}
    return client.post(reverse("layanan:complaint_create"), data, **meta)


def test_behind_one_proxy_two_clients_are_counted_separately(client, settings):
    settings.PST_TRUSTED_PROXY_COUNT = 1
    statuses = [_complain(client, n, "203.0.113.10").status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    # Another visitor behind the same proxy is not held back by the first.
    assert _complain(client, 4, "198.51.100.20").status_code == 200
    assert Complaint.objects.count() == 3


def test_behind_one_proxy_what_the_client_writes_in_front_is_skipped(client, settings):
    settings.PST_TRUSTED_PROXY_COUNT = 1
    statuses = [_complain(client, n, f"10.9.9.{n}, 203.0.113.10").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_without_trusted_proxies_a_spoofed_x_forwarded_for_is_ignored(client, settings):
    settings.PST_TRUSTED_PROXY_COUNT = 0
    statuses = [_complain(client, n, f"203.0.113.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    assert Complaint.objects.count() == 2


def test_a_signed_in_user_is_counted_per_account_not_per_address(client, settings, user):
    """Two accounts behind one office address each have their own count, and one account
    cannot escape its count by changing address."""
    settings.PST_TRUSTED_PROXY_COUNT = 0
    url = reverse("layanan:consultation_create")

    def consult(n, address):
        data = {"topic": "data", "subject": f"S{n}", "body": "Q"}
        return client.post(url, data, REMOTE_ADDR=address).status_code

    client.force_login(user)
    assert [consult(n, "192.0.2.1") for n in range(2)] == [302, 302]
    assert consult(3, "192.0.2.99") == 429
    client.force_login(UserFactory())
    assert consult(4, "192.0.2.1") == 302
    assert Consultation.objects.count() == 3


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, PROXY, "203.0.113.5", PROXY),  # no trusted proxy: the header is not read
        (1, PROXY, "203.0.113.5", "203.0.113.5"),  # nginx wrote the client
        (1, PROXY, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # the client's own entry skipped
        (2, PROXY, "1.2.3.4, 203.0.113.5, 10.0.0.3", "203.0.113.5"),  # two proxies
        (2, PROXY, "203.0.113.5", PROXY),  # fewer entries than proxies: proves nothing
        (1, "198.51.100.7", None, "198.51.100.7"),  # no header at all
    ],
)
def test_client_ip_and_axes_read_the_same_address(settings, proxies, remote, forwarded, expected):
    settings.PST_TRUSTED_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    assert client_ip(request) == expected
    assert get_client_ip_address(request) == expected
