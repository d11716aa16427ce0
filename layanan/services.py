"""State changes of the PST services of issue #10 (STYLE.md habit 2: one service per change).

Each function runs in one transaction, locks the row it changes, checks its guards, records an
event and sends the e-mails of its step. Views, staff pages, commands and ``seed_demo`` change
these records only through here. Refusals raise :class:`ServiceError` with a message for the
user.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pst import ikm, pdfdoc, roles
from pst.calendar import service_due_for, service_time_days
from pst.clock import office_today
from pst.formats import format_date, format_datetime
from pst.links import absolute_url
from pst.models import ServiceKind
from pst.uploads import ANONYMOUS_TYPES, DOCUMENT_TYPES, UploadRejected, check_uploads

from . import notify
from .models import (
    COMPLAINT_TRANSITIONS,
    RECOMMENDATION_TRANSITIONS,
    Channel,
    ClosedReason,
    Complaint,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintStatus,
    Consultation,
    ConsultationAttachment,
    ConsultationMessage,
    ConsultationStatus,
    ConsultationTopic,
    GuestBookEntry,
    LetterCounter,
    QueueStatus,
    QueueTicket,
    Recommendation,
    RecommendationAttachment,
    RecommendationEvent,
    RecommendationStatus,
    SatisfactionSurvey,
    new_verification_token,
)

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


# --- Consultation ----------------------------------------------------------------------------

AUTOCLOSE_DAYS = 7
"""DOMAIN.md: the officer closes a consultation when done, "or after 7 days without reply from
the user" (calendar days: the user's silence, not the office's working time)."""


def _is_owner(consultation: Consultation, user) -> bool:
    return user.is_authenticated and consultation.user_id == user.pk


def consultation_open(
    *,
    user,
    topic: ConsultationTopic | str,
    subject: str,
    body: str,
    attachments=(),
    channel: Channel | str = Channel.ONLINE,
) -> Consultation:
    """Open a consultation with its first question. The first answer is due
    ``PST_SERVICE_TIMES['konsultasi']`` working days later on the office calendar
    (``pst.calendar.service_due_for``), which the officers' list flags."""
    if not getattr(user, "email_verified", False):
        raise ServiceError(_("Verify your e-mail address before opening a consultation."))
    consultation, message = _consultation_create(
        user=user,
        author=user,
        topic=topic,
        subject=subject,
        body=body,
        attachments=attachments,
        channel=channel,
    )
    context = {"consultation": consultation, "message": message}
    notify.send(to=user.email, template="consultation_opened", context=context)
    notify.send(to=notify.officers(), template="consultation_new_staff", context=context)
    return consultation


def _consultation_create(
    *, user, author, topic, subject: str, body: str, attachments, channel, guest=None
) -> tuple[Consultation, ConsultationMessage]:
    """The record and its first question, numbered from the one consultation series and put
    on the one service clock (``service_due_for``), whichever door the question came in by."""
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise ServiceError(_("Write a subject and your question."))
    checked = check_uploads(attachments)
    now = timezone.now()
    with transaction.atomic():
        year = timezone.localtime(now).year
        sequence = next_number(series="konsultasi", year=year)
        consultation = Consultation.objects.create(
            number=f"KONS-{year}-{sequence:05d}",
            user=user,
            guest=guest,
            topic=ConsultationTopic(topic),
            subject=subject[:200],
            channel=Channel(channel),
            first_answer_due_at=service_due_for(ServiceKind.CONSULTATION, now),
            last_user_message_at=now,
        )
        message = ConsultationMessage.objects.create(
            consultation=consultation, author=author, body=body
        )
        _store_files(ConsultationAttachment, checked, message=message)
    return consultation, message


def consultation_open_walk_in(
    *,
    officer,
    guest: GuestBookEntry,
    topic: ConsultationTopic | str,
    subject: str,
    body: str,
    answer: str = "",
    close: bool = False,
    attachments=(),
) -> Consultation:
    """A consultation asked at the counter, entered by the officer for a guest book visitor.

    Issue #10: walk-in and online work land in the same records and the same service-time
    reports, so this is the same :class:`Consultation` (``channel=walk_in``, linked to the
    guest entry) on the same 3-working-day clock. The visitor's account is used when the guest
    entry has one; otherwise the record has none and the visitor's name and contact stay in
    the guest book. The officer may answer on the spot (``answer``: the first answer is now)
    and close it (``close``), each through the same services as an online thread.
    """
    _require_role(officer, roles.OFFICER)
    answer = (answer or "").strip()
    if close and not answer:
        raise ServiceError(_("Write the answer given at the counter before closing."))
    consultation, message = _consultation_create(
        user=guest.user,
        guest=guest,
        author=officer,
        topic=topic,
        subject=subject,
        body=body,
        attachments=attachments,
        channel=Channel.WALK_IN,
    )
    if not answer:
        notify.send(
            to=consultation.requester_email,
            template="consultation_opened",
            context={"consultation": consultation, "message": message},
        )
        return consultation
    consultation_reply(consultation=consultation, author=officer, body=answer)
    if close:
        consultation = consultation_close(consultation=consultation, by=officer)
    else:
        consultation.refresh_from_db()
    return consultation


def consultation_reply(
    *, consultation: Consultation, author, body: str, attachments=()
) -> ConsultationMessage:
    """A message in the thread, from the user who opened it or from an officer. The first
    officer message stops the 3-working-day clock (``first_answered_at``)."""
    from_officer = roles.user_has_role(author, roles.OFFICER) and not _is_owner(
        consultation, author
    )
    if not from_officer and not _is_owner(consultation, author):
        raise ServiceError(_("Only the user and the officers can write in this consultation."))
    body = (body or "").strip()
    if not body:
        raise ServiceError(_("Write a message."))
    checked = check_uploads(attachments)
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.is_closed:
            raise ServiceError(_("This consultation is closed; open a new one for a new question."))
        now = timezone.now()
        message = ConsultationMessage.objects.create(
            consultation=consultation, author=author, body=body, from_officer=from_officer
        )
        _store_files(ConsultationAttachment, checked, message=message)
        if from_officer:
            consultation.status = ConsultationStatus.ANSWERED
            consultation.last_officer_message_at = now
            if consultation.first_answered_at is None:
                consultation.first_answered_at = now
        else:
            consultation.status = ConsultationStatus.WAITING
            consultation.last_user_message_at = now
        consultation.save()
    context = {"consultation": consultation, "message": message}
    if from_officer:
        notify.send(
            to=consultation.requester_email, template="consultation_answered", context=context
        )
    else:
        notify.send(to=notify.officers(), template="consultation_new_staff", context=context)
    return message


def consultation_close(
    *, consultation: Consultation, by, reason: ClosedReason | str = ClosedReason.OFFICER
) -> Consultation:
    """Close the thread: by an officer when the question is answered, by the user, or by
    :func:`consultation_autoclose`. The user is asked to rate the service (SKM)."""
    reason = ClosedReason(reason)
    if reason == ClosedReason.OFFICER:
        _require_role(by, roles.OFFICER)
    elif reason == ClosedReason.USER and not _is_owner(consultation, by):
        raise ServiceError(_("Only the user who opened it can close this consultation."))
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if consultation.is_closed:
            raise ServiceError(_("This consultation is already closed."))
        consultation.status = ConsultationStatus.CLOSED
        consultation.closed_at = timezone.now()
        consultation.closed_reason = reason
        consultation.closed_by = by if reason != ClosedReason.NO_REPLY else None
        consultation.save()
    notify.send(
        to=consultation.requester_email,
        template="consultation_closed",
        context={"consultation": consultation},
    )
    return consultation


def consultation_autoclose(*, now: datetime | None = None) -> list[Consultation]:
    """Close every answered consultation whose user has not replied for
    :data:`AUTOCLOSE_DAYS` days since the officer's last message (``manage.py
    consultation_autoclose``, run daily). A consultation waiting for an officer never closes
    by itself: the silence must be the user's."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=AUTOCLOSE_DAYS)
    stale = Consultation.objects.filter(
        status=ConsultationStatus.ANSWERED, last_officer_message_at__lte=cutoff
    ).filter(
        models.Q(last_user_message_at__isnull=True)
        | models.Q(last_user_message_at__lt=models.F("last_officer_message_at"))
    )
    closed = []
    for consultation in stale:
        try:
            closed.append(
                consultation_close(consultation=consultation, by=None, reason=ClosedReason.NO_REPLY)
            )
        except ServiceError:  # closed meanwhile by the officer
            continue
    return closed


def consultation_publish(
    *, consultation: Consultation, officer, public_question: str, public_answer: str
) -> Consultation:
    """Put an answered question in the public list users search before asking. The officer
    rewrites question and answer without personal details; the user's name is never shown."""
    _require_role(officer, roles.OFFICER)
    public_question, public_answer = public_question.strip(), public_answer.strip()
    if not public_question or not public_answer:
        raise ServiceError(_("Write the question and the answer to publish."))
    if consultation.first_answered_at is None:
        raise ServiceError(_("Only an answered consultation can be published."))
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        consultation.published = True
        consultation.public_question = public_question
        consultation.public_answer = public_answer
        consultation.save(update_fields=["published", "public_question", "public_answer"])
    return consultation


def consultation_unpublish(*, consultation: Consultation, officer) -> Consultation:
    _require_role(officer, roles.OFFICER)
    Consultation.objects.filter(pk=consultation.pk).update(published=False)
    consultation.refresh_from_db()
    return consultation


# --- Satisfaction survey (SKM) ---------------------------------------------------------------


def survey_submit(
    *,
    service: ServiceKind | str,
    scores,
    respondent=None,
    subject_key: str = "",
    suggestion: str = "",
    channel: Channel | str = Channel.ONLINE,
) -> SatisfactionSurvey:
    """Record one SKM questionnaire (PermenPANRB 14/2017: nine elements, each 1-4).

    ``subject_key`` names the completed service answered about (a consultation, a
    recommendation, a queue ticket…); the database lets each be answered once. The caller
    checks that the respondent received that service."""
    scores = list(scores)
    try:
        ikm.compute_ikm([scores])  # the one validator of a questionnaire
    except ikm.InvalidResponse:
        raise ServiceError(_("Answer all nine questions with a score from 1 to 4.")) from None
    try:
        with transaction.atomic():
            return SatisfactionSurvey.objects.create(
                service=ServiceKind(service),
                channel=Channel(channel),
                respondent=respondent,
                subject_key=subject_key,
                suggestion=(suggestion or "").strip()[:2000],
                **dict(zip(SatisfactionSurvey.ELEMENT_FIELDS, scores, strict=True)),
            )
    except IntegrityError:
        raise ServiceError(
            _("This service has already been rated in the survey. Thank you!")
        ) from None


# --- Recommendation of statistical activities (Romantik) -----------------------------------

RECOMMENDATION_FIELDS = (
    "title",
    "organiser",
    "purpose",
    "method",
    "population",
    "sample",
    "variables",
    "schedule_start",
    "schedule_end",
)
LETTER_SERIES = "rekomendasi"


def _clean_plan(plan: dict) -> dict:
    missing = [name for name in RECOMMENDATION_FIELDS if not plan.get(name)]
    if missing:
        raise ServiceError(_("Fill in every part of the activity plan."))
    cleaned = {name: plan[name] for name in RECOMMENDATION_FIELDS}
    for name in RECOMMENDATION_FIELDS[:7]:
        cleaned[name] = str(cleaned[name]).strip()
    if cleaned["schedule_end"] < cleaned["schedule_start"]:
        raise ServiceError(_("The activity cannot end before it starts."))
    return cleaned


def _recommendation_event(recommendation, actor, note: str = "") -> RecommendationEvent:
    return RecommendationEvent.objects.create(
        recommendation=recommendation, status=recommendation.status, note=note, actor=actor
    )


def _recommendation_move(recommendation: Recommendation, to: str) -> Recommendation:
    """Lock and check the transition table; the caller is inside ``transaction.atomic``."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if to not in RECOMMENDATION_TRANSITIONS[recommendation.status]:
        raise ServiceError(
            _("A request that is %(status)s cannot be moved to %(to)s.")
            % {
                "status": recommendation.get_status_display(),
                "to": RecommendationStatus(to).label,
            }
        )
    recommendation.status = to
    return recommendation


def _tell_applicant(recommendation: Recommendation, template: str, **context) -> None:
    notify.send(
        to=recommendation.user.email,
        template=template,
        context={"recommendation": recommendation, **context},
    )


def recommendation_submit(*, user, plan: dict, attachments=(), note: str = "") -> Recommendation:
    """An agency's request for a recommendation of its planned statistical activity: title,
    organiser, purpose, method, population, sample, variables, schedule and documents."""
    if not getattr(user, "email_verified", False):
        raise ServiceError(_("Verify your e-mail address before submitting a request."))
    recommendation = _recommendation_create(
        user=user, actor=user, plan=plan, attachments=attachments, note=note
    )
    _tell_applicant(recommendation, "recommendation_submitted")
    notify.send(
        to=notify.officers(),
        template="recommendation_staff",
        context={"recommendation": recommendation},
    )
    return recommendation


def _recommendation_create(
    *, user, actor, plan: dict, attachments, note: str, channel=Channel.ONLINE, guest=None
) -> Recommendation:
    cleaned = _clean_plan(plan)
    checked = check_uploads(attachments)
    with transaction.atomic():
        year = office_today().year
        sequence = next_number(series="permohonan-rek", year=year)
        recommendation = Recommendation.objects.create(
            number=f"REK-{year}-{sequence:05d}",
            user=user,
            channel=Channel(channel),
            guest=guest,
            **cleaned,
        )
        _store_files(RecommendationAttachment, checked, recommendation=recommendation)
        _recommendation_event(recommendation, actor, (note or "").strip())
    return recommendation


def walk_in_applicant(guest: GuestBookEntry):
    """The account a walk-in recommendation belongs to: the one the visitor signed the guest
    book with, else the active account with the e-mail written in the guest book (the officer
    sees the visitor at the counter). None when the visitor has no account."""
    if guest.user_id:
        return guest.user
    if not guest.email:
        return None
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__iexact=guest.email, is_active=True).first()


def recommendation_submit_walk_in(
    *, officer, guest: GuestBookEntry, plan: dict, attachments=(), note: str = ""
) -> Recommendation:
    """A request for a recommendation brought to the counter: the officer enters the plan for
    the visitor (``channel=walk_in``, linked to the guest entry); from then on it is the same
    request on the same 30-working-day clock. It needs the applicant's account
    (:func:`walk_in_applicant`): the letter is addressed and sent to the applicant, and
    completions are asked for and made over the following weeks."""
    _require_role(officer, roles.OFFICER)
    applicant = walk_in_applicant(guest)
    if applicant is None:
        raise ServiceError(
            _(
                "A recommendation request needs the applicant's account: ask the visitor to "
                "register and write the account's e-mail address in the guest book."
            )
        )
    recommendation = _recommendation_create(
        user=applicant,
        actor=officer,
        plan=plan,
        attachments=attachments,
        note=note,
        channel=Channel.WALK_IN,
        guest=guest,
    )
    _tell_applicant(recommendation, "recommendation_submitted")
    return recommendation


def recommendation_request_completion(
    *, recommendation: Recommendation, officer, note: str
) -> Recommendation:
    """The officer asks for what is missing or unclear; the applicant completes and resubmits
    (DOMAIN.md: "officer checks until complete and clear")."""
    _require_role(officer, roles.OFFICER)
    if not (note or "").strip():
        raise ServiceError(_("Write what the applicant must complete or clarify."))
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.NEEDS_COMPLETION)
        recommendation.save(update_fields=["status"])
        event = _recommendation_event(recommendation, officer, note.strip())
    _tell_applicant(recommendation, "recommendation_needs_completion", event=event)
    return recommendation


def recommendation_resubmit(
    *, recommendation: Recommendation, user, plan: dict, attachments=(), note: str = ""
) -> Recommendation:
    if recommendation.user_id != user.pk:
        raise ServiceError(_("Only the applicant can complete this request."))
    cleaned = _clean_plan(plan)
    checked = check_uploads(attachments)
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.SUBMITTED)
        for name, value in cleaned.items():
            setattr(recommendation, name, value)
        recommendation.save()
        _store_files(RecommendationAttachment, checked, recommendation=recommendation)
        _recommendation_event(recommendation, user, note.strip())
    notify.send(
        to=notify.officers(),
        template="recommendation_staff",
        context={"recommendation": recommendation},
    )
    return recommendation


def recommendation_accept(
    *, recommendation: Recommendation, officer, note: str = ""
) -> Recommendation:
    """The plan is complete and clear: the 30-working-day clock
    (``PST_SERVICE_TIMES['rekomendasi']``) starts now, and the letter is drafted from the
    office template for the officer to edit."""
    _require_role(officer, roles.OFFICER)
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.COMPLETE)
        now = timezone.now()
        recommendation.completed_at = now
        recommendation.due_at = service_due_for(ServiceKind.RECOMMENDATION, now)
        recommendation.letter_text = letter_template_text(recommendation)
        recommendation.save()
        _recommendation_event(recommendation, officer, note.strip())
    _tell_applicant(recommendation, "recommendation_complete")
    return recommendation


def letter_template_text(recommendation: Recommendation) -> str:
    """The draft of the letter from ``templates/layanan/letter/recommendation.txt``."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("id"):
        return render_to_string(
            "layanan/letter/recommendation.txt",
            {
                "r": recommendation,
                "office_name": settings.PST_OFFICE_NAME,
                "start": pdfdoc.format_date_id(recommendation.schedule_start),
                "end": pdfdoc.format_date_id(recommendation.schedule_end),
            },
        ).strip()


def recommendation_draft_letter(
    *, recommendation: Recommendation, officer, letter_text: str
) -> Recommendation:
    """The officer's final draft, sent to the head of office to issue."""
    _require_role(officer, roles.OFFICER)
    letter_text = (letter_text or "").strip()
    if not letter_text:
        raise ServiceError(_("The letter text is empty."))
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.DRAFTED)
        recommendation.letter_text = letter_text
        recommendation.save(update_fields=["status", "letter_text"])
        _recommendation_event(recommendation, officer, _("Letter drafted."))
    notify.send(
        to=notify.heads_of_office(),
        template="recommendation_to_issue",
        context={"recommendation": recommendation},
    )
    return recommendation


def letter_number(*, sequence: int, year: int) -> str:
    """``B-0007/0000/REK/2026``: sequence (gap-free per year), office code, series, year."""
    return f"B-{sequence:04d}/{settings.PST_OFFICE_CODE}/REK/{year}"


def recommendation_issue(*, recommendation: Recommendation, head) -> Recommendation:
    """The head of office issues the letter: it gets the next number of the year (counter row
    locked until commit, so concurrent issues get consecutive numbers and a failed issue leaves
    no gap; ``layanan_recommendation_letter_number_unique`` is the last guard), is rendered as
    a PDF on the letterhead with a QR code to the public verification page, and is sent."""
    _require_role(head, roles.HEAD_OF_OFFICE)
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.ISSUED)
        now = timezone.now()
        year = timezone.localtime(now).year
        sequence = next_number(series=LETTER_SERIES, year=year)
        recommendation.letter_year = year
        recommendation.letter_sequence = sequence
        recommendation.letter_number = letter_number(sequence=sequence, year=year)
        recommendation.verification_token = new_verification_token()
        recommendation.issued_at = now
        recommendation.issued_by = head
        pdf = render_letter_pdf(recommendation)
        recommendation.letter_pdf.save(f"{recommendation.number}.pdf", ContentFile(pdf), save=False)
        recommendation.save()
        _recommendation_event(recommendation, head, recommendation.letter_number)
    _tell_applicant(recommendation, "recommendation_issued")
    return recommendation


def verification_url(recommendation: Recommendation) -> str:
    path = reverse("layanan:letter_verify", args=[recommendation.verification_token])
    return absolute_url(path)


def render_letter_pdf(recommendation: Recommendation) -> bytes:
    issued = timezone.localtime(recommendation.issued_at).date()
    return pdfdoc.render_pdf(
        pdfdoc.Document(
            title="Surat Rekomendasi Kegiatan Statistik",
            number=recommendation.letter_number,
            blocks=[
                pdfdoc.KeyValues(
                    [
                        ("Kepada", f"{recommendation.user.get_full_name()}"),
                        ("Instansi", recommendation.organiser),
                        ("Nomor permohonan", recommendation.number),
                    ]
                ),
                pdfdoc.Text(recommendation.letter_text),
                pdfdoc.Signature(
                    role=f"Kepala {settings.PST_OFFICE_NAME}",
                    name=recommendation.issued_by.get_full_name(),
                    nip=recommendation.issued_by.nip,
                    on=issued,
                ),
            ],
            verification_url=verification_url(recommendation),
        )
    )


def recommendation_reject(*, recommendation: Recommendation, officer, note: str) -> Recommendation:
    """Not a statistical activity the office recommends on (or withdrawn): closed with why."""
    _require_role(officer, roles.OFFICER, roles.HEAD_OF_OFFICE)
    if not (note or "").strip():
        raise ServiceError(_("Write the reason for the applicant."))
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.REJECTED)
        recommendation.save(update_fields=["status"])
        event = _recommendation_event(recommendation, officer, note.strip())
    _tell_applicant(recommendation, "recommendation_rejected", event=event)
    return recommendation


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


# --- Walk-in desk ----------------------------------------------------------------------------


def queue_ticket_take(*, service: ServiceKind | str) -> QueueTicket:
    """The next queue number of the day (gap-free per day, counter row locked)."""
    with transaction.atomic():
        today = office_today()
        number = next_number(series=f"antrian-{today:%m%d}", year=today.year)
        return QueueTicket.objects.create(day=today, number=number, service=ServiceKind(service))


def guest_register(
    *,
    name: str,
    service: ServiceKind | str,
    purpose: str,
    institution: str = "",
    phone: str = "",
    email: str = "",
    user=None,
) -> GuestBookEntry:
    """Buku tamu: a visitor signs in at the counter and gets a queue number, so walk-in
    visits are counted in the same service-time reports as online requests."""
    name, purpose = (name or "").strip(), (purpose or "").strip()
    if not name or not purpose:
        raise ServiceError(_("Write your name and the purpose of your visit."))
    with transaction.atomic():
        ticket = queue_ticket_take(service=service)
        return GuestBookEntry.objects.create(
            name=name[:200],
            institution=institution.strip()[:200],
            phone=phone.strip()[:30],
            email=email.strip(),
            service=ServiceKind(service),
            purpose=purpose,
            user=user,
            ticket=ticket,
        )


def queue_call_next(*, officer, counter: str) -> QueueTicket | None:
    """Call the oldest waiting number of today at ``counter``; the visitor served before at
    that counter is marked served. Returns None when nobody waits."""
    _require_role(officer, roles.OFFICER)
    counter = (counter or "").strip()[:20] or "1"
    now = timezone.now()
    with transaction.atomic():
        today = office_today()
        QueueTicket.objects.select_for_update().filter(
            day=today, counter=counter, status=QueueStatus.CALLED
        ).update(status=QueueStatus.SERVED, served_at=now)
        ticket = (
            QueueTicket.objects.select_for_update(skip_locked=True)
            .filter(day=today, status=QueueStatus.WAITING)
            .order_by("number")
            .first()
        )
        if ticket is None:
            return None
        ticket.status = QueueStatus.CALLED
        ticket.called_at = now
        ticket.counter = counter
        ticket.save(update_fields=["status", "called_at", "counter"])
        return ticket


def queue_finish(*, officer, ticket: QueueTicket, served: bool = True) -> QueueTicket:
    """The visitor at the counter is done (or was not there when called)."""
    _require_role(officer, roles.OFFICER)
    with transaction.atomic():
        ticket = QueueTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.status not in (QueueStatus.WAITING, QueueStatus.CALLED):
            raise ServiceError(_("This queue number is already finished."))
        ticket.status = QueueStatus.SERVED if served else QueueStatus.LEFT
        ticket.served_at = timezone.now()
        ticket.save(update_fields=["status", "served_at"])
        return ticket
