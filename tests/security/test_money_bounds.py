"""One bound on money at every boundary (issue #15, finding 2).

An amount of 15 digits or more used to be stored (SQLite does not enforce ``max_digits``), and
from then on the bendahara's desk, the statement confirmation and reconciliation answered 500.
Each boundary now refuses an amount above ``pst.money.MAX_AMOUNT`` with a message and
stores nothing; afterwards the desk still answers 200.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pst import roles
from pst.clock import office_today
from pst.money import MAX_AMOUNT, check_amount_bounds
from shop.billing import services as billing_services
from shop.billing.simponi import signing
from shop.treasury import services as treasury_services
from shop.treasury.models import ColumnMapping, PaymentException, StatementLine, TransferProof
from shop.treasury.statements import StatementError
from tests.factories import user_with_role
from tests.factories.billing import billed_order, invoiced_order, transfer_proof_post
from tests.factories.orders import png_bytes

pytestmark = pytest.mark.django_db

ABSURD = Decimal("1" + "0" * 15)  # Rp 10^15: 16 digits, more than DecimalField(14, 0) holds
JUST_ABOVE = MAX_AMOUNT + 1  # Rp 10^12: fits the columns, but beyond the documented bound


@pytest.fixture
def treasurer():
    return user_with_role(roles.TREASURER)


def _desk_still_works(client, treasurer) -> None:
    """The bendahara's pages that read every stored amount answer 200."""
    client.force_login(treasurer)
    for name in ("treasury:payments", "treasury:dashboard", "treasury:exceptions"):
        assert client.get(reverse(name)).status_code == 200, name
    today = office_today().isoformat()
    run = client.post(reverse("treasury:reconcile"), {"start": "2020-01-01", "end": today})
    assert run.status_code == 302
    assert client.get(run.url).status_code == 200


@pytest.mark.parametrize(
    ("amount", "rule"),
    [
        (MAX_AMOUNT, "the bound itself is allowed"),
        (Decimal(1), "one rupiah is allowed"),
    ],
)
def test_the_bound_admits_real_amounts(amount, rule):
    assert check_amount_bounds(amount) == amount, rule


@pytest.mark.parametrize(
    ("amount", "rule"),
    [
        (JUST_ABOVE, "above MAX_AMOUNT"),
        (ABSURD, "wider than the narrowest money column"),
        (Decimal(0), "nothing is not a payment"),
        (Decimal("-5"), "negative"),
        (Decimal("NaN"), "not a number"),
    ],
)
def test_the_bound_refuses_with_a_message(amount, rule):
    with pytest.raises(ValueError, match="999.999.999.999"):
        check_amount_bounds(amount)


def test_the_bound_fits_the_narrowest_money_field():
    from shop.billing.models import Billing

    field = Billing._meta.get_field("amount")
    assert len(str(MAX_AMOUNT)) <= field.max_digits - field.decimal_places


def test_a_signed_notification_with_an_absurd_amount_is_refused_and_stores_nothing(
    client, treasurer
):
    payload = {
        "billing_code": "799999999999999",
        "ntpn": "ABCDEF0123456789",
        "ntb": "123456789012",
        "amount": str(ABSURD),
        "paid_at": timezone.now().isoformat(),
        "bank_code": "002",
    }
    body = json.dumps(payload).encode()
    headers = signing.signed_headers(
        settings.SIMPONI_NOTIFICATION_SECRET, body, now=int(timezone.now().timestamp())
    )
    response = client.post(
        reverse("billing:simponi-notify"),
        data=body,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert not PaymentException.objects.exists()
    _desk_still_works(client, treasurer)


@pytest.mark.parametrize("amount", [ABSURD, JUST_ABOVE])
def test_a_bpn_with_an_amount_out_of_bounds_is_refused_by_the_service(treasurer, client, amount):
    with pytest.raises(billing_services.BillingError, match="999.999.999.999"):
        treasury_services.bpn_record(
            billing_code="799999999999999",
            ntpn="QWERTY1234567890",
            ntb="778899",
            amount=amount,
            paid_at=timezone.now(),
            bank_code="008",
            by=treasurer,
        )
    assert not PaymentException.objects.exists()
    _desk_still_works(client, treasurer)


def test_the_bpn_form_refuses_an_amount_above_the_bound(client, treasurer):
    client.force_login(treasurer)
    page = client.post(
        reverse("treasury:bpn-entry"),
        {
            "billing_code": "799999999999999",
            "ntpn": "QWERTY1234567890",
            "ntb": "778899",
            "amount": "1.000.000.000.000",
            "paid_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "bank_code": "008",
        },
    )
    assert page.status_code == 200
    assert "999.999.999.999" in page.content.decode()
    assert not PaymentException.objects.exists()
    _desk_still_works(client, treasurer)


def test_the_cash_form_refuses_an_amount_above_the_bound(client, treasurer):
    order, _billing = billed_order()
    client.force_login(treasurer)
    page = client.post(
        reverse("treasury:cash-entry"),
        {"invoice_number": order.current_invoice.number, "amount": "1.000.000.000.000"},
    )
    assert page.status_code == 200
    assert "999.999.999.999" in page.content.decode()
    _desk_still_works(client, treasurer)


def test_a_transfer_proof_above_the_bound_is_refused(client, treasurer):
    order = invoiced_order()
    client.force_login(order.user)
    data = transfer_proof_post() | {"amount": "10000000000000"}
    page = client.post(reverse("billing:transfer-proof-upload", args=[order.number]), data)
    assert page.status_code == 200
    assert not TransferProof.objects.exists()
    with pytest.raises(billing_services.BillingError, match="999.999.999.999"):
        treasury_services.transfer_proof_submit(
            invoice=order.current_invoice,
            buyer=order.user,
            upload=SimpleUploadedFile("bukti.png", png_bytes()),
            sender_name="Jane",
            sender_bank="DBS",
            transfer_date=office_today(),
            amount=ABSURD,
            currency="SGD",
        )
    assert not TransferProof.objects.exists()
    _desk_still_works(client, treasurer)


def test_a_statement_line_with_an_absurd_amount_rejects_the_file(client, treasurer):
    ColumnMapping.objects.create(
        name="Bank Uji",
        billing_code_column="Kode Billing",
        ntpn_column="NTPN",
        amount_column="Jumlah",
        paid_at_column="Tanggal",
    )
    day = office_today().strftime("%d/%m/%Y")
    data = (
        "Kode Billing;NTPN;Jumlah;Tanggal\r\n"
        f"820261116000001;0A1B2C3D4E5F6G7H;50.000,00;{day} 09:00\r\n"
        f"820261116000002;1A1B2C3D4E5F6G7H;{ABSURD};{day} 10:00\r\n"
    ).encode()
    with pytest.raises(StatementError) as caught:
        treasury_services.statement_import(
            file=io.BytesIO(data), bank="Bank Uji", user=treasurer, filename="mutasi.csv"
        )
    assert caught.value.line == 3
    assert "999.999.999.999" in caught.value.reason
    assert not StatementLine.objects.exists()
    _desk_still_works(client, treasurer)
