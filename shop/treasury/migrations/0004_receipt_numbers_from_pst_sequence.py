"""Kuitansi numbers come from the one sequence service, ``pst.DocumentSequence`` (scheme
``"kuitansi"``, per office and year; issue #19). Every ``ReceiptCounter`` row is carried over with
its last number (or the highest number already printed, if that is higher), so the next
kuitansi continues the series with no gap and no number given twice. ``ReceiptCounter`` stays,
no longer written; going back copies the sequences into it again."""

from django.db import migrations
from django.db.models import Max

SCHEME = "kuitansi"


def to_sequences(apps, schema_editor):
    ReceiptCounter = apps.get_model("treasury", "ReceiptCounter")
    Receipt = apps.get_model("treasury", "Receipt")
    DocumentSequence = apps.get_model("pst", "DocumentSequence")
    last = {
        (row["office_code"], row["year"]): row["top"]
        for row in Receipt.objects.values("office_code", "year").annotate(top=Max("sequence"))
    }
    for counter in ReceiptCounter.objects.all():
        key = (counter.office_code, counter.year)
        last[key] = max(last.get(key, 0), counter.last_sequence)
    for (office, year), number in last.items():
        sequence, _created = DocumentSequence.objects.get_or_create(
            scheme=SCHEME, office=office, year=year
        )
        if sequence.last < number:
            sequence.last = number
            sequence.save(update_fields=["last"])


def to_counters(apps, schema_editor):
    ReceiptCounter = apps.get_model("treasury", "ReceiptCounter")
    DocumentSequence = apps.get_model("pst", "DocumentSequence")
    for sequence in DocumentSequence.objects.filter(scheme=SCHEME):
        counter, _created = ReceiptCounter.objects.get_or_create(
            office_code=sequence.office, year=sequence.year
        )
        if counter.last_sequence < sequence.last:
            counter.last_sequence = sequence.last
            counter.save(update_fields=["last_sequence"])


class Migration(migrations.Migration):
    dependencies = [
        ("treasury", "0003_take_payments"),
        ("pst", "0008_document_sequence"),
    ]

    operations = [migrations.RunPython(to_sequences, to_counters)]
