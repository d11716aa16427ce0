"""The buyer's e-mail that a file is ready (issue #20: "e-mail when a held line becomes ready").

A line held for the signed SPPD, or waiting for a master the office had not attached, gets its
file from a later ``services.delivery_prepare`` (after the SPPD upload, after the master upload):
the buyer may have left the order page long before, so they are told. Once per file: the
item's ``notified_at`` records it, set in the transaction that creates the item; the mail
leaves after that transaction commits (``pst.notify``), in Indonesian, the portal's language.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pst.links import absolute_url
from pst.notify import mail_after_commit

from .models import DeliveryItem


def item_ready_mail(item: DeliveryItem) -> bool:
    """E-mail the buyer that ``item`` can be downloaded, unless they were told already;
    returns whether a mail was queued. Call inside the transaction that offers the item."""
    buyer = item.buyer
    if item.notified_at is not None or not getattr(buyer, "email", ""):
        return False
    claimed = DeliveryItem.objects.filter(pk=item.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:  # another call told them first
        return False
    item.refresh_from_db(fields=["notified_at"])
    order = item.order
    context = {
        "item": item,
        "buyer_name": buyer.get_full_name() or buyer.email,
        "order": order,
        "order_url": absolute_url(reverse("customer:order", kwargs={"order_number": order.number})),
        "office_name": settings.PST_OFFICE_NAME,
    }
    with translation.override("id"):
        subject = _("Order %(number)s: %(title)s is ready to download") % {
            "number": order.number,
            "title": item.title,
        }
        body = render_to_string("delivery/email/ready.txt", context)
    mail_after_commit(subject=subject, message=body, recipients=[buyer.email])
    return True
