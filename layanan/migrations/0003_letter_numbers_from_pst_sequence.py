"""Issue #19: layanan's letter, consultation, recommendation-request and queue numbers are drawn
from the one sequence service (``pst.DocumentSequence``). Every counter row moves over with its
last number (series -> scheme, no office), so the next number continues where it stopped: no
gap and no number given twice. Then ``LetterCounter`` goes."""

from django.db import migrations


def counters_to_sequences(apps, schema_editor):
    LetterCounter = apps.get_model("layanan", "LetterCounter")
    DocumentSequence = apps.get_model("pst", "DocumentSequence")
    for counter in LetterCounter.objects.all():
        sequence, _created = DocumentSequence.objects.get_or_create(
            scheme=counter.series, office="", year=counter.year
        )
        if sequence.last < counter.last:
            sequence.last = counter.last
            sequence.save(update_fields=["last"])


def sequences_to_counters(apps, schema_editor):
    LetterCounter = apps.get_model("layanan", "LetterCounter")
    DocumentSequence = apps.get_model("pst", "DocumentSequence")
    for sequence in DocumentSequence.objects.filter(office=""):
        if len(sequence.scheme) <= 20:
            LetterCounter.objects.update_or_create(
                series=sequence.scheme, year=sequence.year, defaults={"last": sequence.last}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0002_walk_in_records"),
        ("pst", "0008_document_sequence"),
    ]

    operations = [
        migrations.RunPython(counters_to_sequences, sequences_to_counters),
        migrations.DeleteModel(name="LetterCounter"),
    ]
