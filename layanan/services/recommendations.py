"""Recommendation of statistical activities (Romantik): the plan, its completion, the
letter drafted, numbered, rendered and issued."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pst import pdfdoc, roles
from pst.calendar import service_due_for
from pst.clock import office_today
from pst.links import absolute_url
from pst.models import ServiceKind
from pst.sequences import next_number
from pst.uploads import check_uploads

from .. import notify
from ..models import (
    RECOMMENDATION_TRANSITIONS,
    Channel,
    GuestBookEntry,
    Recommendation,
    RecommendationAttachment,
    RecommendationEvent,
    RecommendationStatus,
    new_verification_token,
)
from .common import ServiceError, store_files

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
        sequence = next_number("permohonan-rek", year)
        recommendation = Recommendation.objects.create(
            number=f"REK-{year}-{sequence:05d}",
            user=user,
            channel=Channel(channel),
            guest=guest,
            **cleaned,
        )
        store_files(RecommendationAttachment, checked, recommendation=recommendation)
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
    return get_user_model().objects.filter(email__iexact=guest.email, is_active=True).first()


def recommendation_submit_walk_in(
    *, officer, guest: GuestBookEntry, plan: dict, attachments=(), note: str = ""
) -> Recommendation:
    """A request for a recommendation brought to the counter: the officer enters the plan for
    the visitor (``channel=walk_in``, linked to the guest entry); from then on it is the same
    request on the same 30-working-day clock. It needs the applicant's account
    (:func:`walk_in_applicant`): the letter is addressed and sent to the applicant, and
    completions are asked for and made over the following weeks."""
    roles.require_role(officer, roles.OFFICER)
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
    roles.require_role(officer, roles.OFFICER)
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
        store_files(RecommendationAttachment, checked, recommendation=recommendation)
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
    roles.require_role(officer, roles.OFFICER)
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
    roles.require_role(officer, roles.OFFICER)
    letter_text = (letter_text or "").strip()
    if not letter_text:
        raise ServiceError(_("The letter text is empty."))
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.DRAFTED)
        recommendation.letter_text = letter_text
        recommendation.save(update_fields=["status", "letter_text"])
        # No note: the event's status already reads "Letter drafted", and a note stored in the
        # officer's language showed "Draf surat dibuat." on the English history (issue #17).
        _recommendation_event(recommendation, officer)
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
    roles.require_role(head, roles.HEAD_OF_OFFICE)
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.ISSUED)
        now = timezone.now()
        year = timezone.localtime(now).year
        sequence = next_number(LETTER_SERIES, year)
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
    roles.require_role(officer, roles.OFFICER, roles.HEAD_OF_OFFICE)
    if not (note or "").strip():
        raise ServiceError(_("Write the reason for the applicant."))
    with transaction.atomic():
        recommendation = _recommendation_move(recommendation, RecommendationStatus.REJECTED)
        recommendation.save(update_fields=["status"])
        event = _recommendation_event(recommendation, officer, note.strip())
    _tell_applicant(recommendation, "recommendation_rejected", event=event)
    return recommendation
