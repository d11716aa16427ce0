"""The bendahara's pages under ``/bendahara/`` (issue #9). Only the Bendahara role (and
superusers, who hold every role) reaches them: anyone else logged in gets 403, anonymous users
the login page. The views translate forms and refusals into messages; every state change goes
through :mod:`shop.treasury.services`."""

from __future__ import annotations

import functools
import uuid
from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pst import roles
from pst.clock import office_today
from pst.storage import private_storage

from . import exports, selectors, services
from .forms import ColumnMappingForm, DepositForm, ReconcileForm, ResolveForm, StatementUploadForm
from .models import (
    Account,
    ColumnMapping,
    ExceptionKind,
    ReconciliationException,
    ReconciliationResult,
    StatementFile,
)
from .statements import StatementError

_STAGED = "treasury_staged_statement"


def treasurer_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.user_has_role(request.user, roles.TREASURER):
            raise PermissionDenied(_("Only the Bendahara can open this page."))
        return view(request, *args, **kwargs)

    return wrapped


def _today() -> date:
    return office_today()


def _month_param(value: str | None) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        date(year, month, 1)
        return year, month
    except ValueError:
        today = _today()
        return today.year, today.month


# --- dashboard -----------------------------------------------------------------------------------


@treasurer_required
def dashboard(request):
    year, month = _month_param(request.GET.get("bulan"))
    start, end = selectors.month_bounds(year, month)
    report = selectors.report(start=start, end=end)
    per_day = selectors.chart_bars((str(row["day"].day), row["amount"]) for row in report.by_day)
    per_type = selectors.chart_bars(
        (
            (exports.product_type_name(row["product_type"]), row["amount"])
            for row in report.by_product_type
        ),
        length=240,
        step=26,
    )
    return render(
        request,
        "treasury/dashboard.html",
        {
            "report": report,
            "month": f"{year:04d}-{month:02d}",
            "per_day": per_day,
            "per_day_width": max(1, len(per_day)) * 14,
            "per_type": per_type,
            "per_type_height": max(1, len(per_type)) * 26,
            "open_exceptions": selectors.open_exception_count(),
            "deposit_warnings": selectors.deposit_warnings(),
            "statement_files": StatementFile.objects.select_related("uploaded_by")[:5],
            "results": ReconciliationResult.objects.all()[:5],
        },
    )


# --- statement import ----------------------------------------------------------------------------


def _discard_staged(request) -> None:
    staged = request.session.pop(_STAGED, None)
    if staged:
        private_storage().delete(staged["name"])


@treasurer_required
def statement_upload(request):
    """Step 1: upload and preview (a dry run of the import); the file waits in the private
    store until the bendahara confirms or uploads another."""
    if not ColumnMapping.objects.exists():
        messages.info(request, _("First save the column mapping of the bank's statement."))
        return redirect("treasury:mappings")
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        bank = form.cleaned_data["bank"].name
        try:
            preview = services.statement_import(
                file=upload.file, bank=bank, user=request.user, dry_run=True
            )
        except StatementError as error:
            if error.line is not None:
                form.add_error(
                    "file",
                    _("The file was rejected, nothing was imported. Line %(line)s: %(reason)s")
                    % {"line": error.line, "reason": error.reason},
                )
            else:
                form.add_error(
                    "file",
                    _("The file was rejected, nothing was imported: %(reason)s")
                    % {"reason": error.reason},
                )
        except services.TreasuryError as error:
            form.add_error(None, error.message)
        else:
            _discard_staged(request)
            services.staging_prune()
            upload.file.seek(0)
            name = private_storage().save(
                f"{services.STAGING_DIR}/{uuid.uuid4().hex}", File(upload)
            )
            token = uuid.uuid4().hex
            request.session[_STAGED] = {
                "name": name,
                "token": token,
                "bank": bank,
                "filename": upload.name[-200:],
            }
            return render(
                request,
                "treasury/statement_preview.html",
                {"preview": preview, "token": token, "filename": upload.name, "bank": bank},
            )
    return render(request, "treasury/statement_upload.html", {"form": form})


@treasurer_required
@require_POST
def statement_confirm(request):
    """Step 2: import the previewed file and reconcile the days it covers."""
    staged = request.session.get(_STAGED)
    if not staged or staged["token"] != request.POST.get("token"):
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("treasury:import")
    storage = private_storage()
    try:
        with storage.open(staged["name"], "rb") as handle:
            result = services.statement_import(
                file=handle,
                bank=staged["bank"],
                user=request.user,
                filename=staged["filename"],
            )
    except (StatementError, services.TreasuryError) as error:
        _discard_staged(request)
        messages.error(request, str(error))
        return redirect("treasury:import")
    _discard_staged(request)
    run = services.reconcile_run(user=request.user, statement_file=result.statement_file)
    messages.success(
        request,
        _("%(new)s new lines imported, %(known)s already imported before.")
        % {"new": result.lines_new, "known": result.lines_known},
    )
    return redirect("treasury:result", pk=run.pk)


@treasurer_required
def statement_download(request, pk: int):
    """The original statement file, to the bendahara only (the private store has no URL)."""
    statement = get_object_or_404(StatementFile, pk=pk)
    if not statement.file:
        raise Http404
    return FileResponse(
        statement.file.open("rb"), as_attachment=True, filename=statement.original_name
    )


@treasurer_required
def mappings(request, pk: int | None = None):
    instance = get_object_or_404(ColumnMapping, pk=pk) if pk else None
    form = ColumnMappingForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Column mapping saved."))
        return redirect("treasury:mappings")
    return render(
        request,
        "treasury/mappings.html",
        {"form": form, "mappings": ColumnMapping.objects.all(), "editing": instance},
    )


# --- reconciliation ------------------------------------------------------------------------------


@treasurer_required
@require_POST
def reconcile(request):
    form = ReconcileForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid period."))
        return redirect("treasury:exceptions")
    try:
        run = services.reconcile_run(
            user=request.user, start=form.cleaned_data["start"], end=form.cleaned_data["end"]
        )
    except services.TreasuryError as error:
        messages.error(request, error.message)
        return redirect("treasury:exceptions")
    return redirect("treasury:result", pk=run.pk)


@treasurer_required
def result_detail(request, pk: int):
    run = get_object_or_404(ReconciliationResult, pk=pk)
    counts = [
        (label, run.counts.get(value, 0))
        for value, label in [("matched", _("matched")), *ExceptionKind.choices]
    ]
    return render(
        request,
        "treasury/result.html",
        {
            "run": run,
            "counts": counts,
            "exceptions": selectors.exceptions_with_status()
            .filter(found_in=run)
            .select_related("statement_line")[:200],
        },
    )


@treasurer_required
def exceptions(request):
    status = request.GET.get("status", "open")
    kind = request.GET.get("kind", "")
    queryset = (
        selectors.open_exceptions() if status == "open" else selectors.exceptions_with_status()
    )
    if kind in ExceptionKind.values:
        queryset = queryset.filter(kind=kind)
    page = Paginator(queryset.select_related("statement_line"), 50).get_page(
        request.GET.get("page")
    )
    today = _today()
    return render(
        request,
        "treasury/exceptions.html",
        {
            "page": page,
            "status": status,
            "kind": kind,
            "kinds": ExceptionKind.choices,
            "reconcile_form": ReconcileForm(initial={"start": today.replace(day=1), "end": today}),
        },
    )


@treasurer_required
def exception_detail(request, pk: int):
    exception = get_object_or_404(ReconciliationException, pk=pk)
    is_open = selectors.exception_is_open(exception)
    form = ResolveForm(request.POST or None, is_open=is_open)
    if request.method == "POST" and form.is_valid():
        try:
            services.exception_resolve(
                exception=exception,
                user=request.user,
                action=form.cleaned_data["action"],
                note=form.cleaned_data["note"],
            )
        except services.TreasuryError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Resolution recorded."))
            return redirect("treasury:exception", pk=exception.pk)
    return render(
        request,
        "treasury/exception_detail.html",
        {
            "exception": exception,
            "is_open": is_open,
            "resolutions": exception.resolutions.select_related("resolved_by"),
            "found_in": exception.found_in.all()[:20],
            "form": form,
        },
    )


# --- cash book -----------------------------------------------------------------------------------


@treasurer_required
def cashbook_view(request):
    year, month = _month_param(request.GET.get("bulan"))
    book = request.GET.get("buku", "")
    if book not in Account.values:
        book = ""
    start, end = selectors.month_bounds(year, month)
    return render(
        request,
        "treasury/cashbook.html",
        {
            "book": book,
            "books": Account.choices,
            "month": f"{year:04d}-{month:02d}",
            "data": selectors.cashbook_rows(start=start, end=end, account=book or None),
            "warnings": selectors.deposit_warnings(),
            "missing_payments": len(selectors.payments_missing_from_cashbook(limit=1)),
            "deposit_form": DepositForm(
                initial={"account": Account.CASH, "deposited_at": timezone.localtime()}
            ),
        },
    )


@treasurer_required
@require_POST
def deposit(request):
    form = DepositForm(request.POST)
    if form.is_valid():
        try:
            services.cashbook_record_deposit(
                account=form.cleaned_data["account"],
                amount=form.cleaned_data["amount"],
                deposited_at=form.cleaned_data["deposited_at"],
                ntpn=form.cleaned_data["ntpn"],
                reference=form.cleaned_data["reference"],
                user=request.user,
            )
        except services.TreasuryError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Deposit recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("treasury:cashbook")


@treasurer_required
@require_POST
def cashbook_sync(request):
    count = services.cashbook_sync_payments(by=request.user)
    messages.success(request, _("%(count)s payments entered in the cash book.") % {"count": count})
    return redirect("treasury:cashbook")


# --- reports -------------------------------------------------------------------------------------


@treasurer_required
def report_view(request):
    day_text = request.GET.get("hari")
    if day_text:
        try:
            start = end = datetime.strptime(day_text, "%Y-%m-%d").date()
        except ValueError:
            start = end = _today()
        period = {"hari": start.isoformat()}
    else:
        year, month = _month_param(request.GET.get("bulan"))
        start, end = selectors.month_bounds(year, month)
        period = {"bulan": f"{year:04d}-{month:02d}"}
    report = selectors.report(start=start, end=end)
    stem = f"laporan-penerimaan-{start:%Y%m%d}-{end:%Y%m%d}"
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        response = HttpResponse(
            exports.report_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    if fmt == "pdf":
        pdf = exports.report_pdf(
            report,
            treasurer_name=request.user.get_full_name() or request.user.email,
            treasurer_nip=request.user.nip,
            on=_today(),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
        return response
    rows = [
        {
            **row,
            "label": exports.product_type_label(row["product_type"]),
            "item_label": exports.tariff_item_label(row["tariff_item"]),
        }
        for row in report.rows
    ]
    return render(
        request,
        "treasury/report.html",
        {
            "report": report,
            "rows": rows,
            "title": exports.report_title(report),
            "period": period,
            "query": "&".join(f"{k}={v}" for k, v in period.items()),
        },
    )
