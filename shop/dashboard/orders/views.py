"""The Petugas PST desk: the queue of orders with their service-time clock, and one order with
its documents and the actions the workflow opens (issue #7). Reading is for the office's
staff roles; acting is checked again by every service (only a Petugas PST may act)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from shop.delivery import services as delivery_services
from shop.order import forms as order_forms
from shop.order import line_drops, services
from shop.order.models import Order
from shop.order.selectors import officer_queue, queue_counts, user_is_order_staff
from shop.order.views import Action, call, perform
from shop.order.workflow import OrderStatus


class StaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not user_is_order_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrderQueueView(StaffOnlyMixin, TemplateView):
    template_name = "oscar/dashboard/orders/order_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        if status and status not in OrderStatus.values:
            status = ""
        counts = queue_counts()
        ctx.update(
            status=status,
            statuses=[(s.value, s.label, counts[s.value]) for s in OrderStatus],
            rows=officer_queue(status=status),
        )
        return ctx


class OrderDeskView(StaffOnlyMixin, TemplateView):
    template_name = "oscar/dashboard/orders/order_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["order"] = get_object_or_404(
            Order.objects.select_related("user"), number=kwargs["number"]
        )
        return ctx


OFFICER_ACTIONS: dict[str, Action] = {
    "start-review": Action(
        None, call(services.order_start_review, "officer"), _("Review started.")
    ),
    "request-revision": Action(
        order_forms.ReasonForm,
        call(services.order_request_revision, "officer"),
        _("The buyer was asked to revise the documents."),
    ),
    "verify": Action(
        order_forms.VerifyForm,
        call(services.order_verify_documents, "officer"),
        _("The request is complete; the service-time clock runs."),
    ),
    "reject": Action(
        order_forms.ReasonForm, call(services.order_reject, "officer"), _("Order rejected.")
    ),
    "issue-invoice": Action(
        None,
        call(services.order_issue_invoice, "officer"),
        _("Invoice, agreement and sample issued."),
    ),
    "answer-correction": Action(
        order_forms.CorrectionAnswerForm,
        call(services.order_answer_correction, "officer"),
        _("The correction was answered."),
    ),
    "mark-delivered": Action(
        order_forms.OptionalNoteForm,
        call(delivery_services.delivery_hand_over, "actor"),
        _("Marked as delivered."),
    ),
    "drop-line": Action(
        order_forms.DropLineForm,
        call(line_drops.order_drop_line, "officer"),
        _("The line was dropped; the buyer was told."),
    ),
    "cancel": Action(
        order_forms.ReasonForm, call(services.order_cancel, "actor"), _("The order was cancelled.")
    ),
}


@require_POST
def order_action(request, number: str, action: str):
    if not user_is_order_staff(request.user):
        raise PermissionDenied
    if action not in OFFICER_ACTIONS:
        raise Http404
    order = get_object_or_404(Order, number=number)
    perform(request, order, OFFICER_ACTIONS[action])
    return HttpResponseRedirect(reverse("dashboard:order-detail", kwargs={"number": number}))
