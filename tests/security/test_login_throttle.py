"""Finding 4 of issue #15: wrong passwords are throttled on every login door (django-axes).

The probe sent 30 wrong passwords to the shop login and 10 to each admin login, all answered
as ordinary failures. Now, past ``AXES_FAILURE_LIMIT`` failures for one account or from one
client address, every door answers 429 with an Indonesian message and ``Retry-After``, even to
the right password, and the administrator finds the lockout in the Django admin.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.test import override_settings

from pst import roles
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT

#: door → (login address, form field names of the account and the password)
DOORS = {
    "shop": ("/toko/accounts/login/", "login-username", "login-password", {"login_submit": "1"}),
    "wagtail": ("/cms/login/", "username", "password", {}),
    "django-admin": ("/django-admin/login/", "username", "password", {}),
}


def _try(client, door: str, email: str, password: str, ip: str = "203.0.113.7", **meta):
    url, user_field, password_field, extra = DOORS[door]
    return client.post(
        url, {user_field: email, password_field: password, **extra}, REMOTE_ADDR=ip, **meta
    )


@pytest.fixture
def staff_account(password):
    return user_with_role(roles.OFFICER, is_superuser=True)


@pytest.mark.parametrize("door", sorted(DOORS))
def test_each_login_door_locks_an_account_after_the_failure_limit(client, door, staff_account):
    for _ in range(LIMIT - 1):
        response = _try(client, door, staff_account.email, "salah-sandi-123")
        assert response.status_code == 200, "a wrong password shows the form again"
    locked = _try(client, door, staff_account.email, "salah-sandi-123")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
    text = locked.content.decode()
    assert "Terlalu banyak" in text and "15 menit" in text, text


@pytest.mark.parametrize("door", sorted(DOORS))
def test_the_right_password_is_refused_during_the_cool_down(client, door, staff_account, password):
    for _ in range(LIMIT):
        _try(client, door, staff_account.email, "salah-sandi-123")
    response = _try(client, door, staff_account.email, password, ip="198.51.100.9")
    assert response.status_code == 429, "the account itself is locked, from any address"
    assert "_auth_user_id" not in client.session


def test_the_account_count_ignores_case_and_spaces(client, user):
    spellings = [user.email.upper(), f" {user.email} ", user.email.title()]
    for index in range(LIMIT):
        spelling = spellings[index % len(spellings)]
        _try(client, "shop", spelling, "salah-sandi-123", ip=f"192.0.2.{index}")
    assert _try(client, "shop", user.email, "x", ip="192.0.2.200").status_code == 429


def test_one_client_guessing_many_accounts_is_locked(client):
    """Per client address: one address trying a password on many accounts is stopped too."""
    for index in range(LIMIT):
        _try(client, "shop", f"tebakan{index}@example.id", "Rahasia12345")
    other = UserFactory()
    assert _try(client, "shop", other.email, "Rahasia12345").status_code == 429
    # the same account from another address is not locked by that client's guesses
    assert _try(client, "shop", other.email, "x", ip="198.51.100.10").status_code == 200


def test_a_successful_login_clears_the_account_count(client, user, password):
    for _ in range(LIMIT - 1):
        _try(client, "shop", user.email, "salah-sandi-123")
    assert _try(client, "shop", user.email, password).status_code == 302
    client.logout()
    assert _try(client, "shop", user.email, "salah-sandi-123").status_code == 200


def test_the_lockout_page_is_english_for_english_visitors(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(LIMIT):
        response = _try(client, "shop", user.email, "x")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_lockouts_are_kept_for_the_administrator(client, user):
    for _ in range(LIMIT):
        _try(client, "shop", user.email, "salah-sandi-123")
    attempt = AccessAttempt.objects.get(username=user.email)
    assert attempt.failures_since_start >= LIMIT
    assert attempt.ip_address == "203.0.113.7"
    assert "salah-sandi" not in attempt.post_data, "passwords are never stored"
    assert AccessFailureLog.objects.filter(username=user.email, locked_out=True).exists()

    administrator = user_with_role(roles.ADMINISTRATOR)
    admin_client = type(client)()
    admin_client.force_login(administrator)
    page = admin_client.get("/django-admin/axes/accessattempt/")
    assert page.status_code == 200
    assert user.email in page.content.decode()


def test_registration_still_signs_the_new_account_in(client):
    """Oscar's registration calls ``authenticate()`` without a request; the throttle lets it
    through instead of answering 500."""
    response = client.post(
        "/toko/accounts/login/",
        {
            "registration-email": "baru@example.id",
            "registration-password1": "Kata-Sandi-Panjang-2026",
            "registration-password2": "Kata-Sandi-Panjang-2026",
            "registration_submit": "1",
        },
    )
    assert response.status_code in (200, 302)
    assert response.status_code != 500


@override_settings(PST_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_a_client_cannot_escape_the_count_by_writing_x_forwarded_for(client):
    """Behind one proxy the client is the one address the proxy wrote. A client that puts its
    own made-up addresses in front gets no fresh address per try: they are skipped, and the
    tries are counted, and locked, under the address the proxy saw."""
    proxy = "10.0.0.2"
    for index in range(LIMIT):
        forwarded = f"10.9.9.{index}, 203.0.113.50"
        _try(client, "shop", f"acak{index}@example.id", "x", proxy, HTTP_X_FORWARDED_FOR=forwarded)
    assert not AccessAttempt.objects.filter(ip_address__startswith="10.9.9.").exists()
    forwarded = "10.9.9.99, 203.0.113.50"
    spoofed = _try(client, "shop", "lagi@example.id", "x", proxy, HTTP_X_FORWARDED_FOR=forwarded)
    assert spoofed.status_code == 429
    honest = _try(
        client, "shop", "jujur@example.id", "x", proxy, HTTP_X_FORWARDED_FOR="198.51.100.77"
    )
    assert honest.status_code == 200
    assert AccessAttempt.objects.filter(ip_address="198.51.100.77").exists()
