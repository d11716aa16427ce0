"""The satisfaction survey (SKM) and the staff's IKM pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pst import ikm
from pst.clock import office_today
from pst.models import ServiceKind
from pst.pdfdoc import MONTHS_ID

from .. import charts, reports, selectors, services
from ..forms import (
    SurveyForm,
)
from ..models import (
    Channel,
    Complaint,
    ComplaintStatus,
    Consultation,
    ConsultationStatus,
    QueueStatus,
    QueueTicket,
    Recommendation,
    RecommendationStatus,
    SatisfactionSurvey,
)
from .common import (
    XLSX_TYPE,
    limit_submissions,
    staff_required,
)

# --- Satisfaction survey (SKM) ---------------------------------------------------------------


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
        subject_key=services.subject_key_for(subject),
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
        subject_key=services.subject_key_for(ticket),
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


@staff_required
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


@staff_required
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
