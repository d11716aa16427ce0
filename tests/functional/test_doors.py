"""The doors of issue #16: the first clicks of a person who comes to the site, as the test
client makes them. Each test failed before its fix."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalogue.product_classes import PUBLIKASI
from pst import roles
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order, microdata_with_master
from tests.factories.catalogue import make_product, publication_product
from tests.factories.library import library_structure
from tests.factories.orders import basket_with

pytestmark = pytest.mark.django_db

SELECTION = {"variables": "region_code,B4K4", "regions": "7315"}


def _final(client, url):
    """Follow redirects (the test client raises on a loop) and return the last answer."""
    response = client.get(url, follow=True)
    assert len(response.redirect_chain) < 5, response.redirect_chain
    return response


def test_shop_front_leads_to_the_products_not_to_itself(client):
    response = _final(client, "/toko/")
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("catalogue:index")


def test_logout_and_the_home_breadcrumb_end_on_the_site_home(client, user):
    library_structure()
    client.force_login(user)
    page = client.get(reverse("customer:profile-view")).content.decode()
    assert 'class="breadcrumb-item"><a href="/">' in page.replace("\n", "").replace("  ", "")
    response = client.post(reverse("customer:logout"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"


def test_a_get_of_the_sign_out_link_signs_no_one_out(client, user):
    """Signing out is a POST (issue #16): the header's link shows the button that sends it."""
    client.force_login(user)
    page = client.get(reverse("customer:logout"))
    assert page.status_code == 200 and 'id="logout-form"' in page.content.decode()
    assert "_auth_user_id" in client.session
    client.post(reverse("customer:logout"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("customer:logout"))["Location"] == "/"


def test_the_product_listing_shows_the_public_products(client):
    shown = make_product(class_slug=PUBLIKASI, title="Statistik Daerah Uji")
    hidden = make_product(class_slug=PUBLIKASI, title="Draf Tersembunyi")
    hidden.is_public = False
    hidden.save()
    page = client.get(reverse("catalogue:index")).content.decode()
    assert shown.title in page
    assert hidden.title not in page
    assert shown.get_absolute_url() in page


def test_the_category_listing_shows_its_products(client):
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    ProductCategory = get_model("catalogue", "ProductCategory")
    category = Category.add_root(name="Sosial", slug="sosial")
    product = make_product(class_slug=PUBLIKASI, title="Statistik Sosial Uji")
    ProductCategory.objects.create(product=product, category=category)
    make_product(class_slug=PUBLIKASI, title="Statistik Lain")
    page = client.get(category.get_absolute_url()).content.decode()
    assert product.title in page and "Statistik Lain" not in page


def test_the_payment_page_lists_open_bills_and_how_to_pay(client):
    order, billing = billed_order(products=[microdata_with_master()], options=SELECTION)
    client.force_login(order.user)
    response = client.get("/bayar/")
    assert response.status_code == 200
    page = response.content.decode()
    assert billing.code in page and order.number in page
    for way in ("Teller", "ATM", "Internet banking", "luar negeri"):
        assert way.lower() in page.lower(), way
    assert reverse("billing:teller") in page  # the demo bank, while the simulator runs


def test_the_payment_page_shows_only_the_buyers_own_bills(client):
    _order, billing = billed_order(products=[microdata_with_master()], options=SELECTION)
    client.force_login(UserFactory())
    page = client.get("/bayar/").content.decode()
    assert billing.code not in page
    assert "Tidak ada tagihan" in page


def test_the_payment_page_asks_a_visitor_to_sign_in(client):
    response = client.get("/bayar/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_services_page_links_the_survey_and_the_guest_book(client, user):
    client.force_login(user)
    page = client.get(reverse("layanan:index")).content.decode()
    assert reverse("layanan:guest_book") in page
    assert reverse("layanan:survey_general", args=["konsultasi"]) in page


def test_the_account_menu_has_the_download_history_and_payments(client, user):
    client.force_login(user)
    page = client.get(reverse("customer:profile-view")).content.decode()
    assert reverse("library:download-history") in page
    assert reverse("billing:pay") in page


def test_the_home_cards_each_open_their_service(client):
    library_structure()
    page = client.get("/").content.decode()
    assert reverse("layanan:consultation_list") in page
    assert reverse("layanan:recommendation_list") in page


def test_the_checkout_page_leads_back_to_the_basket(client):
    """The checkout hides the shop's header; the buyer journey's screenshot showed no way back."""
    buyer = UserFactory()
    client.force_login(buyer)
    basket_with(buyer, [publication_product()])
    page = client.get("/toko/checkout/payment-details/").content.decode()
    assert f'<a href="{reverse("basket:summary")}" id="back-to-basket">' in page


def test_the_payments_page_has_the_treasury_menu(client):
    """/bayar/bendahara/ was the one treasury page without the bendahara's menu."""
    client.force_login(user_with_role(roles.TREASURER))
    page = client.get(reverse("treasury:payments")).content.decode()
    assert 'class="mb-3 pst-treasury-nav"' in page
    assert reverse("treasury:cashbook") in page
