"""Each role lands on its own desk after signing in (issue #16, pst/landing.py)."""

from __future__ import annotations

import pytest

from pst import roles
from tests.factories import UserFactory, user_with_role
from tests.factories.orders import place_order

pytestmark = pytest.mark.django_db

LOGIN = "/toko/accounts/login/"


def _sign_in(client, user, password, next_url=""):
    """The login form as the page renders it: ``?next=`` travels in its hidden field."""
    data = {"login-username": user.email, "login-password": password, "login_submit": "1"}
    if next_url:
        data["login-redirect_url"] = next_url
    return client.post(LOGIN, data)


@pytest.mark.parametrize(
    ("role", "desk"),
    [
        (roles.OFFICER, "/toko/dashboard/orders/"),
        (roles.TREASURER, "/bendahara/"),
        (roles.HEAD_OF_OFFICE, "/layanan/petugas/rekomendasi/?status=draf_surat"),
        (roles.LIBRARIAN, "/cms/"),
        (roles.ADMINISTRATOR, "/django-admin/"),
    ],
)
def test_each_staff_role_lands_on_its_desk(client, password, role, desk):
    response = _sign_in(client, user_with_role(role), password)
    assert response.status_code == 302
    assert response["Location"] == desk
    assert client.get(desk).status_code == 200


def test_a_reader_lands_on_the_e_library(client, user, password):
    assert _sign_in(client, user, password)["Location"] == "/pustaka/"


def test_a_buyer_lands_on_their_orders(client, password):
    buyer = UserFactory()
    place_order(buyer=buyer)
    assert _sign_in(client, buyer, password)["Location"] == "/toko/accounts/orders/"


def test_several_roles_land_on_the_first_in_priority(client, password):
    """Kepala Kantor before Petugas PST (pst.landing.DESKS); the header links the other."""
    user = user_with_role(roles.OFFICER)
    from pst.services import user_assign_role

    user_assign_role(user=user, role=roles.HEAD_OF_OFFICE)
    response = _sign_in(client, user, password)
    assert response["Location"] == "/layanan/petugas/rekomendasi/?status=draf_surat"


def test_a_safe_next_wins_and_an_unsafe_one_is_ignored(client, password):
    officer = user_with_role(roles.OFFICER)
    assert _sign_in(client, officer, password, "/layanan/")["Location"] == "/layanan/"
    client.logout()
    unsafe = _sign_in(client, officer, password, "https://evil.example/")
    assert unsafe["Location"] == "/toko/dashboard/orders/"


def test_an_already_signed_in_visitor_of_the_login_page_goes_to_their_desk(client):
    client.force_login(user_with_role(roles.TREASURER))
    response = client.get(LOGIN, follow=True)
    assert response.redirect_chain[-1][0] == "/bendahara/"


@pytest.mark.parametrize(
    ("role", "desk"),
    [
        (roles.OFFICER, "/toko/dashboard/orders/"),
        (roles.TREASURER, "/bendahara/"),
        (roles.HEAD_OF_OFFICE, "/layanan/petugas/rekomendasi/?status=draf_surat"),
    ],
)
def test_staff_never_see_oscars_stock_dashboard_index(client, role, desk):
    client.force_login(user_with_role(role))
    response = client.get("/toko/dashboard/", follow=True)
    assert response.redirect_chain[-1][0] == desk
    assert "Total open" not in response.content.decode()


def test_an_unverified_account_lands_on_its_profile_which_says_how_to_verify(client, password):
    response = _sign_in(client, UserFactory(unverified=True), password)
    assert response["Location"] == "/toko/accounts/profile/"


def test_a_reader_at_the_dashboard_front_is_refused_as_before(client, user):
    client.force_login(user)
    assert client.get("/toko/dashboard/").status_code in (302, 403)
