"""One gap-free sequence service for every numbered document (issue #19, STYLE.md habit 5).

``next_number(scheme, year, office=...)`` draws the next number of a scheme from
:class:`pst.models.DocumentSequence`. The row stays locked until the caller's transaction ends
and rolls back with it, so numbers are consecutive with no gap and no double. The printed form
(``KONS-2026-00001``, ``00001/KW/3500/2026``) stays with the app that prints it.
"""

from __future__ import annotations

from django.db import models, transaction

from .models import DocumentSequence


def next_number(scheme: str, year: int, *, office: str = "") -> int:
    """The next number of ``scheme`` for ``office`` in ``year``, starting at 1. Must run inside
    the transaction that saves the numbered document (``transaction.atomic``), else the lock
    ends at once and a failure after the draw would leave a gap."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the document's transaction")
    DocumentSequence.objects.get_or_create(scheme=scheme, office=office, year=year)
    sequence = DocumentSequence.objects.select_for_update().get(
        scheme=scheme, office=office, year=year
    )
    sequence.last = models.F("last") + 1
    sequence.save(update_fields=["last"])
    sequence.refresh_from_db(fields=["last"])
    return sequence.last
