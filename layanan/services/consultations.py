"""Statistical consultation: questions, replies, closing, publishing as a public answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pst import roles
from pst.calendar import service_due_for
from pst.models import ServiceKind
from pst.sequences import next_number
from pst.uploads import check_uploads

from .. import notify
from ..models import (
    Channel,
    ClosedReason,
    Consultation,
    ConsultationAttachment,
    ConsultationMessage,
    ConsultationStatus,
    ConsultationTopic,
    GuestBookEntry,
)
from .common import ServiceError, store_files

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
        sequence = next_number("konsultasi", year)
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
        store_files(ConsultationAttachment, checked, message=message)
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
    roles.require_role(officer, roles.OFFICER)
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
        store_files(ConsultationAttachment, checked, message=message)
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
        roles.require_role(by, roles.OFFICER)
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
    roles.require_role(officer, roles.OFFICER)
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
    roles.require_role(officer, roles.OFFICER)
    Consultation.objects.filter(pk=consultation.pk).update(published=False)
    consultation.refresh_from_db()
    return consultation
