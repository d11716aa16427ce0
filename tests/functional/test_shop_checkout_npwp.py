"""A swasta account without a valid NPWP cannot check out a paid product (DOMAIN.md, online
requirements of the sale of statistical products; issue #6)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.catalogue import publication_product

pytestmark = pytest.mark.django_db


def checkout_with_paid_product(client, user):
    product = publication_product(page_count=80)
    client.force_login(user)
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    return client.get(reverse("checkout:index"))


@pytest.mark.parametrize(
    "npwp",
    [
        pytest.param("000000000000000", id="all-zero NPWP: 'buyer without NPWP'"),
        pytest.param("12345", id="malformed NPWP"),
    ],
)
def test_swasta_without_valid_npwp_is_sent_to_the_profile(client, npwp):
    response = checkout_with_paid_product(client, UserFactory(segment="swasta", npwp=npwp))
    assert response.status_code == 302
    assert response["Location"] == reverse("customer:profile-view")
    profile = client.get(response["Location"])
    assert "NPWP" in " ".join(str(m) for m in profile.context["messages"])


def test_swasta_with_npwp_proceeds(client):
    response = checkout_with_paid_product(
        client, UserFactory(segment="swasta", npwp="012345678901000")
    )
    assert response.status_code == 302
    assert response["Location"] != reverse("customer:profile-view")


def test_other_segments_need_no_npwp(client):
    response = checkout_with_paid_product(client, UserFactory(segment="mahasiswa", npwp=""))
    assert response.status_code == 302
    assert response["Location"] != reverse("customer:profile-view")
