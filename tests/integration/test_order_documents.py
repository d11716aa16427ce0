"""What the officer issues (issue #7): the invoice PDF with everything the buyer needs to pay,
the Rp0 tariff after approval, the re-issue that voids, and the microdata sample."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from catalogue.models import MicrodataDataset
from pst.clock import add_months, local_date
from pst.models import UserSegment
from shop.order import services
from shop.order.models import Invoice
from tests.factories import UserFactory
from tests.factories.catalogue import microdata_product
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db


def _invoiced(officer, **kwargs):
    order = submitted_order(**kwargs)
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(
        order=order, officer=officer, approve_nol_rupiah=kwargs.get("nol_rupiah", False)
    )
    return services.order_issue_invoice(order=order, officer=officer)


def _text(field) -> str:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_invoice_pdf_says_what_to_pay_and_how(officer):
    order = _invoiced(officer)
    invoice = order.current_invoice
    assert invoice.total == Decimal(80000)
    text = _text(invoice.pdf)
    for expected in (
        invoice.number,
        order.number,
        order.user.email,
        "Rp 80.000",
        "delapan puluh ribu rupiah",  # terbilang
        "PP 13/2024",  # the schedule used
        "Berlaku sampai",
        "kode billing",
        "50 halaman pertama",  # a tariff item line
    ):
        assert expected.lower() in text.lower(), expected
    # Valid one month from the office's day of issue (not the UTC day: issue #14).
    assert invoice.valid_until == add_months(local_date(invoice.issued_at), 1)


def test_rp0_after_approval_of_the_cover_letter(officer):
    """PP 13/2024 Pasal 4: a government body, non-commercial use, with the cover letter."""
    buyer = UserFactory(segment=UserSegment.INSTANSI_PEMERINTAH, institution="Bappeda Kota")
    order = _invoiced(officer, buyer=buyer, nol_rupiah=True, options={"purpose": "nonkomersial"})
    assert order.nol_rupiah_approved
    assert "cover_letter" in {d.kind for d in order.documents.all()}
    assert order.current_invoice.total == 0
    assert order.current_invoice.quote["lines"][0]["quote"]["price_class"] == "nol_rupiah"


def test_without_approval_the_same_buyer_pays(officer):
    buyer = UserFactory(segment=UserSegment.INSTANSI_PEMERINTAH, institution="Bappeda Kota")
    order = submitted_order(buyer=buyer, nol_rupiah=True, options={"purpose": "nonkomersial"})
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(order=order, officer=officer, approve_nol_rupiah=False)
    order = services.order_issue_invoice(order=order, officer=officer)
    assert order.current_invoice.total == Decimal(80000)


def test_one_invoice_in_force_per_order_by_constraint(officer):
    order = _invoiced(officer)
    invoice = order.current_invoice
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(
            order=order, number="INV/X/1", total=1, valid_until=invoice.valid_until
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(
            order=submitted_order(), number=invoice.number, total=1, valid_until=invoice.valid_until
        )


def test_a_reissue_keeps_the_old_invoice_void_with_a_new_number(officer):
    order = _invoiced(officer)
    first = order.current_invoice
    services.order_request_correction(order=order, buyer=order.user, note="NPWP salah")
    services.order_answer_correction(order=order, officer=officer, note="Diperbaiki", reissue=True)
    first.refresh_from_db()
    second = order.current_invoice
    assert first.is_void and "Diperbaiki" in first.void_reason
    assert first.superseded_by == second and second.number != first.number
    assert _text(second.pdf)  # a new PDF, the old one kept


def test_answering_without_reissue_keeps_the_invoice(officer):
    order = _invoiced(officer)
    first = order.current_invoice
    services.order_request_correction(order=order, buyer=order.user, note="Apakah benar?")
    services.order_answer_correction(
        order=order, officer=officer, note="Sudah benar", reissue=False
    )
    assert order.current_invoice == first and Invoice.objects.filter(order=order).count() == 1


def test_agreement_and_microdata_sample_are_issued_with_the_invoice(officer):
    product = microdata_product(deliverable=False)  # its own master below
    dataset = MicrodataDataset.objects.get(product=product)
    rows = [
        b"7371,1,25,001500000,00000012.5\n",
        b"7315,2,31,002000000,00000010.0\n",
        b"7371,2,40,003000000,00000008.0\n",
    ]
    dataset.master.save("master.txt", ContentFile(b"".join(rows)))
    order = _invoiced(
        officer, products=[product], options={"variables": "region_code,B4K5", "regions": "7371"}
    )
    kinds = {d.kind for d in order.documents.all()}
    assert {"agreement", "sample"} <= kinds
    sample = order.documents.get(kind="sample")
    with sample.file.open("rb") as handle:
        content = handle.read().decode()
    assert "region_code,B4K5" in content
    assert "7371,25" in content and "7371,40" in content
    assert "7315" not in content.split("\n", 2)[2]  # only the selected region


def test_a_broken_master_file_stops_the_invoice_with_a_message(officer):
    product = microdata_product(deliverable=False)  # its own master below
    dataset = MicrodataDataset.objects.get(product=product)
    dataset.master.save("master.txt", ContentFile(b"7371,1,25\n"))
    order = submitted_order(products=[product])
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(order=order, officer=officer)
    with pytest.raises(services.OrderActionError) as refused:
        services.order_issue_invoice(order=order, officer=officer)
    assert refused.value.message
    order.refresh_from_db()
    assert order.status == "verified" and not order.invoices.exists()
