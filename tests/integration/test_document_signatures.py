"""Documents are signed with the signer's name and NIP from the staff profile (issue #17):
invoice (Petugas PST), kuitansi (Bendahara Penerimaan), recommendation letter (Kepala)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from layanan import services as layanan_services
from pst import roles
from pst.models import validate_nip
from pst.pdfdoc import render_pdf
from shop.billing.simponi.simulator import teller_pay
from shop.treasury import services
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order, invoiced_order
from tests.factories.layanan import drafted_recommendation

pytestmark = pytest.mark.django_db


def _text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_invoice_is_signed_with_the_officers_name_and_nip():
    officer = user_with_role(roles.OFFICER, full_name="Andi Pratama", nip="199005142014031001")
    text = _text(invoiced_order(officer=officer).current_invoice.pdf)
    assert "Andi Pratama" in text and "NIP 199005142014031001" in text
    assert "(Petugas PST)" not in text  # the role is the line above, not part of the name


def test_the_kuitansi_keeps_the_nip_the_bendahara_had_when_it_was_issued():
    treasurer = user_with_role(roles.TREASURER, full_name="Dewi Lestari", nip="198811062012122002")
    _order, billing = billed_order()
    _paid, result = teller_pay(code=billing.code)
    receipt = services.receipt_issue(payment=result.payment, by=treasurer)
    treasurer.nip = "198811062012122099"
    treasurer.save()
    text = _text(receipt.pdf)
    assert "Dewi Lestari" in text and "NIP 198811062012122002" in text
    assert "NIP 198811062012122002" in _pdf_text(
        render_pdf(services.receipt_document(receipt))
    )


def test_the_recommendation_letter_carries_the_heads_nip():
    head = user_with_role(
        roles.HEAD_OF_OFFICE, full_name="Ir. Bambang Sutrisno", nip="196804171994031002"
    )
    recommendation = drafted_recommendation(
        user=UserFactory(), officer=user_with_role(roles.OFFICER)
    )
    issued = layanan_services.recommendation_issue(recommendation=recommendation, head=head)
    text = _pdf_text(layanan_services.render_letter_pdf(issued))
    assert "Ir. Bambang Sutrisno" in text and "NIP 196804171994031002" in text


@pytest.mark.parametrize(
    ("nip", "valid"),
    [
        pytest.param("199005142014031001", True, id="18 digits"),
        pytest.param("", True, id="empty: not staff, or not yet entered"),
        pytest.param("19900514201403100", False, id="17 digits"),
        pytest.param("1990051420140310011", False, id="19 digits"),
        pytest.param("19900514 201403 1 001", False, id="spaces as printed on a card"),
        pytest.param("١٩٩٠٠٥١٤٢٠١٤٠٣١٠٠١", False, id="non-ASCII digits"),
    ],
)
def test_a_nip_has_exactly_18_digits(nip, valid):
    if valid:
        validate_nip(nip)
        return
    with pytest.raises(ValidationError) as refused:
        validate_nip(nip)
    assert "18 angka" in " ".join(refused.value.messages)


def test_the_staff_profile_refuses_a_wrong_nip_with_a_message(admin_client):
    staff = user_with_role(roles.OFFICER)
    page = admin_client.get(f"/django-admin/pst/user/{staff.pk}/change/")
    assert page.status_code == 200 and 'name="nip"' in page.content.decode()
    staff.nip = "12345"
    with pytest.raises(ValidationError) as refused:
        staff.full_clean()
    assert "18 angka" in " ".join(refused.value.message_dict["nip"])
