"""Invoice numbers from the one sequence service (issue #19): consecutive per office and year,
and the series an office already printed continues after the move (order migration 0025)."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from pst.models import DocumentSequence
from shop.order import services
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db

migration = import_module("shop.order.migrations.0025_invoice_numbers_from_pst_sequence")


def _invoiced(officer):
    order = submitted_order()
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(order=order, officer=officer)
    return services.order_issue_invoice(order=order, officer=officer).current_invoice


def test_invoices_are_numbered_from_the_sequence_consecutively(officer, settings):
    first, second = _invoiced(officer), _invoiced(officer)
    office = settings.PST_OFFICE_CODE
    assert first.number.startswith(f"INV/{office}/")
    numbers = [int(invoice.number.rsplit("/", 1)[1]) for invoice in (first, second)]
    assert numbers[1] == numbers[0] + 1
    sequence = DocumentSequence.objects.get(scheme=services.INVOICE_SCHEME, office=office)
    assert sequence.last == numbers[1]


def test_the_migration_continues_the_printed_series(officer, settings):
    invoice = _invoiced(officer)
    # The year of the office's local day (WIB), as printed: not the UTC year of issued_at.
    office, year = settings.PST_OFFICE_CODE, invoice.number.split("/")[2]
    # As before the move: the invoice printed number 41 of the year, and no sequence row yet.
    type(invoice).objects.filter(pk=invoice.pk).update(number=f"INV/{office}/{year}/00041")
    DocumentSequence.objects.filter(scheme=services.INVOICE_SCHEME).delete()
    migration.to_sequences(apps, None)
    assert _invoiced(officer).number == f"INV/{office}/{year}/00042"
