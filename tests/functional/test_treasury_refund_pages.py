"""Issue #20, the refund cases through the test client: the officer opens a case from the order
desk for a paid line that was not delivered, the bendahara lists the cases (open first, paged)
and records the refund, the buyer reads the letter of apology; every page is guarded by role
(a buyer or a reader gets 403/404) and speaks Indonesian and English."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from pst import roles
from pst.clock import office_today
from shop.treasury import services
from shop.treasury.models import RefundCase, RefundSettlement
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import paid_order_with_receipt
from tests.factories.catalogue import publication_product
from tests.functional.test_one_voice import english_leaks, indonesian_leaks

pytestmark = pytest.mark.django_db

REASON = "Master publikasi ditarik karena rusak."


@pytest.fixture
def treasurer():
    return user_with_role(roles.TREASURER)


@pytest.fixture
def paid():
    order, _payment, receipt = paid_order_with_receipt(
        products=[publication_product(title="Statistik Satu"), publication_product(title="Dua")]
    )
    return order


@pytest.fixture
def case(paid, officer):
    return services.refund_case_open(
        line=paid.lines.get(title="Statistik Satu"), by=officer, reason=REASON
    )


def _desk(order) -> str:
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


# --- the officer's side ------------------------------------------------------------------------


def test_the_order_desk_offers_a_case_per_paid_line_and_opens_it(
    client, paid, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    page = client.get(_desk(paid)).content.decode()
    assert 'id="refund-panel"' in page
    lines = list(paid.lines.order_by("pk"))
    for line in lines:
        assert reverse("treasury:refund-open", args=[line.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("treasury:refund-open", args=[lines[0].pk]),
            {"reason": REASON, "next": _desk(paid)},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == _desk(paid)
    case = RefundCase.objects.get()
    assert (case.line, case.opened_by) == (lines[0], officer)
    page = response.content.decode()
    assert "surat permohonan maaf" in page.lower()  # the success message
    assert "sedang dikembalikan" in page
    assert reverse("billing:refund-letter", args=[case.pk]) in page
    assert reverse("treasury:refund-open", args=[lines[0].pk]) not in page
    assert reverse("treasury:refund-open", args=[lines[1].pk]) in page
    assert len(mail.outbox) == 1


def test_a_refusal_comes_back_to_the_desk_as_a_message(client, case, officer):
    client.force_login(officer)
    response = client.post(
        reverse("treasury:refund-open", args=[case.line.pk]), {"reason": "Lagi"}, follow=True
    )
    assert "sudah memiliki kasus" in response.content.decode()
    response = client.post(
        reverse("treasury:refund-open", args=[case.order.lines.get(title="Dua").pk]),
        {"reason": " "},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == _desk(case.order)
    assert "Tuliskan alasan" in response.content.decode()
    assert RefundCase.objects.count() == 1


def test_an_unpaid_order_shows_no_refund_panel(client, officer):
    order, _payment, _receipt = paid_order_with_receipt(receipt=False)
    client.force_login(officer)
    assert 'id="refund-panel"' not in client.get(_desk(order)).content.decode()


def test_the_head_of_office_sees_the_cases_but_no_button(client, case):
    client.force_login(user_with_role(roles.HEAD_OF_OFFICE))
    page = client.get(_desk(case.order)).content.decode()
    assert 'id="refund-panel"' in page and "refund-open-form" not in page


@pytest.mark.parametrize(
    "who",
    [lambda: UserFactory(), lambda: user_with_role(roles.HEAD_OF_OFFICE)],
    ids=["reader", "head"],
)
def test_only_an_officer_or_the_bendahara_may_post_a_case(client, paid, who):
    client.force_login(who())
    response = client.post(
        reverse("treasury:refund-open", args=[paid.lines.first().pk]), {"reason": REASON}
    )
    assert response.status_code == 403 and not RefundCase.objects.exists()


def test_the_buyer_may_not_open_a_case_on_their_own_order(client, paid):
    client.force_login(paid.user)
    response = client.post(
        reverse("treasury:refund-open", args=[paid.lines.first().pk]), {"reason": REASON}
    )
    assert response.status_code == 403 and not RefundCase.objects.exists()


def test_opening_is_a_post(client, paid, officer):
    client.force_login(officer)
    assert (
        client.get(reverse("treasury:refund-open", args=[paid.lines.first().pk])).status_code == 405
    )


def test_an_anonymous_post_goes_to_the_login_page(client, paid):
    response = client.post(
        reverse("treasury:refund-open", args=[paid.lines.first().pk]), {"reason": REASON}
    )
    assert response.status_code == 302 and "login" in response["Location"]


def test_next_may_not_lead_off_the_site(client, paid, officer):
    client.force_login(officer)
    response = client.post(
        reverse("treasury:refund-open", args=[paid.lines.first().pk]),
        {"reason": REASON, "next": "https://evil.example/"},
    )
    assert response["Location"] == _desk(paid)


# --- the bendahara's pages ----------------------------------------------------------------------


def test_the_bendahara_lists_the_cases_open_first_and_records_a_refund(
    client, case, treasurer, officer, django_capture_on_commit_callbacks
):
    other = services.refund_case_open(
        line=case.order.lines.get(title="Dua"), by=officer, reason=REASON
    )
    services.refund_case_settle(case=other, by=treasurer, paid_on=office_today(), method="tunai")
    client.force_login(treasurer)
    listing = client.get(reverse("treasury:refunds")).content.decode()
    assert listing.index(f'data-case="{case.pk}"') < listing.index(f'data-case="{other.pk}"')
    assert 'class="refund-open"' in listing and 'class="refund-settled"' in listing
    assert reverse("treasury:refunds") in listing  # the nav link
    url = reverse("treasury:refund-settle", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'id="refund-settle-form"' in page and REASON in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"paid_on": office_today().isoformat(), "method": "transfer", "reference": "SP2D-9"},
            follow=True,
        )
    settlement = RefundSettlement.objects.get(case=case)
    assert settlement.reference == "SP2D-9" and settlement.recorded_by == treasurer
    page = response.content.decode()
    assert 'id="refund-settled"' in page and 'id="refund-settle-form"' not in page
    assert len(mail.outbox) == 1 and "SP2D-9" in mail.outbox[0].body


def test_a_refused_settlement_is_shown_on_the_form(client, case, treasurer):
    client.force_login(treasurer)
    url = reverse("treasury:refund-settle", args=[case.pk])
    future = (office_today() + timedelta(days=2)).isoformat()
    page = client.post(url, {"paid_on": future, "method": "tunai", "reference": ""})
    assert page.status_code == 200 and "masa depan" in page.content.decode()
    page = client.post(url, {"paid_on": office_today().isoformat(), "method": "transfer"})
    assert "SP2D" in page.content.decode() and not RefundSettlement.objects.exists()


def test_the_list_is_paged(client, treasurer, officer):
    for _ in range(26):
        order, _payment, _receipt = paid_order_with_receipt()
        services.refund_case_open(line=order.lines.get(), by=officer, reason=REASON)
    client.force_login(treasurer)
    first = client.get(reverse("treasury:refunds")).content.decode()
    assert first.count('class="refund-open"') == 25 and "?page=2" in first
    second = client.get(reverse("treasury:refunds") + "?page=2").content.decode()
    assert second.count('class="refund-open"') == 1


@pytest.mark.parametrize(
    "who",
    [
        lambda: UserFactory(),
        lambda: user_with_role(roles.OFFICER),
        lambda: user_with_role(roles.HEAD_OF_OFFICE),
    ],
    ids=["reader", "officer", "head"],
)
def test_the_bendahara_pages_are_hers_alone(client, case, who):
    client.force_login(who())
    for url in (reverse("treasury:refunds"), reverse("treasury:refund-settle", args=[case.pk])):
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("treasury:refund-settle", args=[case.pk]),
        {"paid_on": office_today().isoformat(), "method": "tunai"},
    )
    assert response.status_code == 403 and not RefundSettlement.objects.exists()


def test_the_buyer_of_the_case_gets_403_on_the_bendahara_pages(client, case):
    client.force_login(case.order.user)
    assert client.get(reverse("treasury:refund-settle", args=[case.pk])).status_code == 403


# --- the letter ---------------------------------------------------------------------------------


def test_the_buyer_and_the_staff_read_the_letter_and_no_one_else(client, case, treasurer):
    url = reverse("billing:refund-letter", args=[case.pk])
    client.force_login(case.order.user)
    page = client.get(url).content.decode()
    assert "Surat permohonan maaf dan pengembalian dana" in page
    assert case.order.number in page and "Statistik Satu" in page and REASON in page
    assert "nomor rekening" in page
    for staff in (treasurer, user_with_role(roles.OFFICER), user_with_role(roles.HEAD_OF_OFFICE)):
        client.force_login(staff)
        assert client.get(url).status_code == 200
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_settled_letter_says_when_the_money_was_returned(client, case, treasurer):
    services.refund_case_settle(
        case=case, by=treasurer, paid_on=office_today(), method="transfer", reference="SP2D-1"
    )
    client.force_login(case.order.user)
    page = client.get(reverse("billing:refund-letter", args=[case.pk])).content.decode()
    assert 'id="letter-settled"' in page and "SP2D-1" in page and "nomor rekening" not in page


# --- the two languages --------------------------------------------------------------------------


@pytest.mark.parametrize("settled", [False, True], ids=["open", "settled"])
def test_the_pages_speak_indonesian_and_english(client, case, treasurer, settled):
    if settled:
        services.refund_case_settle(case=case, by=treasurer, paid_on=office_today(), method="tunai")
    pages = [
        (treasurer, reverse("treasury:refunds")),
        (treasurer, reverse("treasury:refund-settle", args=[case.pk])),
        (case.order.user, reverse("billing:refund-letter", args=[case.pk])),
        (user_with_role(roles.OFFICER), _desk(case.order)),
    ]
    for who, url in pages:
        client.force_login(who)
        for language, leaks in (("id", english_leaks), ("en", indonesian_leaks)):
            client.cookies["django_language"] = language
            response = client.get(url)
            assert response.status_code == 200, (url, language)
            assert leaks(response.content.decode()) == [], (url, language)
    client.cookies["django_language"] = "en"
    client.force_login(treasurer)
    assert "Refunds" in client.get(reverse("treasury:refunds")).content.decode()
