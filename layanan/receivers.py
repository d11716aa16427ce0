"""The pengaduan desk's answer to the shop's late orders (``shop/order/signals.py``); connected by
:meth:`layanan.apps.LayananConfig.ready`. layanan stands above ``shop.order`` (it reads the
sales for the performance report), so the order tells it by a signal instead of importing it."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver

from shop.order.models import Order
from shop.order.services import SERVICE
from shop.order.signals import service_time_exceeded

from .services import complaint_create_for_late_service


@receiver(service_time_exceeded, sender=Order)
def file_late_order_complaint(sender, *, order, notice: str, **kwargs) -> bool:
    """The priority complaint of a late sale, with the written notice (e-mailed to the buyer)."""
    with transaction.atomic():
        complaint_create_for_late_service(
            service=SERVICE,
            subject=order,
            user=order.user,
            due_at=order.service_due_at,
            notice_text=notice,
        )
    return True
