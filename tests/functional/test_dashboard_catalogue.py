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


def _catalogue_manager(make_staff):
    """An officer who may also create, edit and delete products."""
    from django.contrib.auth.models import Permission

    user = make_staff(roles.OFFICER)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="catalogue", codename__in=["add_product", "delete_product"]
        )
    )
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


def test_the_officer_is_offered_no_edit_or_delete_that_would_answer_403(client, make_staff):
    product = publication_product(title="Statistik Petugas")
    officer = make_staff(roles.OFFICER)
    client.force_login(officer)
    edit = f"/toko/dashboard/catalogue/products/{product.pk}/"
    delete = f"/toko/dashboard/catalogue/products/{product.pk}/delete/"
    assert client.get(edit).status_code == 403
    assert client.get(delete).status_code == 403

    page = client.get(PRODUCT_LIST).content.decode()
    assert "Statistik Petugas" in page
    assert f'href="{edit}' not in page
    assert f'href="{delete}"' not in page
    assert "create_product_with_class_form" not in page
    assert product.get_absolute_url() in page  # "view on site" stays


def test_a_catalogue_manager_keeps_edit_delete_and_create(client, make_staff):
    product = publication_product(title="Statistik Pengelola")
    client.force_login(_catalogue_manager(make_staff))
    page = client.get(PRODUCT_LIST).content.decode()
    assert f'href="/toko/dashboard/catalogue/products/{product.pk}/' in page
    assert f'href="/toko/dashboard/catalogue/products/{product.pk}/delete/"' in page
    assert "create_product_with_class_form" in page
    assert client.get(f"/toko/dashboard/catalogue/products/{product.pk}/").status_code == 200


def test_the_product_list_dates_read_in_the_sites_format(client, make_staff):
    """Oscar's column printed Django's ``05-12-2026 1.56`` (issue #17: one date format)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from catalogue.models import Product

    product = publication_product(title="Statistik Bertanggal")
    moment = datetime(2026, 12, 5, 1, 56, tzinfo=ZoneInfo("Asia/Jakarta"))
    Product.objects.filter(pk=product.pk).update(date_updated=moment)
    client.force_login(make_staff(roles.OFFICER))
    html = client.get(PRODUCT_LIST).content.decode()
    assert "5 Desember 2026 pukul 01.56 WIB" in html
    assert "05-12-2026" not in html
