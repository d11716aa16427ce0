"""Issue #19: kuitansi numbers moved from ``ReceiptCounter`` to ``pst.DocumentSequence``
(treasury migration 0004). The data migration loses no counter: each office and year arrives
with its last number, so the next kuitansi continues the series with no gap and no number given
twice; going back carries the sequences into the counters again."""

from __future__ import annotations

import pytest
from django.db import transaction

from pst.models import DocumentSequence
from shop.treasury.services.receipts import RECEIPT_SCHEME, _next_receipt_number
from tests.factories.migrations import migrate_to, migrate_to_latest

BEFORE = [("treasury", "0003_take_payments")]

# Migrations run outside a test transaction (SQLite rebuilds tables); serialized rollback puts
# back what the migrations created (the role groups) for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_receipt_counter_arrives_with_its_last_number():
    old_apps = migrate_to(BEFORE)
    try:
        ReceiptCounter = old_apps.get_model("treasury", "ReceiptCounter")
        ReceiptCounter.objects.create(office_code="7371", year=2026, last_sequence=41)
        ReceiptCounter.objects.create(office_code="7371", year=2025, last_sequence=230)
        ReceiptCounter.objects.create(office_code="7308", year=2026, last_sequence=3)
    finally:
        migrate_to_latest()  # whatever happened, leave the schema as the other tests expect it
    moved = {
        (s.office, s.year): s.last for s in DocumentSequence.objects.filter(scheme=RECEIPT_SCHEME)
    }
    assert moved == {("7371", 2026): 41, ("7371", 2025): 230, ("7308", 2026): 3}
    with transaction.atomic():
        assert _next_receipt_number("7371", 2026) == 42
        assert _next_receipt_number("7308", 2026) == 4


def test_going_back_carries_the_sequences_into_the_counters():
    with transaction.atomic():
        for _ in range(7):
            _next_receipt_number("7371", 2027)
    old_apps = migrate_to(BEFORE)
    try:
        ReceiptCounter = old_apps.get_model("treasury", "ReceiptCounter")
        assert ReceiptCounter.objects.get(office_code="7371", year=2027).last_sequence == 7
    finally:
        migrate_to_latest()
