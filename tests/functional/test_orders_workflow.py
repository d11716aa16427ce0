"""Every path of the workflow table, walked through the pages (issue #7 "Done when").

For each transition a fresh order is driven along the shortest route to the transition's source
state, then the transition is made the way the site makes it: the buyer's or the officer's form
when one exists, the service that shop/billing calls for payment and receipt. Each step must
land in the table's target state and leave an event with its actor on the timeline.
"""

from __future__ import annotations

from collections import deque

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pst import roles
from pst.models import UserSegment
from shop.order import services
from shop.order.models import Invoice, OrderEvent
from shop.order.workflow import (
    INITIAL_STATUS,
    TERMINAL_STATUSES,
    TRANSITIONS,
    Actor,
    OrderStatus,
    Transition,
)
from tests.factories import UserFactory, user_with_role
from tests.factories.delivery import offered_files
from tests.factories.orders import pdf_bytes, submitted_order

pytestmark = pytest.mark.django_db

S = OrderStatus

# service -> (who acts, URL action name or None for a direct service call, form data)
BUYER_FORMS = {
    "order_resubmit_documents": ("resubmit", {"note": "Sudah diperbaiki"}),
    "order_request_correction": ("request-correction", {"note": "Jumlah peta salah"}),
    "order_request_delivery_correction": ("request-delivery-correction", {"note": "Berkas rusak"}),
    "order_cancel": ("cancel", {"note": ""}),
    "order_complete": ("complete", {}),
}
OFFICER_FORMS = {
    "order_start_review": ("start-review", {}),
    "order_request_revision": ("request-revision", {"note": "KTP tidak terbaca"}),
    "order_verify_documents": ("verify", {}),
    "order_reject": ("reject", {"note": "Abstraksi tidak sesuai dengan data"}),
    "order_issue_invoice": ("issue-invoice", {}),
    "order_answer_correction": ("answer-correction", {"note": "Sudah dibetulkan", "reissue": "on"}),
    "order_mark_delivered": ("mark-delivered", {"note": ""}),
    "order_cancel": ("cancel", {"note": "Invoice kedaluwarsa, kode billing dibatalkan"}),
}


def _needs_a_free_order(t: Transition) -> bool:
    """Delivery straight from the invoice is for a Rp0 invoice only."""
    return t.service == "order_mark_delivered" and t.source in (S.INVOICED, S.REINVOICED)


def _route(target, *, free: bool = False) -> list[Transition]:
    """The shortest list of transitions from the initial state to ``target`` (a paid order
    takes the payment path; only a Rp0 order may skip it)."""
    queue, seen = deque([(INITIAL_STATUS, [])]), {INITIAL_STATUS}
    while queue:
        status, path = queue.popleft()
        if status == target:
            return path
        for t in TRANSITIONS:
            if _needs_a_free_order(t) and not free:
                continue
            if t.source == status and t.target not in seen:
                seen.add(t.target)
                queue.append((t.target, [*path, t]))
    raise AssertionError(f"{target} unreachable")


class World:
    def __init__(self, client, *, free: bool = False):
        """``free``: a government buyer asking the Rp0 tariff for non-commercial use, which the
        officer approves (PP 13/2024 Pasal 4)."""
        self.client = client
        self.free = free
        segment = UserSegment.INSTANSI_PEMERINTAH if free else UserSegment.UMUM
        self.buyer = UserFactory(segment=segment)
        self.officer = user_with_role(roles.OFFICER)
        self.treasurer = user_with_role(roles.TREASURER)

    def new_order(self):
        if self.free:
            return submitted_order(
                buyer=self.buyer, nol_rupiah=True, options={"purpose": "nonkomersial"}
            )
        return submitted_order(buyer=self.buyer)

    def act(self, order, t: Transition):
        """Make transition ``t`` as its first permitted actor would on the site."""
        if Actor.BUYER in t.actors and t.service in BUYER_FORMS:
            if t.service == "order_resubmit_documents":
                self._post(
                    self.buyer,
                    "orders:buyer-action",
                    order,
                    "upload",
                    {
                        "kind": "identity",
                        "upload": SimpleUploadedFile(
                            "ktp-baru.pdf", pdf_bytes(), "application/pdf"
                        ),
                    },
                )
            action, data = BUYER_FORMS[t.service]
            self._post(self.buyer, "orders:buyer-action", order, action, data)
            return self.buyer
        if t.service == "order_mark_delivered":
            offered_files(order)  # the files first: delivery_check refuses otherwise
        if Actor.OFFICER in t.actors and t.service in OFFICER_FORMS:
            action, data = OFFICER_FORMS[t.service]
            if t.service == "order_verify_documents" and self.free:
                data = {"approve_nol_rupiah": "on"}
            self._post(self.officer, "dashboard:order-action", order, action, data)
            return self.officer
        # kode billing, payment, receipt: shop/billing calls these services (the bendahara, or
        # the site itself on a SIMPONI notification)
        actor = self.treasurer if Actor.TREASURER in t.actors else None
        assert actor is not None or Actor.SYSTEM in t.actors
        getattr(services, t.service)(order=order, actor=actor)
        return actor

    def _post(self, user, name, order, action, data):
        self.client.force_login(user)
        response = self.client.post(
            reverse(name, kwargs={"number": order.number, "action": action}), data
        )
        assert response.status_code == 302, response.content[:500]
        errors = [m for m in response.wsgi_request._messages if m.level_tag == "error"]
        assert not errors, [str(m) for m in errors]

    def drive(self, order, path):
        for t in path:
            self.act(order, t)
            order.refresh_from_db()
            assert order.status == t.target, (t, order.status)
        return order


@pytest.mark.parametrize(
    "transition", TRANSITIONS, ids=[f"{t.source}->{t.target}" for t in TRANSITIONS]
)
def test_every_transition_of_the_table(client, transition, django_capture_on_commit_callbacks):
    world = World(client, free=_needs_a_free_order(transition))
    order = world.new_order()
    world.drive(order, _route(transition.source, free=world.free))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actor = world.act(order, transition)
    order.refresh_from_db()
    assert order.status == transition.target
    event = order.events.filter(kind="status").last()
    assert (event.from_status, event.to_status, event.actor) == (
        transition.source,
        transition.target,
        actor,
    )
    assert (
        order.status_changes.order_by("pk").last().new_status == transition.target
    )  # Oscar kept in step
    assert [m.to for m in mail.outbox] == [[world.buyer.email]]  # the buyer is told


def test_every_terminal_state_is_reached(client):
    world = World(client)
    reached = set()
    for terminal in TERMINAL_STATUSES:
        order = world.drive(world.new_order(), _route(terminal))
        reached.add(order.status)
        assert order.closed_at is not None
    assert reached == TERMINAL_STATUSES


def test_the_full_sale_leaves_a_complete_timeline(client):
    world = World(client)
    order = world.drive(submitted_order(buyer=world.buyer), _route(S.COMPLETED))
    statuses = list(
        OrderEvent.objects.filter(order=order, kind="status").values_list("to_status", flat=True)
    )
    assert statuses == [
        S.SUBMITTED, S.UNDER_REVIEW, S.VERIFIED, S.INVOICED, S.AWAITING_PAYMENT,
        S.PAID, S.RECEIPT_ISSUED, S.DELIVERED, S.COMPLETED,
    ]  # fmt: skip


def test_a_correction_voids_the_old_invoice(client):
    world = World(client)
    order = world.drive(submitted_order(buyer=world.buyer), _route(S.REINVOICED))
    old, new = Invoice.objects.filter(order=order).order_by("pk")
    assert old.is_void and old.superseded_by == new and not new.is_void
    assert order.current_invoice == new
    assert old.number != new.number


def test_an_action_not_open_now_is_refused_with_a_message(client):
    world = World(client)
    order = submitted_order(buyer=world.buyer)
    client.force_login(world.officer)
    response = client.post(
        reverse("dashboard:order-action", kwargs={"number": order.number, "action": "verify"}),
        follow=True,
    )
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == S.SUBMITTED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_a_reason_is_required_to_reject(client):
    world = World(client)
    order = world.drive(submitted_order(buyer=world.buyer), _route(S.UNDER_REVIEW))
    client.force_login(world.officer)
    client.post(
        reverse("dashboard:order-action", kwargs={"number": order.number, "action": "reject"}),
        {"note": "   "},
    )
    order.refresh_from_db()
    assert order.status == S.UNDER_REVIEW


def test_a_rp0_order_is_delivered_without_payment(client):
    world = World(client, free=True)
    order = world.drive(world.new_order(), _route(S.INVOICED))
    assert order.current_invoice.total == 0
    offered_files(order)
    services.order_mark_delivered(order=order, actor=None)
    order.refresh_from_db()
    assert order.status == S.DELIVERED


def test_a_paid_order_is_not_delivered_before_payment(client):
    world = World(client)
    order = world.drive(world.new_order(), _route(S.INVOICED))
    with pytest.raises(services.OrderActionError):
        services.order_mark_delivered(order=order, actor=None)
    assert "order_mark_delivered" not in {
        t.service for t in services.allowed_transitions(order, world.officer)
    }
