"""The satisfaction survey (SKM) behind the IKM."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pst import ikm
from pst.models import ServiceKind

from ..models import (
    Channel,
    SatisfactionSurvey,
)
from .common import ServiceError

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
