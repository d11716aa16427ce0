"""The buyer's actions on an order and the private file downloads (issue #7).

The order pages themselves are Oscar's customer order views with our templates
(``templates/oscar/customer/order/``). Every view here looks the order up through the
requester (buyer of the order, or staff for the downloads) and answers 404 otherwise, so a
guessed number or id tells nothing. Actions call the services only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from pst.ratings import RatingError

from . import forms as order_forms
from . import services
from .models import Invoice, Order
from .selectors import document_for, user_can_view_order


@dataclass(frozen=True)
class Action:
    form: type[forms.Form] | None
    run: Callable[..., object]  # run(order=..., user=..., data=cleaned_data)
    done: str


def perform(request, order: Order, action: Action) -> None:
    """Validate the action's form, call its service, and say what happened."""
    data: dict = {}
    if action.form is not None:
        form = action.form(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return
        data = form.cleaned_data
    try:
        action.run(order=order, user=request.user, data=data)
    except services.OrderActionError as error:
        messages.error(request, error.message)
    except RatingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, action.done)


def call(service, as_: str = "buyer"):
    """``run`` for an :class:`Action`: the service gets the order, the requester under the
    keyword ``as_`` (buyer, officer, actor) and the form's cleaned data as keywords."""
    return lambda *, order, user, data: service(order=order, **{as_: user}, **data)


BUYER_ACTIONS: dict[str, Action] = {
    "upload": Action(
        order_forms.UploadForm,
        call(services.order_upload_document),
        _("The document was uploaded."),
    ),
    "resubmit": Action(
        order_forms.OptionalNoteForm,
        call(services.order_resubmit_documents),
        _("The revised documents were sent to the officer."),
    ),
    "request-correction": Action(
        order_forms.ReasonForm,
        call(services.order_request_correction),
        _("Your correction request was sent."),
    ),
    "request-delivery-correction": Action(
        order_forms.ReasonForm,
        call(services.order_request_delivery_correction),
        _("Your correction request was sent."),
    ),
    "cancel": Action(
        order_forms.OptionalNoteForm,
        call(services.order_cancel, "actor"),
        _("The order was cancelled."),
    ),
    "complete": Action(
        None, call(services.order_complete, "actor"), _("Thank you. The order is completed.")
    ),
    "rate": Action(
        order_forms.RatingForm, call(services.order_rate), _("Thank you for rating our service.")
    ),
}


@login_required
@require_POST
def buyer_action(request, number: str, action: str):
    order = get_object_or_404(Order, number=number, user=request.user)
    if action not in BUYER_ACTIONS:
        raise Http404
    perform(request, order, BUYER_ACTIONS[action])
    return HttpResponseRedirect(reverse("customer:order", kwargs={"order_number": order.number}))


def _private_file(field, filename: str, content_type: str) -> FileResponse:
    handle = field.storage.open(field.name, "rb")
    response = FileResponse(handle, content_type=content_type, as_attachment=False)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_download(request, number: str, document_id: int):
    """Stream an order document to its buyer or to staff (private store, never a URL)."""
    document = document_for(request.user, order_number=number, document_id=document_id)
    if document is None:
        raise Http404
    extension = document.file.name.rsplit(".", 1)[-1]
    filename = f"{document.kind}-v{document.version}-{number}.{extension}"
    return _private_file(document.file, filename, document.content_type)


@login_required
def invoice_download(request, number: str, invoice_id: int):
    invoice = (
        Invoice.objects.select_related("order").filter(pk=invoice_id, order__number=number).first()
    )
    if invoice is None or not user_can_view_order(request.user, invoice.order):
        raise Http404
    filename = invoice.number.replace("/", "-") + ".pdf"
    return _private_file(invoice.pdf, filename, "application/pdf")
