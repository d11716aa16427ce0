"""The buyer's payment page and the delivery's pages (issue #8; the delivery's own app since
issue #19): ``/bayar/`` itself (open bills, receipts), the signed SPPD upload and its file, the
officer's note that the originals arrived, and the download of a bought file. They stay under
``/bayar/`` with their names in the ``billing`` namespace (``config/urls.py``), the addresses
buyers were sent.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pst.net import client_ip
from shop.billing.services import BillingError
from shop.billing.views import buyer_order, is_office_staff, order_url, private_file
from shop.treasury.services import current_receipt

from . import selectors, services
from .forms import SppdForm
from .models import DeliveryItem, SppdUpload

# --- the buyer's payment page ----------------------------------------------------------------


@login_required
def pay_home(request):
    """``/bayar/``: the buyer's open bills with their kode billing and expiry, how to pay from
    home and from abroad, the demo bank while the simulator runs, and the kuitansi."""
    panels = selectors.buyer_payment_panels(request.user)
    return render(
        request,
        "delivery/pay_home.html",
        {
            "open_bills": [(order, panel) for order, panel in panels if panel.payable],
            "receipts": [(order, panel) for order, panel in panels if panel.receipt],
            "simulator": settings.SIMPONI_ADAPTER.endswith("simulator.SimulatorAdapter"),
            # the teller refuses office staff (``teller``), so they are not offered it
            "staff": request.user.is_staff or is_office_staff(request.user),
        },
    )


@login_required
@require_POST
def sppd_upload(request, number: str):
    order = buyer_order(request, number)
    form = SppdForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the signed SPPD file to upload."))
        return redirect(order_url(order))
    try:
        services.sppd_upload(order=order, buyer=request.user, upload=form.cleaned_data["sppd"])
        if current_receipt(order) is not None:
            services.delivery_prepare(order=order, by=request.user)
    except BillingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The signed SPPD was received."))
    return redirect(order_url(order))


@login_required
def sppd_file(request, pk: int):
    """The signed SPPD scan: its uploader and the office's staff only."""
    sppd = get_object_or_404(SppdUpload.objects.select_related("order"), pk=pk)
    if sppd.order.user_id != request.user.pk and not is_office_staff(request.user):
        raise Http404
    return private_file(sppd.file, sppd.content_type)


@login_required
@require_POST
def sppd_originals_received(request, pk: int):
    """The officer records that the signed originals (on meterai) arrived by post."""
    sppd = get_object_or_404(SppdUpload.objects.select_related("order"), pk=pk)
    try:
        services.sppd_mark_originals_received(sppd=sppd, by=request.user)
    except BillingError as error:
        raise PermissionDenied(error.message) from error
    messages.success(request, _("The signed originals of the SPPD are recorded as received."))
    return redirect(reverse("dashboard:order-detail", kwargs={"number": sppd.order.number}))


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
        return redirect(order_url(item.order))
    response = StreamingHttpResponse(stream.chunks, content_type=stream.content_type)
    if stream.size:
        response["Content-Length"] = str(stream.size)
    response["Content-Disposition"] = f'attachment; filename="{stream.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
