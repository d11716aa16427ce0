"""Staff pages of the e-pustaka (issue #4, "Librarians"): trace a leaked copy back to its
download, and the download reports. Both are also linked from the Wagtail admin menu
(``library/wagtail_hooks.py``), where librarians work.

Who may open them: tracing names a reader, so only the Pustakawan role (and superusers);
reports are aggregate figures, also for the Kepala Kantor.
"""

from __future__ import annotations

import datetime
import functools
import logging

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pst import roles

from . import ingest, reports, trace

logger = logging.getLogger(__name__)

TRACE_ROLES = (roles.LIBRARIAN,)
REPORT_ROLES = (roles.LIBRARIAN, roles.HEAD_OF_OFFICE)


def role_required(*allowed: str):
    """Anonymous visitors go to the login page; a signed-in user without one of ``allowed``
    roles gets 403 (``user_has_role`` lets superusers through)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(roles.user_has_role(request.user, role) for role in allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = allowed
        return wrapped

    return decorator


def user_may_trace(user) -> bool:
    return any(roles.user_has_role(user, role) for role in TRACE_ROLES)


def user_may_see_reports(user) -> bool:
    return any(roles.user_has_role(user, role) for role in REPORT_ROLES)


# --- Trace a leaked copy --------------------------------------------------------------------


class LeakedCopyForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Leaked file"),
        help_text=gettext_lazy("The PDF (or PNG/JPEG preview) found outside the e-library."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = ingest.max_pdf_bytes()  # the same limit as a PDF upload in the admin
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest file that can be checked is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        head = upload.read(1024)
        upload.seek(0)
        if not trace.looks_traceable(head):
            raise forms.ValidationError(
                _("This is not a PDF, PNG or JPEG file; upload the leaked copy as it was found.")
            )
        return upload


@role_required(*TRACE_ROLES)
def leak_trace(request):
    """Upload a copy found in the wild; show which download it came from (who, when, IP)."""
    result = None
    form = LeakedCopyForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = trace.trace_upload(upload)
        logger.info(
            "leak trace by %s: %s -> %s",
            request.user.email,
            upload.name,
            result.download_id or result.status,
        )
    return render(
        request,
        "library/staff/leak_trace.html",
        {"form": form, "result": result, "page_title": _("Trace a leaked copy")},
    )


# --- Reports --------------------------------------------------------------------------------


class ReportFilterForm(forms.Form):
    dari = forms.DateField(label=gettext_lazy("From"), required=False)
    sampai = forms.DateField(label=gettext_lazy("Until"), required=False)

    def period(self) -> reports.Period:
        default = reports.Period.default()
        if not self.is_valid():
            return default
        start = self.cleaned_data.get("dari") or default.start
        end = self.cleaned_data.get("sampai") or default.end
        if start > end:
            start, end = end, start
        return reports.Period(start=start, end=min(end, start + datetime.timedelta(days=3660)))


REPORT_TITLES = {
    "month": gettext_lazy("Downloads per month"),
    "top": gettext_lazy("Top publications"),
    "publication": gettext_lazy("Downloads per publication"),
    "subject": gettext_lazy("Downloads per subject"),
}


@role_required(*REPORT_ROLES)
def download_reports(request):
    """The four reports over one period, the monthly chart, and a CSV of each (``?csv=kind``)."""
    form = ReportFilterForm(request.GET or None)
    period = form.period()
    kind = request.GET.get("csv")
    if kind in reports.KINDS:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="unduhan-{kind}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"'
        )
        response.write("\ufeff")  # Excel reads UTF-8 only with the BOM
        reports.write_csv(response, kind, reports.report_rows(kind, period), period)
        return response
    monthly = reports.downloads_per_month(period)
    sections = [
        (kind, REPORT_TITLES[kind], reports.report_rows(kind, period))
        for kind in ("top", "subject", "publication")
    ]
    query = request.GET.copy()
    query.pop("csv", None)
    return render(
        request,
        "library/staff/download_reports.html",
        {
            "form": form,
            "period": period,
            "totals": reports.totals(period),
            "monthly": monthly,
            "bars": reports.chart_bars(monthly),
            "sections": sections,
            "month_title": REPORT_TITLES["month"],
            "query": query.urlencode(),
            "page_title": _("Download reports"),
        },
    )
