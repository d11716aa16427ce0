"""What the order tells the apps that stand above it (docs/architecture.md).

- :data:`service_time_exceeded` (``order``, ``notice``: the written notice, in Indonesian):
  an order passed its service time (``services.orders_check_service_time``). The pengaduan
  desk (``layanan/receivers.py``) files the priority complaint, which e-mails the buyer the
  notice, and answers ``True``; when no receiver answered ``True`` (or one failed), the order
  e-mails the notice itself: the buyer must get it either way (DOMAIN.md: written notice and
  priority service).
- :data:`delivery_check` (``order``): asked before an order is marked delivered (by the
  officer's button or by the delivery itself) and before the button is shown. The delivery
  (``shop/delivery/receivers.py``) answers a list of reasons, one per line not handed over yet
  (held for the signed SPPD, its file not prepared); any reason refuses the move (issue #20:
  the officer cannot mark an order delivered while a line is held). The order cannot read the
  delivery's records itself: the delivery stands above it.
"""

from django.dispatch import Signal

service_time_exceeded = Signal()
delivery_check = Signal()
