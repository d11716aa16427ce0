"""The walk-in desk: the guest book, the queue display, the counter, and walk-in requests."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pst.clock import office_today
from pst.links import absolute_url

from .. import selectors, services
from ..forms import (
    GuestBookForm,
    RecommendationForm,
    WalkInConsultationForm,
)
from ..models import (
    GuestBookEntry,
    QueueTicket,
)
from .common import (
    limit_submissions,
    officer_required,
)
from .recommendations import recommendation_plan

# --- Walk-in desk ----------------------------------------------------------------------------


@limit_submissions("guest_book")
def guest_book(request):
    """Buku tamu on the counter's kiosk: no account needed; gives a queue number."""
    form = GuestBookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.guest_register(
                user=request.user if request.user.is_authenticated else None,
                **form.cleaned_data,
            )
        except services.ServiceError as refusal:
            form.add_error(None, refusal.message)
        else:
            return render(
                request,
                "layanan/guest_ticket.html",
                {
                    "entry": entry,
                    "ticket": entry.ticket,
                    "survey_url": absolute_url(
                        reverse("layanan:survey_ticket", args=[entry.ticket.survey_token])
                    ),
                },
            )
    return render(request, "layanan/guest_book.html", {"form": form})


def queue_display(request):
    """The counter's screen: numbers being served and how many wait (refreshes itself)."""
    return render(request, "layanan/queue_display.html", selectors.queue_today())


@officer_required
def staff_queue(request):
    if request.method == "POST":
        action = request.POST.get("action")
        counter = request.POST.get("counter", "1")
        try:
            if action == "call":
                ticket = services.queue_call_next(officer=request.user, counter=counter)
                if ticket is None:
                    messages.info(request, _("Nobody is waiting."))
                else:
                    messages.success(
                        request,
                        _("Number %(number)s called to counter %(counter)s.")
                        % {"number": ticket.display_number, "counter": ticket.counter},
                    )
            elif action in ("served", "left"):
                ticket = get_object_or_404(QueueTicket, pk=request.POST.get("ticket"))
                services.queue_finish(
                    officer=request.user, ticket=ticket, served=action == "served"
                )
            else:
                raise Http404("unknown action")
        except services.ServiceError as refusal:
            messages.error(request, refusal.message)
        response = redirect("layanan:staff_queue")
        response.set_cookie("pst_counter", counter[:20], samesite="Lax")
        return response
    today = office_today()
    return render(
        request,
        "layanan/staff/queue.html",
        {
            **selectors.queue_today(),
            "counter": request.COOKIES.get("pst_counter", "1"),
            "guests": GuestBookEntry.objects.filter(created_at__date=today)
            .select_related("ticket")
            .prefetch_related("consultations", "recommendations"),
        },
    )


def _walk_in_guest(pk: int) -> GuestBookEntry:
    return get_object_or_404(GuestBookEntry.objects.select_related("ticket", "user"), pk=pk)


@officer_required
def staff_walk_in_consultation(request, pk: int):
    """The officer opens a consultation for a guest book visitor at the counter and may answer
    and close it on the spot (``services.consultation_open_walk_in``)."""
    guest = _walk_in_guest(pk)
    form = WalkInConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_open_walk_in(
                officer=request.user,
                guest=guest,
                topic=data["topic"],
                subject=data["subject"],
                body=data["body"],
                answer=data["answer"],
                close=data["close"],
                attachments=data["attachments"],
            )
        except (services.ServiceError, services.UploadRejected) as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Walk-in consultation %(number)s recorded.") % {"number": consultation.number},
            )
            return redirect("layanan:consultation_detail", pk=consultation.pk)
    return render(
        request,
        "layanan/staff/walk_in_form.html",
        {
            "guest": guest,
            "form": form,
            "title": _("Walk-in consultation"),
            "form_id": "walk-in-consultation-form",
        },
    )


@officer_required
def staff_walk_in_recommendation(request, pk: int):
    """The officer enters a visitor's activity plan at the counter; the request belongs to
    the applicant's account (``services.recommendation_submit_walk_in``)."""
    guest = _walk_in_guest(pk)
    applicant = services.walk_in_applicant(guest)
    form = RecommendationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = services.recommendation_submit_walk_in(
                officer=request.user,
                guest=guest,
                plan=recommendation_plan(data),
                attachments=data["attachments"],
                note=data["note"],
            )
        except (services.ServiceError, services.UploadRejected) as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Walk-in recommendation request %(number)s recorded.")
                % {"number": recommendation.number},
            )
            return redirect("layanan:recommendation_detail", pk=recommendation.pk)
    return render(
        request,
        "layanan/staff/walk_in_form.html",
        {
            "guest": guest,
            "form": form,
            "applicant": applicant,
            "needs_account": applicant is None,
            "title": _("Walk-in recommendation request"),
            "form_id": "walk-in-recommendation-form",
        },
    )
