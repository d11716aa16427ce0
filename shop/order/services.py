"""Every change to an order, one service per transition of the workflow table (issue #7).

Each service runs in one transaction, locks the order (``select_for_update``), checks the
transition is open from the current status and that the caller may perform it
(``workflow.TRANSITIONS``), records an :class:`~shop.order.models.OrderEvent`, moves Oscar's
status with ``Order.set_status`` (which keeps ``OrderStatusChange`` and the status pipeline in
step) and e-mails the buyer after the commit. Views, the dashboard, the management commands,
``seed_demo``, shop/billing, shop/treasury and shop/delivery (kode billing, payment, receipt,
delivery) call only these.

``actor`` is the user who acts, or ``None`` when the site itself does (SIMPONI payment
confirmation, the auto-close and service-time commands); the table says who may do what.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from catalogue.microdata import MicrodataLayoutError
from catalogue.product_classes import required_documents
from catalogue.selectors import undeliverable_lines
from pst.calendar import service_due_for
from pst.clock import add_months, local_date, office_today
from pst.formats import format_datetime
from pst.ratings import rating_submit
from pst.sequences import next_number
from pst.uploads import ValidatedUpload
from shop.pricing import quotes
from shop.pricing.tariffs import InvalidRequest, NoTariffInForce

from . import documents as order_documents
from . import signals
from .engine import (  # noqa: F401  (OrderActionError, actor_kinds, allowed_transitions and
    # delivery_blockers are re-exported: views, selectors and tests use them)
    OrderActionError,
    _email_buyer,
    _lock,
    _may_deliver,
    _record,
    _transition,
    actor_kinds,
    allowed_transitions,
    delivery_blockers,
)
from .models import (
    BUYER_DOCUMENT_KINDS,
    DocumentKind,
    Invoice,
    Order,
    OrderDocument,
    OrderEventKind,
)
from .workflow import (
    OFFICE_CLOCK_STATUSES,
    Actor,
    OrderStatus,
)

logger = logging.getLogger(__name__)

__all__ = [
    "OrderActionError",
    "order_answer_correction",
    "order_cancel",
    "order_complete",
    "order_issue_invoice",
    "order_mark_awaiting_payment",
    "order_mark_delivered",
    "order_mark_paid",
    "order_mark_receipt_issued",
    "order_rate",
    "order_reject",
    "order_request_correction",
    "order_request_delivery_correction",
    "order_request_revision",
    "order_resubmit_documents",
    "order_send_late_notice",
    "order_start_review",
    "order_submit",
    "order_upload_document",
    "order_verify_documents",
    "orders_autoclose",
    "orders_check_service_time",
]

SERVICE = "penjualan"  # pst.models.ServiceKind: the sale of statistical products


# --- documents -------------------------------------------------------------------------------


def required_document_kinds(order: Order, *, buyer=None) -> list[str]:
    """What the buyer must upload for ``order`` (DOMAIN.md, online requirements): the table
    ``catalogue.product_classes.DOCUMENTS_BY_CLASS`` the product page lists, nothing more."""
    return required_kinds_for(
        product_classes=[line.product.get_product_class().slug for line in order.lines.all()],
        segment=getattr(buyer or order.user, "segment", ""),
        nol_rupiah_requested=order.nol_rupiah_requested,
    )


def required_kinds_for(
    *, product_classes: Iterable[str], segment: str, nol_rupiah_requested: bool
) -> list[str]:
    """The abstraksi and SPPD for microdata and maps; the NPWP for swasta buyers; the cover
    letter when the Rp0 tariff is requested. A publication alone needs no upload (issue #17:
    the checkout asked for SPPD and KTP the product page never listed)."""

    return required_documents(
        product_classes=product_classes,
        segment=segment,
        nol_rupiah_requested=nol_rupiah_requested,
    )


def _store_document(order: Order, *, kind: str, upload: ValidatedUpload, user) -> OrderDocument:
    latest = OrderDocument.objects.filter(order=order, kind=kind).order_by("-version").first()
    version = (latest.version + 1) if latest else 1
    document = OrderDocument(
        order=order,
        kind=kind,
        version=version,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        pages=upload.pages,
        sha256=upload.sha256,
        uploaded_by=user,
    )
    document.file.save(
        f"{order.number}/{kind}-v{version}.{upload.extension}",
        ContentFile(upload.content),
        save=False,
    )
    document.save()
    return document


def current_documents(order: Order) -> dict[str, OrderDocument]:
    """The latest version of each kind of document of ``order``."""
    latest: dict[str, OrderDocument] = {}
    for document in order.documents.order_by("kind", "-version"):
        latest.setdefault(document.kind, document)
    return latest


def order_submit(
    *,
    order: Order,
    buyer,
    purpose: str,
    nol_rupiah_requested: bool,
    uploads: Mapping[str, ValidatedUpload],
) -> Order:
    """Step 1: the order Oscar just placed becomes a request: purpose, Rp0 request, documents.

    Called by the checkout in the transaction that placed the order, so an order never exists
    without its documents. Guards: the buyer's own new order; every required document present.
    """
    purpose = (purpose or "").strip()
    with transaction.atomic():
        locked = _lock(order)
        if locked.user_id != buyer.pk or locked.status != OrderStatus.SUBMITTED:
            raise OrderActionError(_("This order cannot be submitted."))
        if locked.events.exists():
            raise OrderActionError(_("This order has already been submitted."))
        if not purpose:
            raise OrderActionError(_("State the purpose of use."))
        locked.purpose = purpose
        locked.nol_rupiah_requested = nol_rupiah_requested
        missing = [
            kind for kind in required_document_kinds(locked, buyer=buyer) if kind not in uploads
        ]
        if missing:
            raise OrderActionError(
                _("Missing documents: %(kinds)s.")
                % {"kinds": ", ".join(str(DocumentKind(k).label) for k in missing)}
            )
        for kind, upload in uploads.items():
            if kind not in BUYER_DOCUMENT_KINDS:
                raise OrderActionError(_("Unknown document."))
            _store_document(locked, kind=kind, upload=upload, user=buyer)
        now = timezone.now()
        locked.documents_submitted_at = now
        locked.save()
        event = _record(
            locked,
            kind=OrderEventKind.STATUS,
            actor=buyer,
            to_status=OrderStatus.SUBMITTED,
            note=purpose,
            at=now,
        )
        _email_buyer(locked, event)
    return locked


def order_upload_document(
    *, order: Order, buyer, kind: str, upload: ValidatedUpload
) -> OrderDocument:
    """The buyer uploads a new version of a document while the officer asks for a revision."""
    with transaction.atomic():
        locked = _lock(order)
        if Actor.BUYER not in actor_kinds(locked, buyer):
            raise OrderActionError(_("You may not perform this action on this order."))
        if locked.status != OrderStatus.NEEDS_REVISION:
            raise OrderActionError(
                _("Documents can be changed only when the officer asks for a revision.")
            )
        if kind not in BUYER_DOCUMENT_KINDS:
            raise OrderActionError(_("Unknown document."))
        document = _store_document(locked, kind=kind, upload=upload, user=buyer)
        _record(
            locked,
            kind=OrderEventKind.DOCUMENT,
            actor=buyer,
            note=_("%(document)s, version %(version)d")
            % {"document": document.get_kind_display(), "version": document.version},
        )
    return document


# --- step 2: the officer checks the request --------------------------------------------------


def order_start_review(*, order: Order, officer) -> Order:
    return _transition(order, "order_start_review", actor=officer)


def order_request_revision(*, order: Order, officer, note: str) -> Order:
    return _transition(order, "order_request_revision", actor=officer, note=note)


def order_resubmit_documents(*, order: Order, buyer, note: str = "") -> Order:
    """The buyer sends the revised documents back. Guard: at least one document was uploaded
    since the officer asked for the revision (otherwise nothing changed)."""

    def guard(locked: Order) -> None:
        asked = (
            locked.events.filter(to_status=OrderStatus.NEEDS_REVISION)
            .order_by("-created_at", "-pk")
            .values_list("created_at", flat=True)
            .first()
        )
        if asked and not locked.documents.filter(uploaded_at__gte=asked).exists():
            raise OrderActionError(_("Upload the revised document first."))

    return _transition(
        order,
        "order_resubmit_documents",
        actor=buyer,
        note=note,
        changes={"documents_submitted_at": timezone.now()},
        before=guard,
    )


def order_verify_documents(*, order: Order, officer, approve_nol_rupiah: bool = False) -> Order:
    """The request is clear and complete: the service-time clock starts.

    Decision (DOMAIN.md "10 working days after the request is clear and complete"): the request
    was complete when the buyer sent the documents the officer now accepts, so the clock counts
    from that submission, not from the officer's click — the office's checking time is its own.
    The Rp0 tariff is approved here, on the cover letter (PP 13/2024 Pasal 4).
    """

    def guard(locked: Order) -> None:
        present = current_documents(locked)
        missing = [k for k in required_document_kinds(locked) if k not in present]
        if missing:
            raise OrderActionError(
                _("Missing documents: %(kinds)s.")
                % {"kinds": ", ".join(str(DocumentKind(k).label) for k in missing)}
            )
        if approve_nol_rupiah and not locked.nol_rupiah_requested:
            raise OrderActionError(_("The buyer did not request the Rp0 tariff."))
        completed = locked.documents_submitted_at or timezone.now()
        locked.request_completed_at = completed
        locked.service_due_at = service_due_for(SERVICE, completed)
        locked.nol_rupiah_approved = bool(approve_nol_rupiah)

    note = _("Rp0 tariff approved.") if approve_nol_rupiah else ""
    return _transition(order, "order_verify_documents", actor=officer, note=note, before=guard)


def order_reject(*, order: Order, officer, note: str) -> Order:
    """Step 2: the abstract does not fit the data; the buyer starts a new request."""
    return _transition(
        order, "order_reject", actor=officer, note=note, changes={"closed_at": timezone.now()}
    )


# --- steps 3–4: invoice, sample, agreement, correction --------------------------------------


@dataclass(frozen=True)
class InvoiceLine:
    order_line_id: int
    title: str
    quote: dict


def _invoice_quote(order: Order, on: date) -> tuple[list[InvoiceLine], Decimal, str]:
    """Price every line by the schedule in force on the invoice date (DOMAIN.md Decision: an
    order is priced by the schedule in force when its invoice is issued), with the Rp0 approval.
    A line the pricing cannot price keeps the snapshot taken at placement."""

    lines: list[InvoiceLine] = []
    schedules: list[str] = []
    total = Decimal(0)
    kept = order.kept_lines  # a dropped line is never invoiced
    for line in kept.select_related("product").prefetch_related("attributes__option"):
        try:
            quote = quotes.quote_for_product(
                product=line.product,
                options=quotes.line_options(line),
                user=order.user,
                on=on,
                count=line.quantity,
                nol_rupiah_approved=order.nol_rupiah_approved,
            ).to_dict()
        except (InvalidRequest, NoTariffInForce) as error:
            if not line.quote_snapshot:
                raise OrderActionError(
                    _("Line “%(title)s” cannot be priced: %(error)s")
                    % {"title": line.title, "error": getattr(error, "message", str(error))}
                ) from None
            quote = line.quote_snapshot
        lines.append(InvoiceLine(line.pk, line.title, quote))
        total += Decimal(quote["total"])
        if quote.get("schedule_name") and quote["schedule_name"] not in schedules:
            schedules.append(quote["schedule_name"])
    return lines, total, ", ".join(schedules)


#: The invoice's numbering scheme in :class:`pst.models.DocumentSequence` (per office and year;
#: order migration 0025 carried the highest printed numbers over).
INVOICE_SCHEME = "invoice"


def _next_invoice_number(year: int) -> str:
    """``INV/<office>/<year>/<nnnnn>``, the next of the office's series for the year from the one
    sequence service (issue #19): the row stays locked until the invoice's transaction ends, so
    two officers queue and a rolled-back invoice gives its number back."""
    office = settings.PST_OFFICE_CODE
    sequence = next_number(INVOICE_SCHEME, year, office=office)
    return f"INV/{office}/{year}/{sequence:05d}"


def _create_invoice(order: Order, *, officer, now: datetime) -> Invoice:
    today = local_date(now)
    lines, total, schedule_name = _invoice_quote(order, today)
    valid_until = add_months(today, settings.PST_ORDER_INVOICE_VALID_MONTHS)
    quote = {
        "lines": [
            {"order_line_id": line.order_line_id, "title": line.title, "quote": line.quote}
            for line in lines
        ],
        "total": str(total),
    }
    for _attempt in range(5):
        number = _next_invoice_number(today.year)
        try:
            with transaction.atomic():
                invoice = Invoice(
                    order=order,
                    number=number,
                    total=total,
                    quote=quote,
                    schedule_name=schedule_name,
                    issued_at=now,
                    valid_until=valid_until,
                    issued_by=officer,
                )
                pdf = order_documents.invoice_pdf(invoice)
                invoice.pdf.save(
                    f"{order.number}/{number.replace('/', '-')}.pdf", ContentFile(pdf), save=False
                )
                invoice.save()
                return invoice
        except IntegrityError:
            continue  # a number printed outside the series (a hand-made row): draw the next
    raise OrderActionError(_("The invoice number could not be assigned; try again."))


def _issue_office_documents(order: Order, *, officer) -> None:
    """The agreement (SPPD to sign) and, for microdata, the sample issued with the invoice."""

    try:
        files = order_documents.office_documents(order)
    except (MicrodataLayoutError, InvalidRequest, OSError, UnicodeError) as error:
        raise OrderActionError(
            _("The microdata sample cannot be made: %(error)s")
            % {"error": getattr(error, "message", str(error))}
        ) from None
    for kind, (content, extension, content_type) in files.items():
        upload = ValidatedUpload(
            content=content,
            original_name=f"{kind}-{order.number}.{extension}",
            content_type=content_type,
            extension=extension,
            size=len(content),
            pages=None,
            sha256=hashlib.sha256(content).hexdigest(),
        )
        _store_document(order, kind=kind, upload=upload, user=officer)


def refuse_undeliverable_lines(order: Order) -> None:
    """No invoice for a line the office cannot deliver (issue #20): PNBP money taken for it
    would be owed back. The officer drops the line (cancel and re-order) or waits for its
    master; ``catalogue.selectors.undeliverable_lines`` says which and why."""
    blocked = undeliverable_lines(order)
    if blocked:
        raise OrderActionError(
            _("No invoice can be issued: these products cannot be delivered yet: %(lines)s.")
            % {"lines": "; ".join(f"{line.title} ({line.reason})" for line in blocked)}
        )


def order_issue_invoice(*, order: Order, officer) -> Order:
    """Step 3: the invoice (PDF), the agreement and the microdata sample, in one transaction."""

    def issue(locked: Order) -> None:
        refuse_undeliverable_lines(locked)
        now = timezone.now()
        invoice = _create_invoice(locked, officer=officer, now=now)
        _issue_office_documents(locked, officer=officer)
        _record(locked, kind=OrderEventKind.INVOICE, actor=officer, note=invoice.number, at=now)

    return _transition(order, "order_issue_invoice", actor=officer, before=issue)


def order_request_correction(*, order: Order, buyer, note: str) -> Order:
    """Step 4: the buyer finds something wrong in the invoice, sample or agreement."""
    return _transition(order, "order_request_correction", actor=buyer, note=note)


def order_answer_correction(*, order: Order, officer, note: str, reissue: bool) -> Order:
    """Step 4: the officer answers; with ``reissue`` a new invoice replaces the current one,
    which stays on record marked void and points at its successor."""

    def answer(locked: Order) -> None:
        if not reissue:
            return
        refuse_undeliverable_lines(locked)
        now = timezone.now()
        old = locked.current_invoice
        if old is not None:
            reason = _("Replaced after a correction: %(note)s") % {"note": note}
            Invoice.objects.filter(pk=old.pk).update(voided_at=now, void_reason=reason)
        new = _create_invoice(locked, officer=officer, now=now)
        if old is not None:
            Invoice.objects.filter(pk=old.pk).update(superseded_by=new)
        _issue_office_documents(locked, officer=officer)
        _record(locked, kind=OrderEventKind.INVOICE, actor=officer, note=new.number, at=now)

    return _transition(order, "order_answer_correction", actor=officer, note=note, before=answer)


# --- steps 6–10: payment, receipt, delivery, closing (billing, treasury, delivery call these) --


def order_mark_awaiting_payment(*, order: Order, actor=None, note: str = "") -> Order:
    """A kode billing was issued for the current invoice (shop/billing). Guard: the invoice is
    still valid (one month)."""

    def guard(locked: Order) -> None:
        invoice = locked.current_invoice
        if invoice is None:
            raise OrderActionError(_("The order has no invoice."))
        if invoice.valid_until < office_today():
            raise OrderActionError(_("The invoice has expired; ask the officer for a new one."))

    return _transition(order, "order_mark_awaiting_payment", actor=actor, note=note, before=guard)


def order_mark_paid(*, order: Order, actor=None, note: str = "") -> Order:
    """The payment is confirmed (NTPN, or the bendahara's check of a transfer proof)."""
    return _transition(order, "order_mark_paid", actor=actor, note=note)


def order_mark_receipt_issued(*, order: Order, actor=None, note: str = "") -> Order:
    return _transition(order, "order_mark_receipt_issued", actor=actor, note=note)


def order_mark_delivered(*, order: Order, actor=None, note: str = "") -> Order:
    """Step 9 (also after a delivery correction): the auto-close period starts again. A Rp0
    or gratis order is delivered straight from its invoice."""

    def guard(locked: Order) -> None:
        blockers = delivery_blockers(locked)
        if blockers:
            raise OrderActionError(
                _("The order cannot be marked delivered yet: %(reasons)s.")
                % {"reasons": "; ".join(blockers)}
            )
        if not _may_deliver(locked):
            raise OrderActionError(_("The product is delivered after payment and the kuitansi."))

    changes = {"delivered_at": timezone.now()}
    return _transition(
        order, "order_mark_delivered", actor=actor, note=note, changes=changes, before=guard
    )


def order_record_refund(*, order: Order, actor, note: str):
    """A refund case opened or settled for a line of the order (issue #20; the treasury keeps
    the money records): a line of the timeline both the buyer and the officer read, no change
    of status."""
    return _record(order, kind=OrderEventKind.REFUND, actor=actor, note=note)


def order_request_delivery_correction(*, order: Order, buyer, note: str) -> Order:
    return _transition(order, "order_request_delivery_correction", actor=buyer, note=note)


def order_complete(*, order: Order, actor=None, note: str = "") -> Order:
    """Step 10: the buyer confirms, or the order closes by itself; either way the e-mail asks
    the buyer to rate the service (1–5 and a comment)."""
    return _transition(
        order, "order_complete", actor=actor, note=note, changes={"closed_at": timezone.now()}
    )


def order_cancel(*, order: Order, actor, note: str = "") -> Order:
    """Cancel while the table allows it. Staff and the system must give the reason."""

    def guard(locked: Order) -> None:
        if Actor.BUYER not in actor_kinds(locked, actor) and not note.strip():
            raise OrderActionError(_("Write the reason; the buyer reads it."))

    return _transition(
        order,
        "order_cancel",
        actor=actor,
        note=note,
        changes={"closed_at": timezone.now()},
        before=guard,
    )


def order_rate(*, order: Order, buyer, score, comment: str = ""):
    """The buyer rates the sale once it was delivered (pst.ratings, service "penjualan")."""

    if order.user_id != buyer.pk:
        raise OrderActionError(_("You may not perform this action on this order."))
    if order.status not in (OrderStatus.DELIVERED, OrderStatus.COMPLETED):
        raise OrderActionError(_("You can rate the order once it has been delivered."))
    return rating_submit(user=buyer, service=SERVICE, score=score, comment=comment, subject=order)


# --- the clocks: late notice and auto-close (management commands) ---------------------------


def order_send_late_notice(*, order: Order, now: datetime | None = None) -> bool:
    """The standard: when service falls short, the user gets a written notice (DOMAIN.md).

    Records the notice on the timeline, once per order, and files the automatic priority
    complaint (``layanan``, issue #10), which e-mails the notice; without it, e-mails the notice
    itself. Returns whether a notice was sent.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(order)
        if locked.late_notice_sent_at or not locked.service_due_at:
            return False
        if locked.status not in OFFICE_CLOCK_STATUSES or locked.service_due_at > now:
            return False
        locked.late_notice_sent_at = now
        locked.save(update_fields=["late_notice_sent_at"])
        with translation.override("id"):
            notice = _(
                "The service time of %(days)d working days ended on %(due)s. We apologise; "
                "your order is now served with priority."
            ) % {
                "days": settings.PST_SERVICE_TIMES[SERVICE],
                "due": format_datetime(locked.service_due_at),
            }
        event = _record(locked, kind=OrderEventKind.LATE_NOTICE, actor=None, note=notice, at=now)
        if not _open_late_service_complaint(locked, notice):
            _email_buyer(locked, event, template="late_notice")
    return True


def _open_late_service_complaint(order: Order, notice: str) -> bool:
    """Tell the pengaduan desk (issue #10, ``layanan``) through
    :data:`.signals.service_time_exceeded`; it files the priority complaint, which also e-mails
    the buyer the written notice. Returns False when no receiver did, so the caller sends the
    notice itself: the buyer must get it either way."""
    answers = signals.service_time_exceeded.send_robust(sender=Order, order=order, notice=notice)
    filed = False
    for _receiver, answer in answers:
        if isinstance(answer, Exception):  # the notice must not be lost because a desk failed
            logger.error(
                "late-service complaint for order %s failed", order.number, exc_info=answer
            )
        elif answer is True:
            filed = True
    return filed


def orders_check_service_time(*, now: datetime | None = None) -> int:
    """Send the late notice for every order past its service time; returns how many."""
    now = now or timezone.now()
    late = Order.objects.filter(
        status__in=[str(s) for s in OFFICE_CLOCK_STATUSES],
        service_due_at__lt=now,
        late_notice_sent_at__isnull=True,
    )
    return sum(order_send_late_notice(order=order, now=now) for order in late)


def orders_autoclose(*, now: datetime | None = None) -> int:
    """Close delivered orders after ``PST_ORDER_AUTOCLOSE_DAYS`` without a correction request
    (step 10: "the transaction then closes by itself"); returns how many closed."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.PST_ORDER_AUTOCLOSE_DAYS)
    closed = 0
    for order in Order.objects.filter(status=OrderStatus.DELIVERED, delivered_at__lte=limit):
        try:
            order_complete(
                order=order,
                actor=None,
                note=_("Closed automatically %(days)d days after delivery.")
                % {"days": settings.PST_ORDER_AUTOCLOSE_DAYS},
            )
        except OrderActionError:
            continue  # the buyer acted meanwhile
        closed += 1
    return closed
