"""Delivered files without the walk to them: for tests of what follows delivery (the
auto-close, the workflow table) whose orders took the order's own services to the kuitansi,
not the treasury's (issue #20: an order is marked delivered only once every line's file is
offered)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.utils import timezone

from shop.delivery.models import DeliveryItem
from shop.delivery.services import line_kind


def offered_files(order) -> list[DeliveryItem]:
    """One offered file (a link with no bytes) for every line the delivery hands over."""
    items = []
    for line in order.lines.select_related("product"):
        kind = line_kind(line)
        if kind is None:
            continue
        items.append(
            DeliveryItem.objects.create(
                order=order,
                line=line,
                buyer=order.user,
                kind=kind,
                title=line.title[:255],
                token=secrets.token_urlsafe(32),
                filename=f"uji-{line.pk}.bin",
                expires_at=timezone.now() + timedelta(days=7),
                max_downloads=3,
            )
        )
    return items
