"""The workflow table itself (STYLE.md habit 3): every state reachable, every terminal state
reached, no dead ends, Oscar's pipeline generated from it, every service present."""

from __future__ import annotations

from collections import deque

import pytest

from shop.order import services
from shop.order.workflow import (
    INITIAL_STATUS,
    TERMINAL_STATUSES,
    TRANSITIONS,
    Actor,
    OrderStatus,
    oscar_pipeline,
    transition_for,
)


def _reachable(start) -> set:
    seen, queue = {start}, deque([start])
    while queue:
        status = queue.popleft()
        for t in TRANSITIONS:
            if t.source == status and t.target not in seen:
                seen.add(t.target)
                queue.append(t.target)
    return seen


def test_every_state_is_reachable_from_the_initial_state():
    assert _reachable(INITIAL_STATUS) == set(OrderStatus)


@pytest.mark.parametrize("status", sorted(set(OrderStatus) - TERMINAL_STATUSES))
def test_every_open_state_can_still_end(status):
    assert _reachable(status) & TERMINAL_STATUSES, f"{status} is a dead end"


def test_terminal_states_have_no_way_out():
    assert not [t for t in TRANSITIONS if t.source in TERMINAL_STATUSES]


def test_every_terminal_state_is_the_target_of_a_transition():
    assert {t.target for t in TRANSITIONS} >= TERMINAL_STATUSES


def test_oscar_pipeline_is_the_table():
    pipeline = oscar_pipeline()
    assert set(pipeline) == {str(s) for s in OrderStatus}
    for t in TRANSITIONS:
        assert str(t.target) in pipeline[str(t.source)]
    moves = {(t.source, t.target) for t in TRANSITIONS}
    assert sum(len(v) for v in pipeline.values()) == len(moves)


def test_one_transition_per_service_and_source():
    keys = [(t.service, t.source) for t in TRANSITIONS]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("service", sorted({t.service for t in TRANSITIONS}))
def test_every_service_of_the_table_exists(service):
    assert callable(getattr(services, service))


def test_rejection_and_revision_need_a_reason():
    assert transition_for("order_reject", OrderStatus.UNDER_REVIEW).note_required
    assert transition_for("order_request_revision", OrderStatus.UNDER_REVIEW).note_required
    assert transition_for("order_request_correction", OrderStatus.INVOICED).note_required


@pytest.mark.parametrize(
    ("service", "source", "actor", "allowed"),
    [
        # DOMAIN.md step 2: only the officer checks documents
        ("order_verify_documents", OrderStatus.UNDER_REVIEW, Actor.BUYER, False),
        ("order_verify_documents", OrderStatus.UNDER_REVIEW, Actor.OFFICER, True),
        # step 4: the buyer requests the correction, the officer answers
        ("order_request_correction", OrderStatus.INVOICED, Actor.OFFICER, False),
        ("order_answer_correction", OrderStatus.CORRECTION_REQUESTED, Actor.BUYER, False),
        # steps 6 and 8: payment and receipt belong to the treasurer or SIMPONI
        ("order_mark_paid", OrderStatus.AWAITING_PAYMENT, Actor.BUYER, False),
        ("order_mark_paid", OrderStatus.AWAITING_PAYMENT, Actor.TREASURER, True),
        ("order_mark_receipt_issued", OrderStatus.PAID, Actor.OFFICER, False),
        # a buyer cannot cancel once a kode billing exists
        ("order_cancel", OrderStatus.AWAITING_PAYMENT, Actor.BUYER, False),
        ("order_cancel", OrderStatus.INVOICED, Actor.BUYER, True),
    ],
)
def test_who_may_act(service, source, actor, allowed):
    assert (actor in transition_for(service, source).actors) is allowed
