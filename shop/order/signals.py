"""What the order tells the apps that stand above it (docs/architecture.md).

- :data:`service_time_exceeded` (``order``, ``notice``: the written notice, in Indonesian):
  an order passed its service time (``services.orders_check_service_time``). The pengaduan
  desk (``layanan/receivers.py``) files the priority complaint, which e-mails the buyer the
  notice, and answers ``True``; when no receiver answered ``True`` (or one failed), the order
  e-mails the notice itself: the buyer must get it either way (DOMAIN.md: written notice and
  priority service).
"""

from django.dispatch import Signal

service_time_exceeded = Signal()
