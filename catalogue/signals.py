"""What the catalogue tells the apps above it (docs/architecture.md).

- :data:`master_published` (``product``, ``version``: the new current
  :class:`~catalogue.models.MasterVersion`): a product's master (microdata or WKS map) became
  current, sent once the transaction that stored it commits (``masters.master_version_create``).
  The delivery (``shop/delivery/receivers.py``) offers the file to the paid orders that were
  waiting for it; the catalogue does not know who bought what.
"""

from django.dispatch import Signal

master_published = Signal()
