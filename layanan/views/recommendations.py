"""Recommendation of statistical activities: the application, its thread, the letter and
its public verification, and the staff list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pst import roles
from pst.calendar import service_time_days
from pst.models import ServiceKind

from .. import selectors, services
from ..forms import (
    LetterDraftForm,
    RecommendationForm,
    StaffNoteForm,
)
from ..models import (
    Recommendation,
    RecommendationAttachment,
    RecommendationStatus,
)
from .common import (
    limit_submissions,
    private_file_response,
    staff_required,
)

# --- Recommendation of statistical activities ------------------------------------------------


def recommendation_list(request):
    """Search past recommended activities first, then apply (Romantik's order)."""
    query = request.GET.get("q", "").strip()[:200]
    mine = (
        Recommendation.objects.filter(user=request.user)
        if request.user.is_authenticated
        else Recommendation.objects.none()
    )
    return render(
        request,
        "layanan/recommendation_list.html",
        {
            "activities": selectors.recommended_activities(query=query)[:50],
            "q": query,
            "mine": mine,
            "service_days": service_time_days(ServiceKind.RECOMMENDATION),
        },
    )


def recommendation_plan(data) -> dict:
    return {name: data[name] for name in services.RECOMMENDATION_FIELDS}


@login_required
@limit_submissions("recommendation")
def recommendation_create(request):
    form = RecommendationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_submit(
                user=request.user,
                plan=recommendation_plan(form.cleaned_data),
                attachments=form.cleaned_data["attachments"],
                note=form.cleaned_data["note"],
            )
        except (services.ServiceError, services.UploadRejected) as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Your request %(number)s was submitted.") % {"number": recommendation.number},
            )
            return redirect("layanan:recommendation_detail", pk=recommendation.pk)
    return render(request, "layanan/recommendation_form.html", {"form": form})


_RECOMMENDATION_ACTIONS = {
    "request_completion": services.recommendation_request_completion,
    "reject": services.recommendation_reject,
}


@login_required
def recommendation_detail(request, pk: int):
    recommendation = get_object_or_404(Recommendation.objects.select_related("user"), pk=pk)
    if not selectors.can_view_recommendation(recommendation, request.user):
        raise Http404("not yours")
    user = request.user
    is_owner = recommendation.user_id == user.pk
    officer = roles.user_has_role(user, roles.OFFICER)
    head = roles.user_has_role(user, roles.HEAD_OF_OFFICE)
    completion_form = None
    if is_owner and recommendation.status == RecommendationStatus.NEEDS_COMPLETION:
        initial = {name: getattr(recommendation, name) for name in services.RECOMMENDATION_FIELDS}
        completion_form = RecommendationForm(
            request.POST or None, request.FILES or None, initial=initial
        )
    note_form = StaffNoteForm(request.POST or None)
    letter_form = LetterDraftForm(
        request.POST or None, initial={"letter_text": recommendation.letter_text}
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "resubmit" and completion_form is not None:
                if not completion_form.is_valid():
                    raise services.ServiceError(_("Correct the errors in the form."))
                services.recommendation_resubmit(
                    recommendation=recommendation,
                    user=user,
                    plan=recommendation_plan(completion_form.cleaned_data),
                    attachments=completion_form.cleaned_data["attachments"],
                    note=completion_form.cleaned_data["note"],
                )
            elif action in _RECOMMENDATION_ACTIONS and note_form.is_valid():
                _RECOMMENDATION_ACTIONS[action](
                    recommendation=recommendation, officer=user, note=note_form.cleaned_data["note"]
                )
            elif action == "accept" and note_form.is_valid():
                services.recommendation_accept(
                    recommendation=recommendation, officer=user, note=note_form.cleaned_data["note"]
                )
            elif action == "draft" and letter_form.is_valid():
                services.recommendation_draft_letter(
                    recommendation=recommendation,
                    officer=user,
                    letter_text=letter_form.cleaned_data["letter_text"],
                )
            elif action == "issue":
                services.recommendation_issue(recommendation=recommendation, head=user)
            else:
                raise services.ServiceError(_("Check the form and try again."))
        except (services.ServiceError, services.UploadRejected) as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("layanan:recommendation_detail", pk=recommendation.pk)
    return render(
        request,
        "layanan/recommendation_detail.html",
        {
            "r": recommendation,
            "is_owner": is_owner,
            "officer": officer,
            "head": head,
            "completion_form": completion_form,
            "note_form": StaffNoteForm(),
            "letter_form": letter_form,
            "events": recommendation.events.select_related("actor"),
            "attachments": recommendation.attachments.all(),
            "survey_done": selectors.survey_done(services.subject_key_for(recommendation)),
            "is_late": bool(
                recommendation.due_at
                and recommendation.status != RecommendationStatus.ISSUED
                and timezone.now() > recommendation.due_at
            ),
        },
    )


@login_required
def recommendation_attachment(request, pk: int):
    attachment = get_object_or_404(
        RecommendationAttachment.objects.select_related("recommendation"), pk=pk
    )
    if not selectors.can_view_recommendation(attachment.recommendation, request.user):
        raise Http404("not yours")
    return private_file_response(attachment)


@login_required
def recommendation_letter(request, pk: int):
    recommendation = get_object_or_404(Recommendation, pk=pk, status=RecommendationStatus.ISSUED)
    if not selectors.can_view_recommendation(recommendation, request.user):
        raise Http404("not yours")
    try:
        handle = recommendation.letter_pdf.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("letter missing") from None
    filename = f"rekomendasi-{recommendation.number}.pdf"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def letter_verify(request, token: str):
    """Public page the QR code on the letter opens: is this a letter the office issued? Shows
    the number, date, activity and organiser, nothing else of the request."""
    recommendation = Recommendation.objects.filter(
        verification_token=token, status=RecommendationStatus.ISSUED
    ).first()
    return render(
        request,
        "layanan/letter_verify.html",
        {"r": recommendation},
        status=200 if recommendation else 404,
    )


@staff_required
def staff_recommendations(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "layanan/staff/recommendations.html",
        {
            "recommendations": selectors.recommendations_for_staff(status=status),
            "statuses": RecommendationStatus.choices,
            "status": status,
            "now": timezone.now(),
        },
    )
