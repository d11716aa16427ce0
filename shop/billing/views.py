"""The kode billing pages and SIMPONI's door (issue #8). Views translate requests into service
calls and refusals into Indonesian messages; the rules live in ``services.py``.

Who may see what: the notification endpoint answers only signed requests; the bank teller is a
buyer's page that exists only with the simulator adapter; a buyer creates or re-issues only the
codes of their own orders. The helpers at the top (the buyer's own order, a private file, who
counts as office staff) are shared by the treasury's and the delivery's pages.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pst import roles
from shop.order.models import Order

from . import services
from .forms import TellerForm
from .models import Billing
from .simponi.interface import SimponiError
from .simponi.simulator import teller_pay


def order_url(order) -> str:
    return reverse("customer:order", kwargs={"order_number": order.number})


def buyer_order(request, number: str) -> Order:
    """The asking buyer's own order, else 404 (never say that someone else's exists)."""
    return get_object_or_404(Order, number=number, user=request.user)


def private_file(field, content_type: str, **kwargs) -> FileResponse:
    """Stream a file of the private store; callers have checked who asks."""
    response = FileResponse(field.open("rb"), content_type=content_type, **kwargs)
    response["Cache-Control"] = "private, no-store"
    return response


def is_office_staff(user) -> bool:
    return any(
        roles.user_has_role(user, role)
        for role in (roles.TREASURER, roles.OFFICER, roles.HEAD_OF_OFFICE)
    )


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


# --- bank teller (simulator) -----------------------------------------------------------------


@login_required
def teller(request):
    """The demo bank's teller screen (SIMPONI simulator): pay a kode billing, get NTPN and NTB.

    It stands for the buyer's bank, not an office desk, so office staff get no pay button and
    a buyer pays only the codes of their own bills (issue #15, finding 1: any staff member could
    mark any code paid). Gone (404) when a real SIMPONI adapter is configured."""
    if not settings.SIMPONI_ADAPTER.endswith("simulator.SimulatorAdapter"):
        raise Http404("the bank teller belongs to the SIMPONI simulator")
    if request.user.is_staff or is_office_staff(request.user):
        return render(request, "billing/teller_staff.html", status=403)
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
    order = buyer_order(request, number)
    invoice = order.current_invoice
    if invoice is None:
        messages.error(request, _("This order has no invoice yet."))
        return redirect(order_url(order))
    try:
        billing = services.billing_issue(invoice=invoice, by=request.user)
    except services.BillingError as error:
        messages.error(request, error.message)
    except SimponiError:
        messages.error(request, _("SIMPONI cannot be reached now; please try again later."))
    else:
        messages.success(request, _("Your kode billing is %(code)s.") % {"code": billing.code})
    return redirect(order_url(order))


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
    return redirect(order_url(order))
