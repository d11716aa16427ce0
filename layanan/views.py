"""Views of the PST services. They check who asks, call a service, and turn its refusals into
messages; the rules live in ``services.py`` and the reads in ``selectors.py``."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pst import roles
from pst.models import ServiceKind

from . import selectors, services
from .forms import ComplaintForm, StaffNoteForm, TrackForm
from .models import Complaint, ComplaintEvidence, ComplaintStatus

STAFF_ROLES = (roles.OFFICER, roles.HEAD_OF_OFFICE)


def is_staff_member(user) -> bool:
    return any(roles.user_has_role(user, role) for role in STAFF_ROLES)


def staff_required(*role_names: str):
    """Officers (Petugas PST) and the head of office; anonymous users go to the login page."""
    role_names = role_names or STAFF_ROLES

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(roles.user_has_role(request.user, role) for role in role_names):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def login_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def private_file_response(record) -> FileResponse:
    """Stream a private upload as an attachment; callers have checked who asks."""
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Http404("file missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.original_name,
        content_type=record.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def index(request):
    """The services' front door: what each service is, with links to start one."""
    return render(
        request,
        "layanan/index.html",
        {"service_times": selectors.service_times()},
    )


# --- Complaints ------------------------------------------------------------------------------


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


@staff_required()
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


@staff_required()
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


@staff_required()
def complaint_evidence_download(request, pk: int):
    """Evidence is seen by staff only (it may show people and places)."""
    return private_file_response(get_object_or_404(ComplaintEvidence, pk=pk))


@staff_required()
def staff_home(request):
    return render(
        request,
        "layanan/staff/home.html",
        selectors.staff_counts(),
    )
