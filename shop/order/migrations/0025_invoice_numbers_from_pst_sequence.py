"""Invoice numbers come from the one sequence service, ``pst.DocumentSequence`` (scheme
``"invoice"``, per office and year; issue #19), instead of counting the invoices already issued.
The series continues: each office and year starts from the highest number already printed
(``INV/<office>/<year>/<nnnnn>``). Going back needs nothing (the count is read again)."""

import re

from django.db import migrations

SCHEME = "invoice"
NUMBER = re.compile(r"^INV/(?P<office>[^/]*)/(?P<year>\d{4})/(?P<sequence>\d+)$")


def to_sequences(apps, schema_editor):
    Invoice = apps.get_model("order", "Invoice")
    DocumentSequence = apps.get_model("pst", "DocumentSequence")
    last: dict[tuple[str, int], int] = {}
    for number in Invoice.objects.values_list("number", flat=True).iterator():
        match = NUMBER.match(number)
        if match is None:
            continue  # not ours (an imported or hand-made number): it cannot collide
        key = (match["office"], int(match["year"]))
        last[key] = max(last.get(key, 0), int(match["sequence"]))
    for (office, year), top in last.items():
        sequence, _created = DocumentSequence.objects.get_or_create(
            scheme=SCHEME, office=office, year=year
        )
        if sequence.last < top:
            sequence.last = top
            sequence.save(update_fields=["last"])


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0024_sample_package"),
        ("pst", "0008_document_sequence"),
    ]

    operations = [migrations.RunPython(to_sequences, migrations.RunPython.noop)]
