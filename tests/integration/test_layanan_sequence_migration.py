"""Issue #19: layanan's numbers moved from ``LetterCounter`` to ``pst.DocumentSequence``
(layanan migration 0003). The data migration loses no counter: each row arrives with its last
number, so the next letter continues the series with no gap and no number given twice."""

from __future__ import annotations

import pytest
from django.db import transaction

from pst.models import DocumentSequence
from pst.sequences import next_number
from tests.factories.migrations import migrate_to

BEFORE = [("layanan", "0002_walk_in_records")]
AFTER = [("layanan", "0003_letter_numbers_from_pst_sequence")]

# Migrations run outside a test transaction (SQLite rebuilds tables); serialized rollback puts
# back what the migrations created (the role groups) for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_letter_counter_arrives_with_its_last_number():
    old_apps = migrate_to(BEFORE)
    try:
        LetterCounter = old_apps.get_model("layanan", "LetterCounter")
        LetterCounter.objects.create(series="rekomendasi", year=2026, last=41)
        LetterCounter.objects.create(series="konsultasi", year=2026, last=7)
        LetterCounter.objects.create(series="antrian-1204", year=2026, last=3)
        LetterCounter.objects.create(series="rekomendasi", year=2025, last=120)
    finally:
        migrate_to(AFTER)  # whatever happened, leave the schema as the other tests expect it
    moved = {(s.scheme, s.year): s.last for s in DocumentSequence.objects.filter(office="")}
    assert moved == {
        ("rekomendasi", 2026): 41,
        ("konsultasi", 2026): 7,
        ("antrian-1204", 2026): 3,
        ("rekomendasi", 2025): 120,
    }
    with transaction.atomic():
        assert next_number("rekomendasi", 2026) == 42
