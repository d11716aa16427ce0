"""Statistical consultation: the public answers, asking, the thread, and the officer's list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pst import roles
from pst.calendar import service_time_days
from pst.formats import format_datetime
from pst.models import ServiceKind

from .. import selectors, services
from ..forms import (
    ConsultationForm,
    MessageForm,
    PublishForm,
)
from ..models import (
    ClosedReason,
    Consultation,
    ConsultationAttachment,
    ConsultationStatus,
)
from .common import (
    limit_submissions,
    officer_required,
    private_file_response,
    staff_required,
)

# --- Consultation ----------------------------------------------------------------------------


def consultation_list(request):
    """Search first (DOMAIN.md): the site search and the published answers, then the button
    to ask; a logged-in user also sees their own consultations."""
    query = request.GET.get("q", "").strip()[:200]
    mine = (
        Consultation.objects.filter(user=request.user)
        if request.user.is_authenticated
        else Consultation.objects.none()
    )
    return render(
        request,
        "layanan/consultation_list.html",
        {"answers": selectors.published_answers(query=query)[:50], "q": query, "mine": mine},
    )


@login_required
@limit_submissions("consultation")
def consultation_create(request):
    form = ConsultationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_open(
                user=request.user,
                topic=data["topic"],
                subject=data["subject"],
                body=data["body"],
                attachments=data["attachments"],
            )
        except (services.ServiceError, services.UploadRejected) as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Your consultation %(number)s is open. An officer answers by %(due)s.")
                % {
                    "number": consultation.number,
                    "due": format_datetime(consultation.first_answer_due_at),
                },
            )
            return redirect("layanan:consultation_detail", pk=consultation.pk)
    return render(
        request,
        "layanan/consultation_form.html",
        {"form": form, "service_days": service_time_days(ServiceKind.CONSULTATION)},
    )


@login_required
def consultation_detail(request, pk: int):
    consultation = get_object_or_404(Consultation.objects.select_related("user"), pk=pk)
    if not selectors.can_view_consultation(consultation, request.user):
        raise Http404("not yours")
    officer = roles.user_has_role(request.user, roles.OFFICER)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_reply(
                consultation=consultation,
                author=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except (services.ServiceError, services.UploadRejected) as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect("layanan:consultation_detail", pk=consultation.pk)
    thread = consultation.messages.select_related("author").prefetch_related("attachments")
    publish_form = PublishForm(
        initial={
            "public_question": consultation.public_question or (thread[0].body if thread else ""),
            "public_answer": consultation.public_answer,
        }
    )
    return render(
        request,
        "layanan/consultation_detail.html",
        {
            "consultation": consultation,
            "thread": thread,
            "form": form,
            "officer": officer,
            "is_owner": consultation.user_id == request.user.pk,
            "is_late": selectors.consultation_is_late(consultation),
            "publish_form": publish_form,
            "survey_done": selectors.survey_done(services.subject_key_for(consultation)),
        },
    )


@require_POST
@login_required
def consultation_close(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    if not selectors.can_view_consultation(consultation, request.user):
        raise Http404("not yours")
    reason = ClosedReason.USER if consultation.user_id == request.user.pk else ClosedReason.OFFICER
    try:
        services.consultation_close(consultation=consultation, by=request.user, reason=reason)
    except services.ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The consultation is closed."))
    return redirect("layanan:consultation_detail", pk=consultation.pk)


@require_POST
@officer_required
def consultation_publish(request, pk: int):
    consultation = get_object_or_404(Consultation, pk=pk)
    if request.POST.get("unpublish"):
        services.consultation_unpublish(consultation=consultation, officer=request.user)
        messages.success(request, _("The answer is no longer public."))
        return redirect("layanan:consultation_detail", pk=consultation.pk)
    form = PublishForm(request.POST)
    try:
        if not form.is_valid():
            raise services.ServiceError(_("Write the question and the answer to publish."))
        services.consultation_publish(
            consultation=consultation, officer=request.user, **form.cleaned_data
        )
    except services.ServiceError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The answer is published in the list of answered questions."))
    return redirect("layanan:consultation_detail", pk=consultation.pk)


@login_required
def consultation_attachment(request, pk: int):
    attachment = get_object_or_404(
        ConsultationAttachment.objects.select_related("message__consultation"), pk=pk
    )
    if not selectors.can_view_consultation(attachment.message.consultation, request.user):
        raise Http404("not yours")
    return private_file_response(attachment)


@staff_required
def staff_consultations(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "layanan/staff/consultations.html",
        {
            "consultations": selectors.consultations_for_staff(status=status),
            "statuses": ConsultationStatus.choices,
            "status": status,
        },
    )
