"""Another person's ids on every object a buyer or a member of the public owns (issue #15:
the probe's access-control class, kept in the suite).

One buyer holds a delivered microdata order (invoice, kode billing, kuitansi, SPPD, delivery
link), a consultation and a recommendation request. A second, ordinary account asks for each of
them by URL, GET and POST: the answer must be 403 or 404 (never the object, never a redirect
that did the work), and nothing changes.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layanan import services as layanan_services
from pst import roles
from shop.billing.models import Billing
from shop.billing.simponi.simulator import teller_pay
from shop.delivery import services as delivery_services
from shop.delivery.models import DeliveryDownload, SppdUpload
from shop.treasury import services as treasury_services
from shop.treasury.models import Payment, Receipt
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order, microdata_with_master
from tests.factories.layanan import activity_plan
from tests.factories.orders import pdf_bytes

pytestmark = pytest.mark.django_db

SELECTION = {"variables": "region_code,B4K5,B7R12", "regions": "7371"}


@pytest.fixture
def owned():
    """Every kind of owned object, all belonging to one buyer."""
    order, billing = billed_order(products=[microdata_with_master()], options=SELECTION)
    buyer = order.user
    _paid, result = teller_pay(code=billing.code)
    receipt = treasury_services.receipt_issue(
        payment=result.payment, by=user_with_role(roles.TREASURER)
    )
    delivery_services.sppd_upload(
        order=order, buyer=buyer, upload=SimpleUploadedFile("sppd.pdf", pdf_bytes())
    )
    [item] = delivery_services.delivery_prepare(order=order).items
    consultation = layanan_services.consultation_open(
        user=buyer, topic="data", subject="Data kemiskinan", body="Di mana datanya?"
    )
    recommendation = layanan_services.recommendation_submit(user=buyer, plan=activity_plan())
    order.refresh_from_db()
    return {
        "order": order,
        "billing": billing,
        "receipt": receipt,
        "sppd": SppdUpload.objects.get(order=order),
        "item": item,
        "consultation": consultation,
        "recommendation": recommendation,
    }


def _urls(owned) -> list[tuple[str, str]]:
    order, invoice = owned["order"], owned["order"].current_invoice
    number = order.number
    return [
        ("get", reverse("customer:order", kwargs={"order_number": number})),
        ("get", reverse("orders:invoice", args=[number, invoice.pk])),
        ("post", reverse("billing:billing-create", args=[number])),
        ("post", reverse("billing:billing-reissue", args=[owned["billing"].pk])),
        ("get", reverse("billing:transfer-proof-upload", args=[number])),
        ("post", reverse("billing:sppd-upload", args=[number])),
        ("get", reverse("billing:sppd-file", args=[owned["sppd"].pk])),
        ("get", reverse("billing:receipt-pdf", args=[owned["receipt"].pk])),
        ("post", reverse("billing:delivery-download", args=[owned["item"].token])),
        ("get", reverse("layanan:consultation_detail", args=[owned["consultation"].pk])),
        ("post", reverse("layanan:consultation_close", args=[owned["consultation"].pk])),
        ("get", reverse("layanan:recommendation_detail", args=[owned["recommendation"].pk])),
        ("get", reverse("layanan:recommendation_letter", args=[owned["recommendation"].pk])),
    ]


def test_another_account_gets_403_or_404_on_every_owned_object(client, owned):
    client.force_login(UserFactory())
    before = (Billing.objects.count(), Payment.objects.count(), Receipt.objects.count())
    answers = {url: getattr(client, method)(url).status_code for method, url in _urls(owned)}
    assert {url: code for url, code in answers.items() if code not in (403, 404)} == {}
    assert (Billing.objects.count(), Payment.objects.count(), Receipt.objects.count()) == before
    assert not DeliveryDownload.objects.exists()
    owned["consultation"].refresh_from_db()
    assert owned["consultation"].closed_at is None


def test_the_owner_reaches_them(client, owned):
    """The same URLs answer the owner, so the test above cannot pass on broken links."""
    client.force_login(owned["order"].user)
    gets = [url for method, url in _urls(owned) if method == "get"]
    answers = {url: client.get(url).status_code for url in gets}
    # The letter exists only once the kepala has signed it.
    letter = reverse("layanan:recommendation_letter", args=[owned["recommendation"].pk])
    assert {url: code for url, code in answers.items() if code != 200 and url != letter} == {}
