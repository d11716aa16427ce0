"""What the treasury tells the app after it on the money path (docs/architecture.md).

- :data:`receipt_issued` (``receipt``, ``by``): the bendahara issued a kuitansi from her desk
  (``views.receipt_issue``, after the receipt's transaction). The delivery listens and
  prepares the buyer's files (step 9); each receiver answers with a list of
  ``(messages level, text)`` notes that the page shows the bendahara.
- :data:`refund_case_check` (``line``, ``order``): a refund case is about to be opened for the
  line; a receiver refuses (raises ``Refused``) when the line's file was delivered.
"""

from django.dispatch import Signal

receipt_issued = Signal()

refund_case_check = Signal()
"""Sent by :func:`shop.treasury.services.refund_case_open` (``line``, ``order`` locked by the
sender) before a refund case is recorded, inside its transaction. A receiver refuses by raising
:class:`pst.errors.Refused`: the app that delivers the files knows whether the line was handed
over, which the treasury (before it on the money path) may not ask it directly."""
