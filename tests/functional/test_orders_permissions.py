"""Who may see and act on an order (issue #7 "Done when"): a buyer never sees another buyer's
order or documents, also by guessing numbers and ids; a reader without the Petugas PST role
cannot open the dashboard; only an officer acts on the desk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pst import roles
from shop.order import services
from shop.order.workflow import OrderStatus
from tests.factories import UserFactory, user_with_role
from tests.factories.catalogue import microdata_product
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoiced():
    """An invoiced order of its own buyer, with documents and an invoice PDF (a microdata
    order: the abstraksi and SPPD; a publication alone needs no upload, issue #17)."""
    officer = user_with_role(roles.OFFICER)
    order = submitted_order(products=[microdata_product()])
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(order=order, officer=officer)
    return services.order_issue_invoice(order=order, officer=officer)


def _private_urls(order):
    urls = [
        reverse("customer:order", kwargs={"order_number": order.number}),
        reverse(
            "orders:invoice",
            kwargs={"number": order.number, "invoice_id": order.current_invoice.pk},
        ),
    ]
    urls += [
        reverse("orders:document", kwargs={"number": order.number, "document_id": d.pk})
        for d in order.documents.all()
    ]
    return urls


def test_the_buyer_sees_own_order_invoice_and_documents(client, invoiced):
    client.force_login(invoiced.user)
    for url in _private_urls(invoiced):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(_private_urls(invoiced)[0]).content.decode()
    assert invoiced.current_invoice.number in page
    assert 'id="order-timeline"' in page


def test_the_short_address_leads_to_my_orders(client, invoiced):
    client.force_login(invoiced.user)
    response = client.get("/toko/pesanan/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("customer:order-list")
    assert invoiced.number in response.content.decode()


def test_another_buyer_gets_404_everywhere(client, invoiced):
    client.force_login(UserFactory())
    for url in _private_urls(invoiced):
        assert client.get(url).status_code == 404, url


def test_guessing_a_document_id_under_ones_own_order_number_fails(client, invoiced):
    """A document id of another order, put under one's own order number, is not served."""
    mine = submitted_order()
    client.force_login(mine.user)
    for document in invoiced.documents.all():
        url = reverse("orders:document", kwargs={"number": mine.number, "document_id": document.pk})
        assert client.get(url).status_code == 404
    url = reverse(
        "orders:invoice",
        kwargs={"number": mine.number, "invoice_id": invoiced.current_invoice.pk},
    )
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, invoiced):
    for url in _private_urls(invoiced):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


@pytest.mark.parametrize("action", ["cancel", "request-correction", "complete", "resubmit"])
def test_another_buyer_cannot_act(client, invoiced, action):
    client.force_login(UserFactory())
    url = reverse("orders:buyer-action", kwargs={"number": invoiced.number, "action": action})
    assert client.post(url, {"note": "iseng"}).status_code == 404
    invoiced.refresh_from_db()
    assert invoiced.status == OrderStatus.INVOICED


def test_staff_of_the_office_may_read_the_invoice_but_only_the_officer_the_buyers_papers(
    client, invoiced
):
    """Least privilege (issue #15, finding 10; docs/permissions.md)."""
    from shop.order.models import BUYER_DOCUMENT_KINDS

    invoice = _private_urls(invoiced)[1]
    documents = [
        reverse("orders:document", kwargs={"number": invoiced.number, "document_id": d.pk})
        for d in invoiced.documents.filter(kind__in=BUYER_DOCUMENT_KINDS)
    ]
    assert documents
    client.force_login(user_with_role(roles.HEAD_OF_OFFICE))
    assert client.get(invoice).status_code == 200
    for url in documents:
        assert client.get(url).status_code == 404, url
    client.force_login(user_with_role(roles.OFFICER))
    for url in documents:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["reader", "librarian", "staff_without_role"], ids=lambda w: w)
def test_the_dashboard_is_closed_to_non_officers(client, invoiced, who):
    from tests.factories import StaffUserFactory

    user = {
        "reader": lambda: UserFactory(),
        "librarian": lambda: user_with_role(roles.LIBRARIAN),
        "staff_without_role": lambda: StaffUserFactory(),
    }[who]()
    client.force_login(user)
    for url in (
        reverse("dashboard:order-list"),
        reverse("dashboard:order-detail", kwargs={"number": invoiced.number}),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
    url = reverse("dashboard:order-action", kwargs={"number": invoiced.number, "action": "cancel"})
    response = client.post(url, {"note": "x"})
    assert response.status_code in (302, 403)
    invoiced.refresh_from_db()
    assert invoiced.status == OrderStatus.INVOICED


def test_a_treasurer_reads_the_desk_but_cannot_act_as_officer(client, invoiced):
    client.force_login(user_with_role(roles.TREASURER))
    desk = reverse("dashboard:order-detail", kwargs={"number": invoiced.number})
    assert client.get(desk).status_code == 200
    url = reverse(
        "dashboard:order-action", kwargs={"number": invoiced.number, "action": "answer-correction"}
    )
    client.post(url, {"note": "x", "reissue": "on"})
    invoiced.refresh_from_db()
    assert invoiced.status == OrderStatus.INVOICED


def test_the_officer_queue_and_desk_render(client, invoiced):
    client.force_login(user_with_role(roles.OFFICER))
    queue = client.get(reverse("dashboard:order-list"))
    assert queue.status_code == 200
    assert invoiced.number in queue.content.decode()
    desk = client.get(reverse("dashboard:order-detail", kwargs={"number": invoiced.number}))
    assert desk.status_code == 200
    assert 'id="officer-actions"' in desk.content.decode()


def test_my_orders_lists_only_ones_own_orders_in_indonesian(client, invoiced):
    other = submitted_order()
    client.force_login(invoiced.user)
    page = client.get(reverse("customer:order-list")).content.decode()
    assert "Pesanan saya" in page and 'id="nav-my-orders"' in page
    assert invoiced.number in page and "Invoice terbit" in page
    assert other.number not in page
