"""Demo orders come from the real services and cover every state of the order desk."""

from __future__ import annotations

import pytest

from demo.orders import seed_demo_orders
from pst import roles
from shop.order.workflow import OrderStatus
from tests.factories import UserFactory, user_with_role
from tests.factories.catalogue import publication_product

pytestmark = pytest.mark.django_db


def test_seed_demo_orders_covers_the_desk_states_once():
    buyer, officer = UserFactory(), user_with_role(roles.OFFICER)
    made = seed_demo_orders(buyer=buyer, officer=officer, products=[publication_product()])
    for status, order in made.items():
        order.refresh_from_db()
        assert order.status == status
    assert set(made) >= {
        OrderStatus.SUBMITTED, OrderStatus.NEEDS_REVISION, OrderStatus.INVOICED,
        OrderStatus.REINVOICED, OrderStatus.REJECTED, OrderStatus.CANCELLED,
    }  # fmt: skip
    assert seed_demo_orders(buyer=buyer, officer=officer, products=[publication_product()]) == {}
