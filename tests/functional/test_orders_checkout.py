"""Checkout of an online sale (issue #7): quote, purpose, documents checked by content; a
wrong file is refused with a message while the rest of the form is kept."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shop.order.models import Order
from shop.order.workflow import OrderStatus
from tests.factories import UserFactory
from tests.factories.catalogue import microdata_product, publication_product
from tests.factories.orders import basket_with, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

DETAILS = "/toko/checkout/payment-details/"


def _file(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def buyer(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_checkout_goes_straight_to_the_requirements_page(client, buyer):
    basket_with(buyer, [publication_product()])
    response = client.get("/toko/checkout/")
    assert response.status_code == 302
    assert response["Location"] == DETAILS
    page = client.get(DETAILS)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="checkout-quote"' in body
    assert "Rp 80.000" in body  # 120 pages: 50.000 + 2 × 15.000 (PP 13/2024)
    # a publication needs the account only (DOMAIN.md): no SPPD, identity card or abstraksi;
    # the cover letter field is there for the Rp0 box, hidden until it is ticked
    assert 'name="doc_identity"' not in body and 'name="doc_sppd"' not in body
    assert 'name="doc_abstraksi"' not in body and 'id="sppd-form-link"' not in body
    assert 'name="doc_cover_letter"' in body
    assert 'id="no-documents"' in body  # says so rather than an empty "Documents" section


def test_a_publication_is_requested_without_any_upload(
    client, buyer, django_capture_on_commit_callbacks
):
    basket_with(buyer, [publication_product()])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            DETAILS, {"purpose": "Bahan kuliah statistik ekonomi regional", "confirm_quote": "on"}
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    order = Order.objects.get()
    assert order.status == OrderStatus.SUBMITTED and not order.documents.exists()
    line = order.lines.get()
    assert line.quote_snapshot["total"] == "80000" and line.price_class == "berbayar"


def test_a_private_sector_buyer_of_a_publication_uploads_the_npwp_only(client):
    buyer = UserFactory(segment="swasta", npwp="012345678901000")
    client.force_login(buyer)
    basket_with(buyer, [publication_product()])
    response = client.post(DETAILS, {"purpose": "Riset pasar perusahaan", "confirm_quote": "on"})
    assert response.status_code == 200
    assert list(response.context["requirements_form"].errors) == ["doc_npwp"]
    assert response.context["required_kinds"] == ["npwp"]


def test_a_wrong_file_is_refused_and_the_rest_is_kept(
    client, buyer, django_capture_on_commit_callbacks
):
    basket_with(buyer, [microdata_product()])
    response = client.post(
        DETAILS,
        {
            "purpose": "Bahan kuliah statistik ekonomi regional",
            "confirm_quote": "on",
            "doc_abstraksi": _file("abstraksi.pdf", b"this is not a pdf at all"),
            "doc_sppd": _file("sppd.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bahan kuliah statistik ekonomi regional" in body  # the purpose is kept
    assert "sppd.pdf" in body  # the accepted SPPD is kept
    assert 'class="invalid-feedback d-block"' in body
    assert not Order.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            DETAILS,
            {
                "purpose": "Bahan kuliah statistik ekonomi regional",
                "confirm_quote": "on",
                "doc_abstraksi": _file("abstraksi.png", png_bytes(), "image/png"),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == OrderStatus.SUBMITTED
    assert order.user == buyer
    assert order.purpose == "Bahan kuliah statistik ekonomi regional"
    assert sorted(d.kind for d in order.documents.all()) == ["abstraksi", "sppd"]
    assert order.lines.get().price_class == "berbayar"
    assert order.events.get().to_status == OrderStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [[buyer.email]]
    assert order.number in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"%PDF-1.4 broken", "rusak.pdf"), (b"GIF89a......", "foto.gif"), (b"MZ\x90\x00", "ktp.pdf")],
)
def test_each_bad_upload_gets_its_own_message(client, buyer, content, name):
    basket_with(buyer, [microdata_product()])
    response = client.post(
        DETAILS,
        {
            "purpose": "Penelitian tesis",
            "confirm_quote": "on",
            "doc_abstraksi": _file(name, content),
            "doc_sppd": _file("sppd.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 200
    form = response.context["requirements_form"]
    assert list(form.errors) == ["doc_abstraksi"], form.errors
    assert not Order.objects.exists()


def test_microdata_needs_the_abstraksi(client, buyer):
    basket_with(buyer, [microdata_product()])
    response = client.post(
        DETAILS,
        {
            "purpose": "Analisis pasar kerja daerah",
            "confirm_quote": "on",
            "doc_sppd": _file("sppd.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 200
    assert "doc_abstraksi" in response.context["requirements_form"].errors
    assert not Order.objects.exists()


def test_the_sppd_form_is_a_pdf(client, buyer):
    response = client.get(reverse("checkout:sppd-form"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_an_unverified_buyer_cannot_open_the_requirements_page_directly(client):
    """The session mixin's preconditions (issue #2) hold on the requirements page too."""
    user = UserFactory(unverified=True)
    client.force_login(user)
    basket_with(user, [publication_product()])
    response = client.get(DETAILS)
    assert response.status_code == 302
    assert response["Location"] == "/toko/accounts/profile/"
    response = client.post(DETAILS, {"purpose": "Penelitian", "confirm_quote": "on"})
    assert response.status_code == 302 and not Order.objects.exists()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(microdata_product, ["abstraksi", "sppd"], id="what the order needs"),
        pytest.param(
            publication_product,
            ["abstraksi", "sppd", "identity", "npwp", "cover_letter"],
            id="nothing needed: any, so the officer can still ask",
        ),
    ],
)
def test_a_revision_offers_the_documents_the_order_needs_or_has(make, expected):
    from shop.order.selectors import order_page
    from tests.factories.orders import submitted_order

    order = submitted_order(products=[make()])
    assert [kind for kind, _ in order_page(order, order.user)["upload_kinds"]] == expected
