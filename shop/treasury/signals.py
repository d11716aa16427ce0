"""What the treasury tells the app after it on the money path (docs/architecture.md).

- :data:`receipt_issued` (``receipt``, ``by``): the bendahara issued a kuitansi from her desk
  (``views.receipt_issue``, after the receipt's transaction). The delivery listens and
  prepares the buyer's files (step 9); each receiver answers with a list of
  ``(messages level, text)`` notes that the page shows the bendahara.
"""

from django.dispatch import Signal

receipt_issued = Signal()
