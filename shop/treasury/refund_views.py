"""Refund cases on the bendahara's desk and the officer's order page (issue #20).

- ``/bendahara/pengembalian/``: every case, the open ones first (the Bendahara only);
- ``/bendahara/pengembalian/<pk>/``: one case and the form that records the refund paid;
- ``/bendahara/pengembalian/buka/<line_pk>/`` (POST): a Petugas PST or the bendahara opens the
  case of a paid line from the order desk (``templates/treasury/_refund_open.html``);
- ``/bayar/pengembalian/<pk>/surat/``: the letter of apology and refund, for the buyer of the
  order and the office's staff, to read and print.

Views translate forms and refusals into messages; the rules are :mod:`.services.refunds`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pst import roles
from pst.clock import local_date
from pst.errors import Refused
from pst.terbilang import terbilang
from shop.order.models import Line

from . import selectors, services
from .forms import RefundOpenForm, RefundSettleForm
from .models import RefundCase
from .services.receipts import current_receipt

#: Who opens a case: the officer answers for what the buyer receives; the bendahara holds the
#: money. Who reads the letter besides the buyer: the staff who read orders.
OPENERS = (roles.OFFICER, roles.TREASURER)
LETTER_READERS = (roles.OFFICER, roles.TREASURER, roles.HEAD_OF_OFFICE)


@roles.role_required(roles.TREASURER)
def refund_list(request):
    page = Paginator(selectors.refund_cases_listed(), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "treasury/refunds/list.html",
        {"page": page, "open_count": selectors.open_refund_cases().count()},
    )


@roles.role_required(roles.TREASURER)
def refund_settle(request, pk: int):
    case = get_object_or_404(
        RefundCase.objects.select_related("order__user", "line", "payment", "opened_by"), pk=pk
    )
    form = None if case.settled else RefundSettleForm(request.POST or None)
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            services.refund_case_settle(
                case=case,
                by=request.user,
                paid_on=data["paid_on"],
                method=data["method"],
                reference=data["reference"],
            )
        except services.RefundError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The refund was recorded; the buyer was told."))
            return redirect("treasury:refund-settle", pk=case.pk)
    return render(
        request,
        "treasury/refunds/settle.html",
        {"case": case, "form": form, "receipt": current_receipt(case.order)},
    )


def _back_to(request, order) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


@require_POST
@roles.role_required(*OPENERS)
def refund_open(request, line_pk: int):
    line = get_object_or_404(Line.objects.select_related("order"), pk=line_pk)
    form = RefundOpenForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Write why the product cannot be delivered before opening the case.")
        )
        return redirect(_back_to(request, line.order))
    try:
        case = services.refund_case_open(
            line=line, by=request.user, reason=form.cleaned_data["reason"]
        )
    except Refused as error:  # the service's, or a refund_case_check receiver's (delivered)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Refund case opened for “%(title)s”; the buyer was sent the letter of apology.")
            % {"title": case.line.title},
        )
    return redirect(_back_to(request, line.order))


@login_required
def refund_letter(request, pk: int):
    case = get_object_or_404(
        RefundCase.objects.select_related("order__user", "line", "payment", "settled_by"), pk=pk
    )
    if case.order.user_id != request.user.pk and not roles.has_role(request.user, *LETTER_READERS):
        raise Http404  # never say that someone else's order exists
    return render(
        request,
        "treasury/refunds/letter.html",
        {
            "case": case,
            "order": case.order,
            "buyer": case.order.user,
            "receipt": current_receipt(case.order),
            "opened_on": local_date(case.opened_at),
            "amount_words": terbilang(case.amount),
            "office_address": settings.PST_OFFICE_ADDRESS,
            "office_city": settings.PST_OFFICE_CITY,
        },
    )
