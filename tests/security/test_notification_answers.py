"""What the SIMPONI notification endpoint answers (issue #15, finding 12).

403 means "we do not trust the sender" (bad or missing signature, stale timestamp, replayed
nonce); 400 means "a trusted sender sent a body we cannot use" (a malformed amount, NTPN or
field). A correctly signed notification with a malformed field used to answer 403 when the
service, not the parser, refused it, so SIMPONI's operators were told the shop distrusted them.
Nothing is stored either way.
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from shop.billing.models import NotificationNonce
from shop.billing.simponi import signing
from shop.treasury.models import Payment, PaymentException
from tests.factories.billing import billed_order

pytestmark = pytest.mark.django_db


def _payload(billing, **changes) -> dict:
    payload = {
        "billing_code": billing.code,
        "ntpn": "ABCDEF0123456789",
        "ntb": "123456789012",
        "amount": str(billing.amount),
        "paid_at": timezone.now().isoformat(),
        "bank_code": "002",
    }
    payload.update(changes)
    return payload


def _post(client, payload, *, secret=None, now=None, nonce=None):
    body = json.dumps(payload).encode()
    headers = signing.signed_headers(
        secret or settings.SIMPONI_NOTIFICATION_SECRET,
        body,
        now=now or int(timezone.now().timestamp()),
        nonce=nonce,
    )
    return client.post(
        reverse("billing:simponi-notify"),
        data=body,
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"amount": "satu juta"}, "amount is not a number"),
        ({"amount": "1500.50"}, "amount is not whole rupiah"),
        ({"amount": "-1500"}, "amount is not above zero"),
        ({"amount": None}, "amount is missing"),
        ({"ntpn": "ABC"}, "NTPN is not 16 letters or digits (refused by payment_confirm)"),
        ({"paid_at": "kemarin"}, "paid_at is not a moment"),
    ],
)
def test_a_signed_notification_with_a_malformed_field_answers_400(client, changes, rule):
    _order, billing = billed_order()
    response = _post(client, _payload(billing, **changes))
    assert response.status_code == 400, rule
    assert response.json()["status"] == "refused"
    assert not Payment.objects.exists() and not PaymentException.objects.exists()


def test_an_untrusted_notification_still_answers_403(client):
    _order, billing = billed_order()
    payload = _payload(billing, ntpn="ABC")  # malformed too: trust is decided first
    forged = _post(client, payload, secret="not-the-shared-secret")
    stale_at = int(timezone.now().timestamp()) - settings.SIMPONI_NOTIFICATION_MAX_AGE - 5
    stale = _post(client, payload, now=stale_at)
    assert (forged.status_code, stale.status_code) == (403, 403)
    good = _payload(billing)
    assert _post(client, good, nonce="nonce-once").status_code == 200
    assert _post(client, good, nonce="nonce-once").status_code == 403  # replayed
    assert NotificationNonce.objects.count() == 1
    assert Payment.objects.count() == 1
