"""Complaints (pengaduan): filing, the officer's steps, and the late-service complaint
with its written notice (issue #10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pst import roles
from pst.calendar import service_time_days
from pst.formats import format_date, format_datetime
from pst.models import ServiceKind
from pst.uploads import ANONYMOUS_TYPES, DOCUMENT_TYPES, check_uploads

from .. import notify
from ..models import (
    COMPLAINT_TRANSITIONS,
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintStatus,
    Consultation,
    ConsultationStatus,
    Recommendation,
    RecommendationStatus,
)
from .common import ServiceError, store_files, subject_key_for

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
        store_files(ComplaintEvidence, checked, complaint=complaint)
        ComplaintEvent.objects.create(complaint=complaint, status=complaint.status)
    context = {"complaint": complaint, "track_url": complaint_track_path(complaint)}
    notify.send(to=complaint.reply_email, template="complaint_received", context=context)
    notify.send(to=notify.officers(), template="complaint_new_staff", context=context)
    return complaint


def complaint_track_path(complaint: Complaint) -> str:
    return reverse("layanan:complaint_track") + f"?kode={complaint.tracking_code}"


def complaint_create_for_late_service(
    *,
    service: ServiceKind | str,
    subject: models.Model,
    user,
    due_at: datetime,
    notice_text: str,
    contact_email: str = "",
    channel: Channel | str = Channel.ONLINE,
) -> Complaint:
    """The complaint the site files itself when a request passed its service time.

    DOMAIN.md: "If service falls short of the standard, the user gets a written notice and
    priority service." The complaint carries ``notice_text`` (the written notice, also e-mailed
    to ``user``) and the priority flag, so it heads the officers' list. Idempotent per
    ``subject`` (the late order, consultation or recommendation): the unique
    ``subject_key`` makes a second call, even a concurrent one, return the first complaint.
    A walk-in visitor without an account gets the notice at ``contact_email`` (from the guest
    book); ``channel`` is the late request's, so the report counts it at the same door.
    """
    key = subject_key_for(subject)
    existing = Complaint.objects.filter(subject_key=key).first()
    if existing:
        return existing
    local_due = timezone.localtime(due_at)
    try:
        # Stored text is in the office's language, whoever's request triggered the check.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            complaint = Complaint.objects.create(
                service=ServiceKind(service),
                what=_("The service was not completed within the standard time (due %(due)s).")
                % {"due": format_datetime(local_due)},
                reference=str(subject)[:100],
                complainant=user,
                contact_email=contact_email,
                channel=Channel(channel),
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
    roles.require_role(officer, roles.OFFICER, roles.HEAD_OF_OFFICE)
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


# --- Late service: the written notice and priority of the standard ---------------------------


def late_services_flag(*, now: datetime | None = None) -> list[Complaint]:
    """File the late-service complaint (written notice + priority, DOMAIN.md) for every
    consultation whose first answer and every recommendation whose letter is past its service
    time (``manage.py layanan_late_services``, run daily; idempotent per request)."""
    now = now or timezone.now()
    filed = []
    late_consultations = Consultation.objects.filter(
        first_answered_at__isnull=True,
        first_answer_due_at__lt=now,
    ).exclude(status=ConsultationStatus.CLOSED)
    for consultation in late_consultations.select_related("user", "guest"):
        due = timezone.localtime(consultation.first_answer_due_at)
        filed.append(
            complaint_create_for_late_service(
                service=ServiceKind.CONSULTATION,
                subject=consultation,
                user=consultation.user,
                contact_email="" if consultation.user_id else consultation.requester_email,
                channel=consultation.channel,
                due_at=consultation.first_answer_due_at,
                notice_text=(
                    f"Dengan hormat, konsultasi Anda {consultation.number} "
                    f'("{consultation.subject}") belum kami jawab dalam waktu layanan '
                    f"{service_time_days(ServiceKind.CONSULTATION)} hari kerja, yang berakhir "
                    f"{format_datetime(due, language='id')}. Kami mohon maaf; konsultasi Anda "
                    "kini kami layani dengan prioritas."
                ),
            )
        )
    late_recommendations = Recommendation.objects.filter(due_at__lt=now).exclude(
        status__in=[RecommendationStatus.ISSUED, RecommendationStatus.REJECTED]
    )
    for recommendation in late_recommendations.select_related("user"):
        due = timezone.localtime(recommendation.due_at)
        filed.append(
            complaint_create_for_late_service(
                service=ServiceKind.RECOMMENDATION,
                subject=recommendation,
                user=recommendation.user,
                channel=recommendation.channel,
                due_at=recommendation.due_at,
                notice_text=(
                    f"Dengan hormat, surat rekomendasi untuk permohonan {recommendation.number} "
                    f'("{recommendation.title}") belum terbit dalam waktu layanan '
                    f"{service_time_days(ServiceKind.RECOMMENDATION)} hari kerja, yang berakhir "
                    f"{format_date(due, language='id')}. Kami mohon maaf; permohonan Anda kini "
                    "kami layani dengan prioritas."
                ),
            )
        )
    return filed
