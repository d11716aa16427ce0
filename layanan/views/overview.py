"""The services' front door, the officer desk's home and the monthly performance report."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from pst import roles
from pst.clock import office_today
from pst.models import ServiceKind
from pst.pdfdoc import MONTHS_ID

from .. import reports, selectors
from ..models import (
    Channel,
)
from .common import (
    staff_required,
)


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


@staff_required
def staff_home(request):
    return render(
        request,
        "layanan/staff/home.html",
        # the counter is the officers' (staff_queue): the kepala is not offered its 403
        {**selectors.staff_counts(), "counter": roles.user_has_role(request.user, roles.OFFICER)},
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


@staff_required
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
