"""Payment, kuitansi and delivery pages (issue #8). Views translate requests into service calls
and refusals into Indonesian messages; the rules live in ``services.py``.

Who may see what: the notification endpoint answers only signed requests; the bank teller is
staff-only and exists only with the simulator adapter; bendahara pages need the Bendahara role
(``pst.roles.TREASURER``); a buyer reaches only the payment pages, kuitansi and files of their
own orders; the kuitansi verification page is public and shows no personal details.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pst import roles
from pst.formats import format_datetime
from pst.net import client_ip

from . import selectors, services
from .forms import (
    BpnForm,
    CashForm,
    ReasonForm,
    ReceiptCorrectionForm,
    ResolveExceptionForm,
    SppdForm,
    TellerForm,
    TransferProofForm,
    TransferVerifyForm,
)
from .models import (
    Billing,
    DeliveryItem,
    Payment,
    PaymentException,
    Receipt,
    SppdUpload,
    TransferProof,
)
from .simponi.interface import SimponiError


def _order_model():
    from shop.order.models import Order

    return Order


def _order_url(order) -> str:
    return reverse("customer:order", kwargs={"order_number": order.number})


def _buyer_order(request, number: str):
    """The asking buyer's own order, else 404 (never say that someone else's exists)."""
    return get_object_or_404(_order_model(), number=number, user=request.user)


def treasurer_required(view):
    @functools.wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not roles.user_has_role(request.user, roles.TREASURER):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _private_file(field, content_type: str, **kwargs) -> FileResponse:
    """Stream a file of the private store; callers have checked who asks."""
    response = FileResponse(field.open("rb"), content_type=content_type, **kwargs)
    response["Cache-Control"] = "private, no-store"
    return response


# --- machine notification --------------------------------------------------------------------


@csrf_exempt
@require_POST
def simponi_notify(request):
    """Signed payment notification (``simponi/signing.py``). 200 with what happened, 403 for a
    bad signature, stale timestamp or replayed nonce, 400 for a malformed body."""
    try:
        result = services.notification_receive(body=request.body, headers=request.headers)
    except services.NotificationRefused as refusal:
        return JsonResponse({"status": "refused", "reason": refusal.reason}, status=refusal.status)
    if result.payment is not None:
        state = "duplicate" if result.duplicate else "accepted"
    else:
        state = "exception"
    return JsonResponse({"status": state})


# --- the buyer's payment page ----------------------------------------------------------------


@login_required
def pay_home(request):
    """``/bayar/``: the buyer's open bills with their kode billing and expiry, how to pay from
    home and from abroad, the demo bank while the simulator runs, and the kuitansi."""
    panels = selectors.buyer_payment_panels(request.user)
    return render(
        request,
        "billing/pay_home.html",
        {
            "open_bills": [(order, panel) for order, panel in panels if panel.payable],
            "receipts": [(order, panel) for order, panel in panels if panel.receipt],
            "simulator": settings.SIMPONI_ADAPTER.endswith("simulator.SimulatorAdapter"),
            # the teller refuses office staff (``teller``), so they are not offered it
            "staff": request.user.is_staff or _is_office_staff(request.user),
        },
    )


# --- bank teller (simulator) -----------------------------------------------------------------


@login_required
def teller(request):
    """The demo bank's teller screen (SIMPONI simulator): pay a kode billing, get NTPN and NTB.

    It stands for the buyer's bank, not an office desk, so office staff get no pay button and
    a buyer pays only the codes of their own bills (issue #15, finding 1: any staff member could
    mark any code paid). Gone (404) when a real SIMPONI adapter is configured."""
    if not settings.SIMPONI_ADAPTER.endswith("simulator.SimulatorAdapter"):
        raise Http404("the bank teller belongs to the SIMPONI simulator")
    if request.user.is_staff or _is_office_staff(request.user):
        return render(request, "billing/teller_staff.html", status=403)
    from .simponi.simulator import teller_pay

    form = TellerForm(request.POST or None)
    paid = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if not Billing.objects.filter(code=code, invoice__order__user=request.user).exists():
            form.add_error("code", _("This kode billing is not one of your bills."))
        else:
            try:
                paid, _result = teller_pay(code=code)
            except SimponiError as error:
                form.add_error("code", str(error))
    return render(request, "billing/teller.html", {"form": form, "paid": paid})


# --- buyer -----------------------------------------------------------------------------------


@login_required
@require_POST
def billing_create(request, number: str):
    order = _buyer_order(request, number)
    invoice = order.current_invoice
    if invoice is None:
        messages.error(request, _("This order has no invoice yet."))
        return redirect(_order_url(order))
    try:
        billing = services.billing_issue(invoice=invoice, by=request.user)
    except services.BillingError as error:
        messages.error(request, error.message)
    except SimponiError:
        messages.error(request, _("SIMPONI cannot be reached now; please try again later."))
    else:
        messages.success(request, _("Your kode billing is %(code)s.") % {"code": billing.code})
    return redirect(_order_url(order))


@login_required
@require_POST
def billing_reissue(request, pk: int):
    billing = get_object_or_404(Billing, pk=pk)
    order = billing.invoice.order
    if order.user_id != request.user.pk and not request.user.is_staff:
        raise Http404
    try:
        new = services.billing_reissue(billing=billing, by=request.user)
    except services.BillingError as error:
        messages.error(request, error.message)
    except SimponiError:
        messages.error(request, _("SIMPONI cannot be reached now; please try again later."))
    else:
        messages.success(request, _("New kode billing: %(code)s.") % {"code": new.code})
    return redirect(_order_url(order))


@login_required
def transfer_proof_upload(request, number: str):
    order = _buyer_order(request, number)
    invoice = order.current_invoice
    if invoice is None:
        raise Http404
    if services.order_is_closed(order):
        messages.error(
            request,
            _(
                "This order is cancelled or rejected and can no longer be paid. If you have "
                "already transferred money, contact the bendahara for a refund."
            ),
        )
        return redirect(_order_url(order))
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
        except services.BillingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Your transfer proof was received; the bendahara will verify it.")
            )
            return redirect(_order_url(order))
    return render(
        request,
        "billing/transfer_proof_form.html",
        {
            "form": form,
            "order": order,
            "invoice": invoice,
            "account": settings.PNBP_TRANSFER_ACCOUNT,
        },
    )


@login_required
@require_POST
def sppd_upload(request, number: str):
    order = _buyer_order(request, number)
    form = SppdForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the signed SPPD file to upload."))
        return redirect(_order_url(order))
    try:
        services.sppd_upload(order=order, buyer=request.user, upload=form.cleaned_data["sppd"])
        if services.current_receipt(order) is not None:
            services.delivery_prepare(order=order, by=request.user)
    except services.BillingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The signed SPPD was received."))
    return redirect(_order_url(order))


def _is_office_staff(user) -> bool:
    return any(
        roles.user_has_role(user, role)
        for role in (roles.TREASURER, roles.OFFICER, roles.HEAD_OF_OFFICE)
    )


@login_required
def sppd_file(request, pk: int):
    """The signed SPPD scan: its uploader and the office's staff only."""
    sppd = get_object_or_404(SppdUpload.objects.select_related("order"), pk=pk)
    if sppd.order.user_id != request.user.pk and not _is_office_staff(request.user):
        raise Http404
    return _private_file(sppd.file, sppd.content_type)


@login_required
@require_POST
def sppd_originals_received(request, pk: int):
    """The officer records that the signed originals (on meterai) arrived by post."""
    sppd = get_object_or_404(SppdUpload.objects.select_related("order"), pk=pk)
    try:
        services.sppd_mark_originals_received(sppd=sppd, by=request.user)
    except services.BillingError as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, _("The signed originals of the SPPD are recorded as received."))
    return redirect(reverse("dashboard:order-detail", kwargs={"number": sppd.order.number}))


def _may_see_receipt(user, receipt: Receipt) -> bool:
    return receipt.invoice.order.user_id == user.pk or _is_office_staff(user)


@login_required
def receipt_pdf(request, pk: int):
    receipt = get_object_or_404(Receipt.objects.select_related("invoice__order"), pk=pk)
    if not _may_see_receipt(request.user, receipt) or not receipt.pdf:
        raise Http404
    return _private_file(
        receipt.pdf, "application/pdf", filename=receipt.pdf_filename, as_attachment=True
    )


def receipt_verify(request, token: str):
    """Public: is this kuitansi genuine? Number, date, amount, status; no buyer details."""
    receipt = selectors.receipt_for_verification(token)
    return render(
        request,
        "billing/receipt_verify.html",
        {"receipt": receipt},
        status=200 if receipt is not None else 404,
    )


@login_required
@require_POST
def delivery_download(request, token: str):
    """POST only, so a link preview never spends one of the buyer's downloads."""
    item = DeliveryItem.objects.filter(token=token).select_related("order").first()
    if item is None or item.buyer_id != request.user.pk:
        raise Http404
    try:
        stream = services.delivery_download(
            item=item,
            user=request.user,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    except services.DeliveryRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(_order_url(item.order))
    response = StreamingHttpResponse(stream.chunks, content_type=stream.content_type)
    if stream.size:
        response["Content-Length"] = str(stream.size)
    response["Content-Disposition"] = f'attachment; filename="{stream.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- bendahara -------------------------------------------------------------------------------


@treasurer_required
def treasurer_home(request):
    return render(
        request,
        "billing/treasurer_home.html",
        {
            "awaiting_receipt": selectors.payments_awaiting_receipt(),
            "exceptions": selectors.open_exceptions(),
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
        except services.BillingError as error:
            form.add_error(None, error.message)
        else:
            _confirmation_message(request, result)
            return redirect("billing:treasurer")
    return render(request, "billing/bpn_form.html", {"form": form})


@treasurer_required
def cash_entry(request):
    form = CashForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from shop.order.models import Invoice

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
            except services.BillingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Cash recorded. Deposit it by %(due)s.")
                    % {"due": format_datetime(payment.deposit_due_at)},
                )
                return redirect("billing:treasurer")
    return render(request, "billing/cash_form.html", {"form": form})


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
                    return redirect("billing:treasurer")
            else:
                reject_form = ReasonForm(request.POST, prefix="reject")
                if reject_form.is_valid():
                    services.transfer_proof_reject(
                        proof=proof, by=request.user, reason=reject_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Transfer proof rejected; the buyer is told why."))
                    return redirect("billing:treasurer")
        except services.BillingError as error:
            messages.error(request, error.message)
    return render(
        request,
        "billing/transfer_proof_review.html",
        {
            "proof": proof,
            "verify_form": verify_form,
            "reject_form": reject_form,
            "order_closed": services.order_is_closed(proof.invoice.order),
        },
    )


@treasurer_required
def transfer_proof_file(request, pk: int):
    proof = get_object_or_404(TransferProof, pk=pk)
    return _private_file(proof.file, proof.content_type)


@treasurer_required
@require_POST
def receipt_issue(request, payment_pk: int):
    payment = get_object_or_404(Payment, pk=payment_pk)
    try:
        # One transaction: a worker killed between the two (issue #23) would leave a kuitansi
        # whose delivery nobody prepares, and pressing the button again refuses a second one.
        with transaction.atomic():
            receipt = services.receipt_issue(payment=payment, by=request.user)
            result = services.delivery_prepare(order=payment.invoice.order, by=request.user)
    except services.BillingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Kuitansi %(number)s issued.") % {"number": receipt.number})
        if result.held:
            messages.info(request, _("Microdata is held until the signed SPPD is uploaded."))
        for reason in result.unavailable:
            messages.warning(request, reason)
    return redirect("billing:treasurer")


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
        except services.BillingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Kuitansi %(new)s replaces %(old)s.")
                % {"new": new.number, "old": receipt.number},
            )
            return redirect("billing:treasurer")
    return render(request, "billing/receipt_correct.html", {"form": form, "receipt": receipt})


@treasurer_required
def exception_resolve(request, pk: int):
    exception = get_object_or_404(PaymentException, pk=pk)
    form = ResolveExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_exception_resolve(
                exception=exception, by=request.user, resolution=form.cleaned_data["resolution"]
            )
        except services.BillingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Exception resolved."))
            return redirect("billing:treasurer")
    return render(request, "billing/exception_resolve.html", {"form": form, "exception": exception})
