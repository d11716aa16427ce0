"""Views of the PST services. They check who asks, call a service, and turn its refusals into
messages; the rules live in ``services.py`` and the reads in ``selectors.py``."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pst import ikm, roles
from pst.calendar import service_time_days
from pst.clock import office_today
from pst.formats import format_datetime
from pst.links import absolute_url
from pst.models import ServiceKind
from pst.net import rate_limit_subject
from pst.pdfdoc import MONTHS_ID
from pst.ratelimit import RateLimited, rate_limited_response

from . import charts, reports, selectors, services
from .forms import (
    ComplaintForm,
    ConsultationForm,
    GuestBookForm,
    LetterDraftForm,
    MessageForm,
    PublishForm,
    RecommendationForm,
    StaffNoteForm,
    SurveyForm,
    TrackForm,
    WalkInConsultationForm,
)
from .models import (
    Channel,
    ClosedReason,
    Complaint,
    ComplaintEvidence,
    ComplaintStatus,
    Consultation,
    ConsultationAttachment,
    ConsultationStatus,
    GuestBookEntry,
    QueueStatus,
    QueueTicket,
    Recommendation,
    RecommendationAttachment,
    RecommendationStatus,
    SatisfactionSurvey,
)
from .ratelimit import form_submission_count

STAFF_ROLES = (roles.OFFICER, roles.HEAD_OF_OFFICE)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def limit_submissions(scope: str):
    """Count each POST of a public form against ``PST_FORM_RATE_LIMITS[scope]``
    (``layanan.ratelimit``), per account when signed in, else per client address; past the
    limit the visitor gets a 429 page with the minutes to wait, not the form's work. Put it
    inside ``login_required`` so the account is the one counted."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                try:
                    form_submission_count(scope=scope, subject=rate_limit_subject(request))
                except RateLimited as limited:
                    return rate_limited_response(request, "layanan/rate_limited.html", limited)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


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
        {
            "service_times": selectors.service_times(),
            "survey_services": [c for c in ServiceKind.choices if c[0] != ServiceKind.COMPLAINT],
        },
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
        # the counter is the officers' (staff_queue): the kepala is not offered its 403
        {**selectors.staff_counts(), "counter": roles.user_has_role(request.user, roles.OFFICER)},
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
            "survey_done": selectors.survey_done(survey_key(consultation)),
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
@staff_required(roles.OFFICER)
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


@staff_required()
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


# --- Satisfaction survey (SKM) ---------------------------------------------------------------


def survey_key(subject) -> str:
    return services.subject_key_for(subject)


def _survey_subject(request, kind: str, pk: int):
    """The completed service a logged-in user answers the survey about, or 404."""
    if kind == "konsultasi":
        subject = get_object_or_404(
            Consultation, pk=pk, user=request.user, status=ConsultationStatus.CLOSED
        )
        return subject, ServiceKind.CONSULTATION
    if kind == "rekomendasi":
        subject = get_object_or_404(
            Recommendation, pk=pk, user=request.user, status=RecommendationStatus.ISSUED
        )
        return subject, ServiceKind.RECOMMENDATION
    if kind == "pengaduan":
        subject = get_object_or_404(
            Complaint, pk=pk, complainant=request.user, status=ComplaintStatus.CLOSED
        )
        return subject, ServiceKind.COMPLAINT
    raise Http404("unknown service")


def _survey_form(request, *, service, subject_key, respondent, channel, back_url):
    form = SurveyForm(request.POST or None)
    if selectors.survey_done(subject_key):
        return render(request, "layanan/survey_done.html", {"back_url": back_url})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.survey_submit(
                service=service,
                scores=[data[name] for name in SatisfactionSurvey.ELEMENT_FIELDS],
                respondent=respondent,
                subject_key=subject_key,
                suggestion=data["suggestion"],
                channel=channel,
            )
        except services.ServiceError as refusal:
            form.add_error(None, refusal.message)
        else:
            return render(
                request, "layanan/survey_done.html", {"back_url": back_url, "thanks": True}
            )
    return render(
        request,
        "layanan/survey_form.html",
        {"form": form, "service_label": ServiceKind(service).label},
    )


@login_required
@limit_submissions("survey")
def survey_for_service(request, kind: str, pk: int):
    """SKM after a completed consultation, issued recommendation or closed complaint."""
    subject, service = _survey_subject(request, kind, pk)
    return _survey_form(
        request,
        service=service,
        subject_key=survey_key(subject),
        respondent=request.user,
        channel=getattr(subject, "channel", Channel.ONLINE),
        back_url=reverse("layanan:index"),
    )


@limit_submissions("survey")
def survey_for_ticket(request, token: str):
    """SKM for a walk-in visit, reached from the link or QR on the queue ticket; no account
    needed, once per ticket, and only after the visitor was served."""
    ticket = get_object_or_404(QueueTicket, survey_token=token, status=QueueStatus.SERVED)
    return _survey_form(
        request,
        service=ticket.service,
        subject_key=survey_key(ticket),
        respondent=request.user if request.user.is_authenticated else None,
        channel=Channel.WALK_IN,
        back_url=reverse("layanan:index"),
    )


@login_required
@limit_submissions("survey")
def survey_general(request, service: str):
    """SKM about a library or shop service (the surveys of those services link here); once
    per user, service and day."""
    if service not in ServiceKind.values:
        raise Http404("unknown service")
    key = f"user:{request.user.pk}:{service}:{office_today():%Y-%m-%d}"
    return _survey_form(
        request,
        service=service,
        subject_key=key,
        respondent=request.user,
        channel=Channel.ONLINE,
        back_url=reverse("layanan:index"),
    )


# --- Staff: SKM / IKM ------------------------------------------------------------------------


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = office_today().year
    return min(max(year, 2000), 2100)


@staff_required()
def staff_skm(request):
    """IKM per service and month with charts, and the exports (``?format=csv|xlsx``)."""
    year = _year(request)
    service = request.GET.get("layanan", "")
    if service not in ServiceKind.values:
        service = ""
    since, until = selectors.period_bounds(year)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        qs = selectors.surveys(service=service, since=since, until=until)
        name = f"skm-{year}{'-' + service if service else ''}"
        if export == "csv":
            response = HttpResponse(reports.surveys_csv(qs), content_type="text/csv")
        else:
            response = HttpResponse(
                reports.surveys_xlsx(qs, selectors.ikm_by_service(since=since, until=until)),
                content_type=XLSX_TYPE,
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{export}"'
        return response
    by_service = selectors.ikm_by_service(since=since, until=until)
    chosen = selectors.ikm_of(service=service, since=since, until=until)
    element_chart = charts.bar_chart(
        [(f"U{e.value} {e.label}", chosen.nrr_of(e) if chosen else None) for e in ikm.Element],
        maximum=4,
        title=_("Average score per element (NRR, 1-4)"),
        decimals=3,
    )
    monthly = selectors.ikm_by_month(year=year, service=service)
    month_chart = charts.bar_chart(
        [(MONTHS_ID[m - 1], r.converted if r else None) for m, r in monthly],
        maximum=100,
        title=_("IKM per month (25-100)"),
    )
    return render(
        request,
        "layanan/staff/skm.html",
        {
            "year": year,
            "service": service,
            "services": ServiceKind.choices,
            "by_service": by_service,
            "chosen": chosen,
            "element_chart": mark_safe(element_chart),  # noqa: S308 - built from numbers, escaped
            "month_chart": mark_safe(month_chart),  # noqa: S308
            "monthly": monthly,
            "months": MONTHS_ID,
        },
    )


@staff_required()
def staff_skm_report(request, year: int):
    """The yearly SKM report as a PDF on the office letterhead."""
    pdf = reports.yearly_survey_report(
        year=year,
        signer_name=selectors.head_of_office_name(),
        signer_nip=selectors.head_of_office_nip(),
        signer_role="Kepala Kantor",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="laporan-skm-{year}.pdf"'
    return response


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


def _plan(data) -> dict:
    return {name: data[name] for name in services.RECOMMENDATION_FIELDS}


@login_required
@limit_submissions("recommendation")
def recommendation_create(request):
    form = RecommendationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = services.recommendation_submit(
                user=request.user,
                plan=_plan(form.cleaned_data),
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
                    plan=_plan(completion_form.cleaned_data),
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
            "survey_done": selectors.survey_done(survey_key(recommendation)),
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


@staff_required()
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


@staff_required(roles.OFFICER)
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


@staff_required(roles.OFFICER)
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


@staff_required(roles.OFFICER)
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
                plan=_plan(data),
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


# --- Performance report ----------------------------------------------------------------------


def _month(request) -> tuple[int, int]:
    today = office_today()
    try:
        year, month = (int(part) for part in request.GET.get("bulan", "").split("-"))
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        year, month = today.year, today.month
    return year, month


@staff_required()
def staff_performance(request):
    """The head of office's monthly report per service: requests, within standard, late,
    average time, IKM, complaints; also as PDF (``?format=pdf``)."""
    year, month = _month(request)
    channel = request.GET.get("kanal", "")
    channel = channel if channel in Channel.values else ""
    rows = selectors.performance(year=year, month=month, channel=channel)
    if request.GET.get("format") == "pdf":
        pdf = reports.performance_report(
            year=year,
            month=month,
            rows=rows,
            signer_name=selectors.head_of_office_name(),
            signer_nip=selectors.head_of_office_nip(),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="kinerja-pst-{year}-{month:02d}.pdf"'
        )
        return response
    return render(
        request,
        "layanan/staff/performance.html",
        {
            "rows": rows,
            "year": year,
            "month": month,
            "month_name": MONTHS_ID[month - 1],
            "period": f"{year}-{month:02d}",
            "channel": channel,
            "channels": Channel.choices,
        },
    )
