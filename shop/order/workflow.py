"""The order workflow as data: statuses, who may move an order, and where to (issue #7).

The office's online sale procedure (DOMAIN.md, "Sale of statistical products", steps 1–10) as a
table. Everything else derives from it: Oscar's ``OSCAR_ORDER_STATUS_PIPELINE`` (generated in
``config/settings/base.py`` by :func:`oscar_pipeline`), the guards of the services in
``shop/order/services.py``, the buttons the buyer and the officer see, and the test that walks
every path and checks every state is reachable (STYLE.md habit 3).

Decisions where the standard is silent:

- ``verified`` sits between the review and the invoice: the moment the officer finds the request
  clear and complete fixes the service-time clock (step 2 before step 3);
- the officer rejects (step 2: "the abstract does not fit the data") only while reviewing;
- the buyer may cancel until a kode billing exists; after that only an officer (or the system,
  when the invoice expires) cancels, because a live billing code must be voided by a person;
  the system also cancels an invoiced order whose invoice lapsed unpaid (one month, DOMAIN.md;
  ``shop.treasury.services.invoices_expire``, which voids the codes);
- a correction after delivery (step 10) has its own state so the auto-close clock stops while
  it is open;
- a Rp0 (nol rupiah) or gratis order goes from its invoice straight to delivery: there is
  nothing to pay and no kuitansi (``order_mark_delivered`` checks the invoice total).

This module imports nothing from the project, so the settings can import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BUYER_WAIT_STATUSES",
    "INITIAL_STATUS",
    "OFFICE_CLOCK_STATUSES",
    "REVIEW_STATUSES",
    "TERMINAL_STATUSES",
    "TRANSITIONS",
    "Actor",
    "OrderStatus",
    "Transition",
    "oscar_pipeline",
    "transition_for",
    "transitions_from",
]


class OrderStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Documents under review")
    NEEDS_REVISION = "needs_revision", _("Documents need revision")
    RESUBMITTED = "resubmitted", _("Documents resubmitted")
    VERIFIED = "verified", _("Request complete")
    INVOICED = "invoiced", _("Invoice issued")
    CORRECTION_REQUESTED = "correction_requested", _("Invoice correction requested")
    REINVOICED = "reinvoiced", _("Invoice re-issued")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    RECEIPT_ISSUED = "receipt_issued", _("Receipt issued")
    DELIVERED = "delivered", _("Delivered")
    DELIVERY_CORRECTION = "delivery_correction", _("Delivery correction requested")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")


class Actor(StrEnum):
    """Who moves an order: the buyer who placed it, a Petugas PST, the Bendahara, or the site
    itself (SIMPONI confirmation, the auto-close and service-time commands)."""

    BUYER = "buyer"
    OFFICER = "officer"
    TREASURER = "treasurer"
    SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    service: str  # the function in shop/order/services.py that performs it
    source: OrderStatus
    target: OrderStatus
    actors: frozenset[Actor]
    note_required: bool = False  # a reason the buyer reads (revision, rejection, correction)


S = OrderStatus
_BUYER = frozenset({Actor.BUYER})
_BUYER_OR_SYSTEM = frozenset({Actor.BUYER, Actor.SYSTEM})  # the system: invoice lapsed unpaid
_OFFICER = frozenset({Actor.OFFICER})
_STAFF_OR_SYSTEM = frozenset({Actor.OFFICER, Actor.SYSTEM})
_PAYMENT = frozenset({Actor.TREASURER, Actor.SYSTEM})

TRANSITIONS: tuple[Transition, ...] = (
    # step 2: the officer checks the documents
    Transition("order_start_review", S.SUBMITTED, S.UNDER_REVIEW, _OFFICER),
    Transition("order_start_review", S.RESUBMITTED, S.UNDER_REVIEW, _OFFICER),
    Transition("order_request_revision", S.UNDER_REVIEW, S.NEEDS_REVISION, _OFFICER, True),
    Transition("order_resubmit_documents", S.NEEDS_REVISION, S.RESUBMITTED, _BUYER),
    Transition("order_verify_documents", S.UNDER_REVIEW, S.VERIFIED, _OFFICER),
    Transition("order_reject", S.UNDER_REVIEW, S.REJECTED, _OFFICER, True),
    # steps 3–4: invoice, sample and agreement; the buyer may ask for a correction
    Transition("order_issue_invoice", S.VERIFIED, S.INVOICED, _OFFICER),
    Transition("order_request_correction", S.INVOICED, S.CORRECTION_REQUESTED, _BUYER, True),
    Transition("order_request_correction", S.REINVOICED, S.CORRECTION_REQUESTED, _BUYER, True),
    Transition("order_answer_correction", S.CORRECTION_REQUESTED, S.REINVOICED, _OFFICER, True),
    # steps 6–8: payment and receipt (shop/billing and shop/treasury call these)
    Transition(
        "order_mark_awaiting_payment",
        S.INVOICED,
        S.AWAITING_PAYMENT,
        frozenset({Actor.BUYER, Actor.OFFICER, Actor.SYSTEM}),
    ),
    Transition(
        "order_mark_awaiting_payment",
        S.REINVOICED,
        S.AWAITING_PAYMENT,
        frozenset({Actor.BUYER, Actor.OFFICER, Actor.SYSTEM}),
    ),
    Transition("order_mark_paid", S.AWAITING_PAYMENT, S.PAID, _PAYMENT),
    Transition("order_mark_receipt_issued", S.PAID, S.RECEIPT_ISSUED, _PAYMENT),
    # steps 9–10: delivery, the buyer's check, closing
    Transition("order_mark_delivered", S.RECEIPT_ISSUED, S.DELIVERED, _STAFF_OR_SYSTEM),
    # a Rp0 or gratis invoice has nothing to pay and no kuitansi (guarded by its total)
    Transition("order_mark_delivered", S.INVOICED, S.DELIVERED, _STAFF_OR_SYSTEM),
    Transition("order_mark_delivered", S.REINVOICED, S.DELIVERED, _STAFF_OR_SYSTEM),
    Transition(
        "order_request_delivery_correction", S.DELIVERED, S.DELIVERY_CORRECTION, _BUYER, True
    ),
    Transition("order_mark_delivered", S.DELIVERY_CORRECTION, S.DELIVERED, _STAFF_OR_SYSTEM),
    Transition("order_complete", S.DELIVERED, S.COMPLETED, frozenset({Actor.BUYER, Actor.SYSTEM})),
    # cancelling: the buyer until a kode billing exists, an officer or the system after that
    Transition("order_cancel", S.SUBMITTED, S.CANCELLED, _BUYER),
    Transition("order_cancel", S.NEEDS_REVISION, S.CANCELLED, _BUYER),
    Transition("order_cancel", S.INVOICED, S.CANCELLED, _BUYER_OR_SYSTEM),
    Transition("order_cancel", S.CORRECTION_REQUESTED, S.CANCELLED, _BUYER),
    Transition("order_cancel", S.REINVOICED, S.CANCELLED, _BUYER_OR_SYSTEM),
    Transition("order_cancel", S.AWAITING_PAYMENT, S.CANCELLED, _STAFF_OR_SYSTEM, True),
)

INITIAL_STATUS = OrderStatus.SUBMITTED
TERMINAL_STATUSES = frozenset({S.COMPLETED, S.CANCELLED, S.REJECTED})

#: The service-time clock (10 working days from the complete request, DOMAIN.md) runs while
#: the office holds the order, pauses while it waits for the buyer (checking the invoice,
#: paying), and stops at delivery. Decision: time the buyer takes to pay is not the office's.
OFFICE_CLOCK_STATUSES = frozenset({S.VERIFIED, S.CORRECTION_REQUESTED, S.PAID, S.RECEIPT_ISSUED})
BUYER_WAIT_STATUSES = frozenset({S.INVOICED, S.REINVOICED, S.AWAITING_PAYMENT})

#: The review queue: the request is with the officer but not yet found complete.
REVIEW_STATUSES = frozenset({S.SUBMITTED, S.UNDER_REVIEW, S.RESUBMITTED})


def transitions_from(status: str) -> tuple[Transition, ...]:
    return tuple(t for t in TRANSITIONS if t.source == status)


def transition_for(service: str, source: str) -> Transition | None:
    """The transition ``service`` performs from ``source``, or None if it is not allowed."""
    for t in TRANSITIONS:
        if t.service == service and t.source == source:
            return t
    return None


def oscar_pipeline() -> dict[str, tuple[str, ...]]:
    """``OSCAR_ORDER_STATUS_PIPELINE``: Oscar's ``Order.set_status`` refuses any move the table
    does not allow, so the two can never drift apart."""
    pipeline: dict[str, tuple[str, ...]] = {str(status): () for status in OrderStatus}
    for t in TRANSITIONS:
        pipeline[str(t.source)] = (*pipeline[str(t.source)], str(t.target))
    return {k: tuple(dict.fromkeys(v)) for k, v in pipeline.items()}
