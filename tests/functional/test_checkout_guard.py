"""An unverified account cannot order (issue #2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from oscar.test.factories import create_product

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def basket_with_product(client, user):
    product = create_product(price=Decimal("50000"), num_in_stock=None)
    client.force_login(user)
    response = client.post(f"/toko/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302
    return product


def test_unverified_buyer_is_sent_to_profile_instead_of_checkout(client):
    basket_with_product(client, UserFactory(unverified=True))
    response = client.get("/toko/checkout/", follow=True)
    assert response.redirect_chain[0][1] == 302
    assert response.redirect_chain[-1][0] == "/toko/accounts/profile/"
    assert "Verifikasi alamat e-mail Anda" in response.content.decode()


def test_verified_buyer_reaches_checkout(client):
    basket_with_product(client, UserFactory())
    response = client.get("/toko/checkout/")
    assert response.status_code == 302
    assert "/toko/accounts/profile/" not in response["Location"]
