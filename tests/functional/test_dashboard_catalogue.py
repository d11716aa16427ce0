"""The dashboard's product list (issue #16): every sort link answers, and the officer is
offered only the actions the officer may take."""

from __future__ import annotations

import pytest

from pst import roles
from tests.factories.catalogue import publication_product

pytestmark = pytest.mark.django_db

PRODUCT_LIST = "/toko/dashboard/catalogue/"


@pytest.mark.parametrize(
    "sort",
    ["checkbox", "-checkbox", "title,checkbox", "no-such-column", "-date_updated"],
)
def test_every_sort_of_the_product_list_answers(client, make_staff, sort):
    """The hidden checkbox column's header link was a 500 (FieldError); an unknown sort is
    ignored."""
    publication_product(title="Statistik Sortir")
    client.force_login(make_staff(roles.OFFICER))
    response = client.get(PRODUCT_LIST, {"sort": sort})
    assert response.status_code == 200
    assert "Statistik Sortir" in response.content.decode()
