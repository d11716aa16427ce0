"""Issue #20: "a line that cannot be delivered after payment becomes a refund case for the
bendahara (recorded as such, with the amount), not a silent gap". The services
``refund_case_open`` and ``refund_case_settle`` (shop/treasury/services/refunds.py): the happy
path with its two letters to the buyer, every refusal (nothing written, nothing mailed), the
records append-only and unique, and the selectors the order pages read."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from pst import roles
from pst.appendonly import AppendOnlyError
from pst.clock import office_today
from pst.errors import Refused
from pst.money import MAX_AMOUNT
from shop.delivery.models import DeliveryItem
from shop.order.models import Invoice
from shop.treasury import selectors, services
from shop.treasury.models import RefundCase, RefundMethod, RefundSettlement
from tests.factories import UserFactory, user_with_role
from tests.factories.billing import billed_order, paid_order_with_receipt
from tests.factories.catalogue import publication_product

pytestmark = pytest.mark.django_db

REASON = "Master data mikro ditarik karena ditemukan rusak; belum ada pengganti."


paid_order = paid_order_with_receipt


def _line_total(order, line) -> Decimal:
    for entry in order.current_invoice.quote["lines"]:
        if entry["order_line_id"] == line.pk:
            return Decimal(entry["quote"]["total"])
    raise AssertionError("line not on the invoice")


@pytest.fixture
def treasurer():
    return user_with_role(roles.TREASURER)


def test_an_officer_opens_a_case_with_the_invoiced_amount_and_the_buyer_gets_an_apology(
    officer, django_capture_on_commit_callbacks
):
    order, payment, receipt = paid_order(
        products=[publication_product(title="Statistik A"), publication_product(title="B")]
    )
    line = order.lines.get(title="Statistik A")
    with django_capture_on_commit_callbacks(execute=True):
        case = services.refund_case_open(line=line, by=officer, reason=f"  {REASON} ")
    assert (case.order, case.line, case.payment, case.opened_by) == (
        order,
        line,
        payment,
        officer,
    )
    assert case.amount == _line_total(order, line) > 0
    assert case.amount < payment.amount  # one of two lines, not the whole payment
    assert case.reason == REASON
    assert not case.settled and case.settlement is None
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == [order.user.email]
    assert order.number in letter.subject and "maaf" in letter.subject.lower()
    assert "Statistik A" in letter.body and REASON in letter.body
    assert receipt.number in letter.body
    assert "Rp" in letter.body and "rupiah" in letter.body  # the amount, also in words
    assert "nomor rekening" in letter.body.lower()  # what the buyer must send
    assert f"/bayar/pengembalian/{case.pk}/surat/" in letter.body


def test_the_bendahara_may_open_a_case_and_settles_it_by_transfer(
    treasurer, django_capture_on_commit_callbacks
):
    order, _payment, _receipt = paid_order()
    line = order.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        case = services.refund_case_open(line=line, by=treasurer, reason=REASON)
        settlement = services.refund_case_settle(
            case=case,
            by=treasurer,
            paid_on=office_today(),
            method=RefundMethod.TRANSFER,
            reference=" SP2D-00123/2026 ",
        )
    assert (settlement.case, settlement.recorded_by, settlement.reference) == (
        case,
        treasurer,
        "SP2D-00123/2026",
    )
    case = RefundCase.objects.get(pk=case.pk)
    assert case.settled and case.settlement == settlement
    assert len(mail.outbox) == 2
    paid = mail.outbox[1]
    assert paid.to == [order.user.email] and order.number in paid.subject
    assert "SP2D-00123/2026" in paid.body and "transfer" in paid.body.lower()
    # both steps are on the order's timeline, which the buyer and the officer read
    opened, settled = order.events.filter(kind="refund").order_by("pk")
    assert "dibuka" in opened.note and case.line.title in opened.note
    assert "SP2D-00123/2026" in settled.note and settled.actor == treasurer


def test_a_cash_refund_needs_no_reference(treasurer):
    order, _payment, _receipt = paid_order()
    case = services.refund_case_open(line=order.lines.get(), by=treasurer, reason=REASON)
    settlement = services.refund_case_settle(
        case=case, by=treasurer, paid_on=office_today(), method=RefundMethod.CASH
    )
    assert settlement.reference == "" and settlement.method == RefundMethod.CASH


# --- refusals: nothing written, nothing mailed ---------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        lambda: UserFactory(),
        lambda: user_with_role(roles.HEAD_OF_OFFICE),
        lambda: user_with_role(roles.LIBRARIAN),
        lambda: None,
    ],
    ids=["buyer", "head", "librarian", "nobody"],
)
def test_only_an_officer_or_the_bendahara_opens_a_case(who, django_capture_on_commit_callbacks):
    order, _payment, _receipt = paid_order()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Refused) as refused:
        services.refund_case_open(line=order.lines.get(), by=who(), reason=REASON)
    assert refused.value.code == "role" and "Petugas PST atau Bendahara" in refused.value.message
    assert not RefundCase.objects.exists() and not mail.outbox


def test_the_buyers_own_order_gives_them_no_case():
    order, _payment, _receipt = paid_order()
    with pytest.raises(services.RefundError):
        services.refund_case_open(line=order.lines.get(), by=order.user, reason=REASON)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_case_needs_its_reason(officer, reason):
    order, _payment, _receipt = paid_order()
    with pytest.raises(services.RefundError, match="Tuliskan mengapa") as refused:
        services.refund_case_open(line=order.lines.get(), by=officer, reason=reason)
    assert refused.value.code == "reason" and not RefundCase.objects.exists()


def test_an_unpaid_order_has_nothing_to_refund(officer):
    order, _billing = billed_order()
    with pytest.raises(services.RefundError, match="belum dibayar") as refused:
        services.refund_case_open(line=order.lines.get(), by=officer, reason=REASON)
    assert refused.value.code == "unpaid"


def test_a_payment_without_its_kuitansi_is_not_refunded_yet(officer):
    order, _payment, _receipt = paid_order(receipt=False)
    with pytest.raises(services.RefundError, match="kuitansinya belum terbit"):
        services.refund_case_open(line=order.lines.get(), by=officer, reason=REASON)
    assert not RefundCase.objects.exists()


def test_a_second_case_for_the_same_line_is_refused_and_mails_nothing(
    officer, treasurer, django_capture_on_commit_callbacks
):
    order, _payment, _receipt = paid_order()
    line = order.lines.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.refund_case_open(line=line, by=officer, reason=REASON)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.RefundError, match="sudah memiliki kasus") as refused,
    ):
        services.refund_case_open(line=line, by=treasurer, reason="Lagi.")
    assert refused.value.code == "duplicate"
    assert RefundCase.objects.count() == 1 and len(mail.outbox) == 1


def test_a_line_charged_rp0_is_not_a_refund(officer):
    order, _payment, _receipt = paid_order()
    line = order.lines.get()
    invoice = order.current_invoice
    quote = invoice.quote
    quote["lines"][0]["quote"]["total"] = "0"
    Invoice.objects.filter(pk=invoice.pk).update(quote=quote)
    with pytest.raises(services.RefundError, match="Rp0") as refused:
        services.refund_case_open(line=line, by=officer, reason=REASON)
    assert refused.value.code == "nothing_paid"


def test_an_amount_beyond_the_money_bound_is_refused(officer):
    order, _payment, _receipt = paid_order()
    invoice = order.current_invoice
    quote = invoice.quote
    quote["lines"][0]["quote"]["total"] = str(MAX_AMOUNT + 1)
    Invoice.objects.filter(pk=invoice.pk).update(quote=quote)
    with pytest.raises(services.RefundError, match="paling banyak") as refused:
        services.refund_case_open(line=order.lines.get(), by=officer, reason=REASON)
    assert refused.value.code == "amount"


def test_a_line_whose_file_was_delivered_gets_no_case(officer):
    """The delivery knows what was handed over; it answers the treasury's refund_case_check."""
    order, _payment, _receipt = paid_order()
    line = order.lines.get()
    DeliveryItem.objects.create(
        order=order,
        line=line,
        buyer=order.user,
        kind="publication",
        title=line.title,
        token="t" * 43,
        filename="statistik.pdf",
        expires_at=timezone.now() + timedelta(days=7),
        max_downloads=5,
    )
    with pytest.raises(Refused, match="sudah diserahkan") as refused:
        services.refund_case_open(line=line, by=officer, reason=REASON)
    assert refused.value.code == "delivered" and not RefundCase.objects.exists()


@pytest.fixture
def case(officer):
    order, _payment, _receipt = paid_order()
    return services.refund_case_open(line=order.lines.get(), by=officer, reason=REASON)


@pytest.mark.parametrize(
    "who",
    [lambda: user_with_role(roles.OFFICER), lambda: UserFactory(), lambda: None],
    ids=["officer", "buyer", "nobody"],
)
def test_only_the_bendahara_settles(case, who):
    with pytest.raises(services.RefundError, match="Hanya Bendahara") as refused:
        services.refund_case_settle(
            case=case, by=who(), paid_on=office_today(), method="tunai", reference=""
        )
    assert refused.value.code == "role" and not RefundSettlement.objects.exists()


@pytest.mark.parametrize(
    ("paid_on", "method", "reference", "code"),
    [
        (lambda: office_today() + timedelta(days=1), "tunai", "", "paid_on"),
        (lambda: office_today() - timedelta(days=1), "tunai", "", "paid_on"),
        (lambda: office_today(), "transfer", "  ", "reference"),
        (lambda: office_today(), "cek", "X", "method"),
    ],
    ids=["future", "before-the-case", "transfer-without-reference", "unknown-method"],
)
def test_a_settlement_is_refused_with_a_wrong_date_method_or_reference(
    case, treasurer, paid_on, method, reference, code, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.RefundError) as refused,
    ):
        services.refund_case_settle(
            case=case, by=treasurer, paid_on=paid_on(), method=method, reference=reference
        )
    assert refused.value.code == code
    assert not RefundSettlement.objects.exists() and not mail.outbox


def test_a_case_is_settled_once_and_the_buyer_told_once(
    case, treasurer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.refund_case_settle(case=case, by=treasurer, paid_on=office_today(), method="tunai")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.RefundError, match="sudah dicatat selesai"),
    ):
        services.refund_case_settle(
            case=case, by=treasurer, paid_on=office_today(), method="transfer", reference="X1"
        )
    assert RefundSettlement.objects.count() == 1 and len(mail.outbox) == 1


def test_a_rolled_back_case_sends_no_letter(officer, django_capture_on_commit_callbacks):
    order, _payment, _receipt = paid_order()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.refund_case_open(line=order.lines.get(), by=officer, reason=REASON)
        raise RuntimeError("the surrounding step failed")
    assert not RefundCase.objects.exists() and not mail.outbox


# --- append-only and unique --------------------------------------------------------------------


def test_cases_and_settlements_refuse_edits_and_deletions(case, treasurer):
    settlement = services.refund_case_settle(
        case=case, by=treasurer, paid_on=office_today(), method="tunai"
    )
    for row in (case, settlement):
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()
    with pytest.raises(AppendOnlyError):
        RefundCase.objects.filter(pk=case.pk).update(amount=Decimal(1))
    with pytest.raises(AppendOnlyError):
        RefundSettlement.objects.all().delete()


def test_the_database_holds_one_case_per_line_and_one_settlement_per_case(case, treasurer):
    with pytest.raises(IntegrityError), transaction.atomic():
        RefundCase.objects.create(
            order=case.order,
            line=case.line,
            payment=case.payment,
            amount=case.amount,
            reason="x",
            opened_by=treasurer,
        )
    RefundSettlement.objects.create(
        case=case, paid_on=office_today(), method="tunai", recorded_by=treasurer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        RefundSettlement.objects.create(
            case=case, paid_on=office_today(), method="tunai", recorded_by=treasurer
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RefundCase.objects.create(
            order=case.order,
            line=case.line,
            payment=case.payment,
            amount=Decimal(0),
            reason="x",
            opened_by=treasurer,
        )


# --- selectors --------------------------------------------------------------------------------


def test_refund_cases_for_maps_line_ids_to_cases_with_their_settlement(
    officer, treasurer, django_assert_num_queries
):
    order, _payment, _receipt = paid_order(
        products=[publication_product(title="A"), publication_product(title="B")]
    )
    a, b = order.lines.order_by("pk")
    case_a = services.refund_case_open(line=a, by=officer, reason=REASON)
    services.refund_case_settle(case=case_a, by=treasurer, paid_on=office_today(), method="tunai")
    with django_assert_num_queries(1):
        cases = selectors.refund_cases_for(order)
        assert set(cases) == {a.pk}
        assert cases[a.pk].settled and cases[a.pk].settlement.method == "tunai"
    case_b = services.refund_case_open(line=b, by=officer, reason=REASON)
    cases = selectors.refund_cases_for(order)
    assert set(cases) == {a.pk, b.pk} and not cases[b.pk].settled
    assert list(selectors.open_refund_cases()) == [case_b]
    assert list(selectors.refund_cases_listed()) == [case_b, case_a]  # open first
    assert selectors.refund_cases_for(paid_order()[0]) == {}
