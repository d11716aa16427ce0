"""Finding 10 of issue #15: staff saw more than their job needs (bendahara and kepala opened
the user list and buyers' identity documents; petugas, kepala and bendahara viewed
``pst.User`` in the Django admin).

The contract is the table in ``docs/permissions.md``; this test reads it from there and opens
each capability as a user of each role, so the document and the code cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from layanan import services as layanan_services
from pst import roles
from shop.order import services
from shop.order.models import BUYER_DOCUMENT_KINDS
from shop.treasury import services as treasury_services
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import paid_order_with_receipt
from tests.factories.catalogue import microdata_product
from tests.factories.layanan import drafted_recommendation
from tests.factories.orders import submitted_order

pytestmark = pytest.mark.django_db

TABLE = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"

#: column heading in docs/permissions.md → how to make a user of it
ROLE_COLUMNS = {
    "Pembaca": lambda: UserFactory(),
    "Pustakawan": lambda: user_with_role(roles.LIBRARIAN),
    "Petugas PST": lambda: user_with_role(roles.OFFICER),
    "Bendahara": lambda: user_with_role(roles.TREASURER),
    "Kepala Kantor": lambda: user_with_role(roles.HEAD_OF_OFFICE),
    "Administrator": lambda: user_with_role(roles.ADMINISTRATOR),
}


def _table() -> list[tuple[str, str, bool]]:
    """(key, role column, allowed) for every cell of the table."""
    rows = [line for line in TABLE.read_text().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header[:2] == ["key", "capability"], header
    cells = []
    for line in rows[2:]:
        values = [cell.strip() for cell in line.strip("|").split("|")]
        for column, value in zip(header[2:], values[2:], strict=True):
            assert value in ("✓", "✗"), (values[0], column, value)
            cells.append((values[0], column, value == "✓"))
    return cells


@pytest.fixture
def invoiced():
    """A microdata order: the buyer uploaded the abstraksi and SPPD (a publication alone needs
    no upload since issue #17)."""
    officer = user_with_role(roles.OFFICER)
    order = submitted_order(products=[microdata_product()])
    services.order_start_review(order=order, officer=officer)
    services.order_verify_documents(order=order, officer=officer)
    return services.order_issue_invoice(order=order, officer=officer)


def _identity_document(order):
    """A document the buyer uploaded (who may open it is the question, not its kind)."""
    document = order.documents.filter(kind__in=BUYER_DOCUMENT_KINDS).first()
    assert document is not None
    return reverse("orders:document", kwargs={"number": order.number, "document_id": document.pk})


def _letter():
    recommendation = drafted_recommendation(
        user=UserFactory(), officer=user_with_role(roles.OFFICER)
    )
    issued = layanan_services.recommendation_issue(
        recommendation=recommendation, head=user_with_role(roles.HEAD_OF_OFFICE)
    )
    return reverse("layanan:recommendation_letter", args=[issued.pk])


def _refund_case():
    """A refund case of a paid line (issue #20), opened by an officer."""
    order, _payment, _receipt = paid_order_with_receipt()
    return treasury_services.refund_case_open(
        line=order.lines.get(), by=user_with_role(roles.OFFICER), reason="Master rusak."
    )


#: key in the table → a function giving the address that opens the capability
PROBES = {
    "dashboard-users": lambda request: reverse("dashboard:users-index"),
    "buyer-identity-documents": lambda request: _identity_document(
        request.getfixturevalue("invoiced")
    ),
    "order-invoice": lambda request: (
        lambda order: reverse(
            "orders:invoice",
            kwargs={"number": order.number, "invoice_id": order.current_invoice.pk},
        )
    )(request.getfixturevalue("invoiced")),
    "django-admin-users": lambda request: "/django-admin/pst/user/",
    "order-desk": lambda request: reverse("dashboard:order-list"),
    "treasury": lambda request: reverse("treasury:dashboard"),
    "service-desk": lambda request: reverse("layanan:staff_home"),
    "recommendation-letter": lambda request: _letter(),
    "wagtail-admin": lambda request: "/cms/",
    "product-masters": lambda request: reverse(
        "catalogue:master", kwargs={"pk": microdata_product().pk}
    ),
    "refund-cases": lambda request: reverse("treasury:refunds"),
    "refund-letter": lambda request: reverse("billing:refund-letter", args=[_refund_case().pk]),
}

CELLS = _table()


def test_every_row_of_the_table_has_a_probe_and_every_role_a_column():
    assert {key for key, _, _ in CELLS} == set(PROBES)
    assert {column for _, column, _ in CELLS} == set(ROLE_COLUMNS)


@pytest.mark.parametrize(
    ("key", "column", "allowed"),
    CELLS,
    ids=[f"{key}-{column}" for key, column, _ in CELLS],
)
def test_each_role_reaches_exactly_what_the_table_says(client, request, key, column, allowed):
    url = PROBES[key](request)
    client.force_login(ROLE_COLUMNS[column]())
    response = client.get(url)
    if allowed:
        assert response.status_code == 200, (url, response.status_code)
    else:
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "login" in response["Location"], response["Location"]
