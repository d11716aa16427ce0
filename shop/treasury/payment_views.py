"""The bendahara's payment desk and the buyer's payment pages kept by the treasury (issue #8,
in the treasury since issue #19). Views translate requests into service calls and refusals into
Indonesian messages; the rules live in ``services``.

Who may see what: the desk needs the Bendahara role (``pst.roles.TREASURER``); a buyer uploads
a transfer proof and downloads the kuitansi of their own orders only; the kuitansi verification
page is public and shows no personal details. The desk's pages live under ``/bendahara/`` with
the rest of the treasury; the buyer's stay under ``/bayar/`` (``config/urls.py``).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pst import roles
from pst.formats import format_datetime
from shop.billing.services import BillingError, order_is_closed
from shop.billing.views import buyer_order, is_office_staff, order_url, private_file
from shop.order.models import Invoice

from . import selectors, services, signals
from .forms import (
    BpnForm,
    CashForm,
    ReasonForm,
    ReceiptCorrectionForm,
    ResolveExceptionForm,
    TransferProofForm,
    TransferVerifyForm,
)
from .models import Payment, PaymentException, Receipt, TransferProof


def treasurer_required(view):
    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not roles.user_has_role(request.user, roles.TREASURER):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# --- the buyer's pages (under /bayar/) -----------------------------------------------------------


@login_required
def transfer_proof_upload(request, number: str):
    order = buyer_order(request, number)
    invoice = order.current_invoice
    if invoice is None:
        raise Http404
    if order_is_closed(order):
        messages.error(
            request,
            _(
                "This order is cancelled or rejected and can no longer be paid. If you have "
                "already transferred money, contact the bendahara for a refund."
            ),
        )
        return redirect(order_url(order))
    form = TransferProofForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.transfer_proof_submit(
                invoice=invoice,
                buyer=request.user,
                upload=data["proof"],
                sender_name=data["sender_name"],
                sender_bank=data["sender_bank"],
                transfer_date=data["transfer_date"],
                amount=data["amount"],
                currency=data["currency"],
            )
        except BillingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Your transfer proof was received; the bendahara will verify it.")
            )
            return redirect(order_url(order))
    return render(
        request,
        "treasury/payments/transfer_proof_form.html",
        {
            "form": form,
            "order": order,
            "invoice": invoice,
            "account": settings.PNBP_TRANSFER_ACCOUNT,
        },
    )


def _may_see_receipt(user, receipt: Receipt) -> bool:
    return receipt.invoice.order.user_id == user.pk or is_office_staff(user)


@login_required
def receipt_pdf(request, pk: int):
    receipt = get_object_or_404(Receipt.objects.select_related("invoice__order"), pk=pk)
    if not _may_see_receipt(request.user, receipt) or not receipt.pdf:
        raise Http404
    return private_file(
        receipt.pdf, "application/pdf", filename=receipt.pdf_filename, as_attachment=True
    )


def receipt_verify(request, token: str):
    """Public: is this kuitansi genuine? Number, date, amount, status; no buyer details."""
    receipt = selectors.receipt_for_verification(token)
    return render(
        request,
        "treasury/payments/receipt_verify.html",
        {"receipt": receipt},
        status=200 if receipt is not None else 404,
    )


# --- bendahara -------------------------------------------------------------------------------


@treasurer_required
def treasurer_home(request):
    return render(
        request,
        "treasury/payments/desk.html",
        {
            "awaiting_receipt": selectors.payments_awaiting_receipt(),
            "exceptions": selectors.open_payment_exceptions(),
            "proofs": selectors.pending_transfer_proofs(),
            "cash": selectors.cash_awaiting_deposit()[:20],
            "receipts": selectors.recent_receipts(20),
        },
    )


def _confirmation_message(request, result) -> None:
    if result.payment is not None and result.duplicate:
        messages.info(request, _("This NTPN was already recorded; nothing changed."))
    elif result.payment is not None:
        messages.success(request, _("Payment confirmed."))
    else:
        messages.warning(
            request,
            _("Not accepted as a payment: %(kind)s. It is listed under exceptions.")
            % {"kind": result.exception.get_kind_display()},
        )


@treasurer_required
def bpn_entry(request):
    form = BpnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.bpn_record(**form.cleaned_data, by=request.user)
        except BillingError as error:
            form.add_error(None, error.message)
        else:
            _confirmation_message(request, result)
            return redirect("treasury:payments")
    return render(request, "treasury/payments/bpn_form.html", {"form": form})


@treasurer_required
def cash_entry(request):
    form = CashForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invoice = Invoice.objects.filter(
            number=form.cleaned_data["invoice_number"].strip(), voided_at__isnull=True
        ).first()
        if invoice is None:
            form.add_error("invoice_number", _("No invoice in force has this number."))
        else:
            try:
                payment = services.cash_record(
                    invoice=invoice, amount=form.cleaned_data["amount"], by=request.user
                )
            except BillingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Cash recorded. Deposit it by %(due)s.")
                    % {"due": format_datetime(payment.deposit_due_at)},
                )
                return redirect("treasury:payments")
    return render(request, "treasury/payments/cash_form.html", {"form": form})


@treasurer_required
def transfer_proof_review(request, pk: int):
    proof = get_object_or_404(TransferProof.objects.select_related("invoice__order"), pk=pk)
    verify_form = TransferVerifyForm(prefix="verify")
    reject_form = ReasonForm(prefix="reject")
    if request.method == "POST":
        try:
            if "verify" in request.POST:
                verify_form = TransferVerifyForm(request.POST, prefix="verify")
                if verify_form.is_valid():
                    result = services.transfer_proof_verify(
                        proof=proof,
                        by=request.user,
                        bank_reference=verify_form.cleaned_data["bank_reference"],
                    )
                    if result.accepted:
                        messages.success(request, _("Transfer verified; the payment is recorded."))
                    else:
                        messages.warning(
                            request,
                            _(
                                "The order is cancelled or rejected: the transfer is not a "
                                "payment. It is listed under exceptions, to be refunded."
                            ),
                        )
                    return redirect("treasury:payments")
            else:
                reject_form = ReasonForm(request.POST, prefix="reject")
                if reject_form.is_valid():
                    services.transfer_proof_reject(
                        proof=proof, by=request.user, reason=reject_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Transfer proof rejected; the buyer is told why."))
                    return redirect("treasury:payments")
        except BillingError as error:
            messages.error(request, error.message)
    return render(
        request,
        "treasury/payments/transfer_proof_review.html",
        {
            "proof": proof,
            "verify_form": verify_form,
            "reject_form": reject_form,
            "order_closed": order_is_closed(proof.invoice.order),
        },
    )


@treasurer_required
def transfer_proof_file(request, pk: int):
    proof = get_object_or_404(TransferProof, pk=pk)
    return private_file(proof.file, proof.content_type)


@treasurer_required
@require_POST
def receipt_issue(request, payment_pk: int):
    payment = get_object_or_404(Payment, pk=payment_pk)
    try:
        # One transaction (issue #23): a worker killed between the kuitansi and its delivery
        # would leave a kuitansi whose files nobody prepares, and pressing the button again
        # refuses a second kuitansi. The delivery (the app after the treasury) prepares the
        # files in its receiver and answers with notes.
        with transaction.atomic():
            receipt = services.receipt_issue(payment=payment, by=request.user)
            answers = signals.receipt_issued.send(sender=Receipt, receipt=receipt, by=request.user)
    except BillingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Kuitansi %(number)s issued.") % {"number": receipt.number})
        for _receiver, notes in answers:
            for level, text in notes or ():
                messages.add_message(request, level, text)
    return redirect("treasury:payments")


@treasurer_required
def receipt_correct(request, pk: int):
    receipt = get_object_or_404(Receipt, pk=pk)
    form = ReceiptCorrectionForm(request.POST or None, initial={"buyer_name": receipt.buyer_name})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.receipt_correct(
                receipt=receipt,
                by=request.user,
                reason=form.cleaned_data["reason"],
                buyer_name=form.cleaned_data["buyer_name"],
            )
        except BillingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Kuitansi %(new)s replaces %(old)s.")
                % {"new": new.number, "old": receipt.number},
            )
            return redirect("treasury:payments")
    return render(
        request, "treasury/payments/receipt_correct.html", {"form": form, "receipt": receipt}
    )


@treasurer_required
def exception_resolve(request, pk: int):
    exception = get_object_or_404(PaymentException, pk=pk)
    form = ResolveExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_exception_resolve(
                exception=exception, by=request.user, resolution=form.cleaned_data["resolution"]
            )
        except BillingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Exception resolved."))
            return redirect("treasury:payments")
    return render(
        request, "treasury/payments/exception_resolve.html", {"form": form, "exception": exception}
    )
