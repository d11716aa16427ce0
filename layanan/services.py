"""State changes of the PST services of issue #10 (STYLE.md habit 2: one service per change).

Each function runs in one transaction, locks the row it changes, checks its guards, records an
event and sends the e-mails of its step. Views, staff pages, commands and ``seed_demo`` change
these records only through here. Refusals raise :class:`ServiceError` with a message for the
user.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pst import roles
from pst.models import ServiceKind

from . import notify
from .models import (
    COMPLAINT_TRANSITIONS,
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintStatus,
    LetterCounter,
)
from .uploads import ANONYMOUS_TYPES, DOCUMENT_TYPES, UploadRejected, check_uploads

__all__ = [
    "ServiceError",
    "UploadRejected",
    "complaint_close",
    "complaint_create",
    "complaint_create_for_late_service",
    "complaint_follow_up",
    "complaint_reject",
    "complaint_verify",
    "next_number",
]


class ServiceError(ValueError):
    """A request the service refuses; ``message`` is shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _require_role(user, *role_names: str) -> None:
    if not any(roles.user_has_role(user, role) for role in role_names):
        raise ServiceError(_("You do not have the role needed for this step."))


def next_number(*, series: str, year: int) -> int:
    """The next number of ``series`` in ``year``, gap-free: the counter row is locked until the
    caller's transaction ends, and rolls back with it. Call inside ``transaction.atomic``."""
    counter, _created = LetterCounter.objects.get_or_create(series=series, year=year)
    counter = LetterCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last = models.F("last") + 1
    counter.save(update_fields=["last"])
    counter.refresh_from_db(fields=["last"])
    return counter.last


def _store_files(model, checked, **parent) -> None:
    for upload in checked:
        record = model(
            original_name=upload.original_name,
            content_type=upload.content_type,
            size=upload.size,
            **parent,
        )
        record.file.save(upload.original_name, upload.content, save=False)
        record.save()


def subject_key_for(subject: models.Model) -> str:
    content_type = ContentType.objects.get_for_model(subject)
    return f"{content_type.app_label}.{content_type.model}:{subject.pk}"


# --- Complaints ------------------------------------------------------------------------------


def complaint_create(
    *,
    service: ServiceKind | str,
    what: str,
    where: str = "",
    occurred_on: date | None = None,
    who: str = "",
    how: str = "",
    reference: str = "",
    anonymous: bool = False,
    user=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    evidence=(),
    channel: Channel | str = Channel.ONLINE,
) -> Complaint:
    """File a complaint (what, where, when, who, how, evidence) and send the tracking code.

    Anonymous (issue #10): the account, the contact fields and the evidence's file names and
    metadata are dropped before anything is written, so no personal data is kept; the tracking
    code shown on screen is then the only way back to it. A named complaint needs an account or
    an e-mail address, to which the answer goes.
    """
    what = (what or "").strip()
    if not what:
        raise ServiceError(_("Describe what happened."))
    if anonymous:
        user, contact_name, contact_email, contact_phone = None, "", "", ""
        checked = check_uploads(evidence, allowed=ANONYMOUS_TYPES, strip_metadata=True)
        checked = [
            replace(c, original_name=f"bukti-{i}.{c.original_name.rsplit('.', 1)[-1]}")
            for i, c in enumerate(checked, start=1)
        ]
    else:
        if user is None and not contact_email:
            raise ServiceError(
                _("Give an e-mail address for the answer, or file the complaint anonymously.")
            )
        checked = check_uploads(evidence, allowed=DOCUMENT_TYPES)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            service=ServiceKind(service),
            channel=Channel(channel),
            what=what,
            where=where.strip(),
            occurred_on=occurred_on,
            who=who.strip(),
            how=how.strip(),
            reference=reference.strip()[:100],
            anonymous=anonymous,
            complainant=user,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(),
        )
        _store_files(ComplaintEvidence, checked, complaint=complaint)
        ComplaintEvent.objects.create(complaint=complaint, status=complaint.status)
    context = {"complaint": complaint, "track_url": complaint_track_path(complaint)}
    notify.send(to=complaint.reply_email, template="complaint_received", context=context)
    notify.send(to=notify.officers(), template="complaint_new_staff", context=context)
    return complaint


def complaint_track_path(complaint: Complaint) -> str:
    return reverse("layanan:complaint_track") + f"?kode={complaint.tracking_code}"


def complaint_create_for_late_service(
    *, service: ServiceKind | str, subject: models.Model, user, due_at: datetime, notice_text: str
) -> Complaint:
    """The complaint the site files itself when a request passed its service time.

    DOMAIN.md: "If service falls short of the standard, the user gets a written notice and
    priority service." The complaint carries ``notice_text`` (the written notice, also e-mailed
    to ``user``) and the priority flag, so it heads the officers' list. Idempotent per
    ``subject`` (the late order, consultation or recommendation): the unique
    ``subject_key`` makes a second call, even a concurrent one, return the first complaint.
    """
    key = subject_key_for(subject)
    existing = Complaint.objects.filter(subject_key=key).first()
    if existing:
        return existing
    local_due = timezone.localtime(due_at)
    try:
        with transaction.atomic():
            complaint = Complaint.objects.create(
                service=ServiceKind(service),
                what=_("The service was not completed within the standard time (due %(due)s).")
                % {"due": local_due.strftime("%d-%m-%Y %H:%M")},
                reference=str(subject)[:100],
                complainant=user,
                priority=True,
                automatic=True,
                subject_key=key,
                service_due_at=due_at,
                notice_text=notice_text.strip(),
            )
            ComplaintEvent.objects.create(
                complaint=complaint,
                status=complaint.status,
                note=_("Filed automatically: service time exceeded."),
            )
    except IntegrityError:
        return Complaint.objects.get(subject_key=key)
    context = {"complaint": complaint, "track_url": complaint_track_path(complaint)}
    notify.send(to=complaint.reply_email, template="late_service_notice", context=context)
    notify.send(to=notify.officers(), template="complaint_new_staff", context=context)
    return complaint


def _complaint_move(*, complaint: Complaint, officer, to: str, note: str) -> Complaint:
    _require_role(officer, roles.OFFICER, roles.HEAD_OF_OFFICE)
    note = (note or "").strip()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if to not in COMPLAINT_TRANSITIONS[complaint.status]:
            raise ServiceError(
                _("A complaint that is %(status)s cannot be moved to %(to)s.")
                % {
                    "status": complaint.get_status_display(),
                    "to": ComplaintStatus(to).label,
                }
            )
        if to != ComplaintStatus.VERIFIED and not note:
            raise ServiceError(_("Write a note for the complainant."))
        complaint.status = to
        fields = ["status"]
        if to in (ComplaintStatus.CLOSED, ComplaintStatus.REJECTED):
            complaint.closed_at = timezone.now()
            complaint.resolution = note
            fields += ["closed_at", "resolution"]
        complaint.save(update_fields=fields)
        event = ComplaintEvent.objects.create(
            complaint=complaint, status=to, note=note, actor=officer
        )
    notify.send(
        to=complaint.reply_email,
        template="complaint_update",
        context={
            "complaint": complaint,
            "event": event,
            "track_url": complaint_track_path(complaint),
        },
    )
    return complaint


def complaint_verify(*, complaint: Complaint, officer, note: str = "") -> Complaint:
    """The officer checked the complaint is real and about a PST service."""
    return _complaint_move(
        complaint=complaint, officer=officer, to=ComplaintStatus.VERIFIED, note=note
    )


def complaint_reject(*, complaint: Complaint, officer, note: str) -> Complaint:
    """Not a complaint about a PST service (spam, another office): closed with the reason."""
    return _complaint_move(
        complaint=complaint, officer=officer, to=ComplaintStatus.REJECTED, note=note
    )


def complaint_follow_up(*, complaint: Complaint, officer, note: str) -> Complaint:
    """A follow-up action, told to the complainant; may be repeated."""
    return _complaint_move(
        complaint=complaint, officer=officer, to=ComplaintStatus.FOLLOW_UP, note=note
    )


def complaint_close(*, complaint: Complaint, officer, note: str) -> Complaint:
    """Closing with the notes of what was done."""
    return _complaint_move(
        complaint=complaint, officer=officer, to=ComplaintStatus.CLOSED, note=note
    )
