"""Complaints: filing and tracking for the public, the officer's list, detail and steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pst.models import ServiceKind

from .. import selectors, services
from ..forms import (
    ComplaintForm,
    StaffNoteForm,
    TrackForm,
)
from ..models import (
    Complaint,
    ComplaintEvidence,
    ComplaintStatus,
)
from .common import (
    limit_submissions,
    private_file_response,
    staff_required,
)

# --- Complaints ------------------------------------------------------------------------------


@limit_submissions("complaint")
def complaint_create(request):
    """Public complaint form; also for visitors without an account (then an e-mail address or
    anonymity is needed). ``?layanan=`` and ``?ref=`` prefill it (links from the library, the
    shop and the order pages)."""
    initial = {}
    if request.GET.get("layanan") in ServiceKind.values:
        initial["service"] = request.GET["layanan"]
    if request.GET.get("ref"):
        initial["reference"] = request.GET["ref"][:100]
    user = request.user if request.user.is_authenticated else None
    form = ComplaintForm(request.POST or None, request.FILES or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        anonymous = data["anonymous"]
        try:
            complaint = services.complaint_create(
                service=data["service"],
                what=data["what"],
                where=data["where"],
                occurred_on=data["occurred_on"],
                who=data["who"],
                how=data["how"],
                reference=data["reference"],
                anonymous=anonymous,
                user=None if anonymous else user,
                contact_name=data.get("contact_name", ""),
                contact_email=data.get("contact_email", ""),
                contact_phone=data.get("contact_phone", ""),
                evidence=data["evidence"],
            )
        except (services.ServiceError, services.UploadRejected) as refusal:
            form.add_error(None, refusal.message)
        else:
            return render(request, "layanan/complaint_filed.html", {"complaint": complaint})
    return render(request, "layanan/complaint_form.html", {"form": form})


def complaint_track(request):
    """Status by tracking code: the only way back for an anonymous complainant. Shows the
    status and the officers' notes, never the evidence or contact data."""
    form = TrackForm(request.GET or None)
    complaint = None
    if form.is_valid():
        complaint = Complaint.objects.filter(
            tracking_code=form.cleaned_data["kode"].strip().upper()
        ).first()
        if complaint is None:
            form.add_error("kode", _("No complaint has this tracking code."))
    return render(request, "layanan/complaint_track.html", {"form": form, "complaint": complaint})


@login_required
def my_complaints(request):
    return render(
        request,
        "layanan/my_complaints.html",
        {"complaints": Complaint.objects.filter(complainant=request.user)},
    )


@staff_required
def staff_complaints(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "layanan/staff/complaints.html",
        {
            "complaints": selectors.complaints_for_staff(status=status),
            "statuses": ComplaintStatus.choices,
            "status": status,
        },
    )


_COMPLAINT_ACTIONS = {
    "verify": services.complaint_verify,
    "follow_up": services.complaint_follow_up,
    "close": services.complaint_close,
    "reject": services.complaint_reject,
}


@staff_required
def staff_complaint_detail(request, pk: int):
    complaint = get_object_or_404(Complaint, pk=pk)
    form = StaffNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = _COMPLAINT_ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            raise Http404("unknown action")
        try:
            action(complaint=complaint, officer=request.user, note=form.cleaned_data["note"])
        except services.ServiceError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The complaint was updated and the complainant told."))
            return redirect("layanan:staff_complaint", pk=complaint.pk)
    return render(
        request,
        "layanan/staff/complaint_detail.html",
        {
            "complaint": complaint,
            "form": form,
            "transitions": selectors.complaint_actions(complaint),
        },
    )


@staff_required
def complaint_evidence_download(request, pk: int):
    """Evidence is seen by staff only (it may show people and places)."""
    return private_file_response(get_object_or_404(ComplaintEvidence, pk=pk))
