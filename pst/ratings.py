"""Service ratings (1–5 and a comment), one implementation for every PST service.

The library asks for a rating after a download, the shop after an order is delivered, the
consultation desk after a consultation closes (issues #4, #7, #10). They all call
:func:`rating_submit` and read :func:`rating_summary`, so the numbers the head of office sees
are computed one way. The nine-element satisfaction survey (SKM, PermenPANRB 14/2017) is a
different instrument and lives in ``pst/ikm.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from .errors import Refused
from .models import ServiceKind, ServiceRating, User

__all__ = ["RatingError", "RatingSummary", "rating_for", "rating_submit", "rating_summary"]

MIN_SCORE, MAX_SCORE = 1, 5


class RatingError(Refused, ValueError):
    """A rating that cannot be accepted; ``message`` is shown to the user as it is."""


def _subject_key(subject: models.Model | None) -> tuple[ContentType | None, str]:
    if subject is None:
        return None, ""
    return ContentType.objects.get_for_model(subject), str(subject.pk)


def rating_for(*, user: User, subject: models.Model) -> ServiceRating | None:
    """The rating ``user`` already gave ``subject``, if any (to show it instead of the form)."""
    content_type, object_id = _subject_key(subject)
    return ServiceRating.objects.filter(
        user=user, content_type=content_type, object_id=object_id
    ).first()


def rating_submit(
    *,
    user: User,
    service: ServiceKind | str,
    score: int,
    comment: str = "",
    subject: models.Model | None = None,
) -> ServiceRating:
    """Record ``user``'s rating of ``subject`` (a download, an order, …).

    Guards: the score is a whole number 1–5; a subject is rated once per user (the database
    constraint ``pst_rating_once_per_subject`` decides under concurrency). The caller checks that
    ``user`` actually received the service.
    """
    if isinstance(score, float) and score.is_integer():
        score = int(score)
    if isinstance(score, str) and score.strip().isascii() and score.strip().isdigit():
        score = int(score)
    if isinstance(score, bool) or not isinstance(score, int):
        raise RatingError(_("Choose a score from 1 to 5."))  # 3.5, "x", None: never rounded
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise RatingError(_("Choose a score from 1 to 5."))
    service = ServiceKind(service)
    content_type, object_id = _subject_key(subject)
    try:
        with transaction.atomic():
            return ServiceRating.objects.create(
                service=service,
                user=user,
                content_type=content_type,
                object_id=object_id,
                score=score,
                comment=(comment or "").strip()[:2000],
            )
    except IntegrityError:
        raise RatingError(_("You have already rated this service. Thank you!")) from None


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: Decimal | None  # two decimals, None when nobody rated
    distribution: dict[int, int]  # score -> count, every score 1..5 present


def rating_summary(
    *,
    service: ServiceKind | str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> RatingSummary:
    """Count, average and distribution of ratings, optionally for one service and period
    (``since`` inclusive, ``until`` exclusive)."""
    qs = ServiceRating.objects.all()
    if service:
        qs = qs.filter(service=ServiceKind(service))
    if since:
        qs = qs.filter(created_at__gte=since)
    if until:
        qs = qs.filter(created_at__lt=until)
    distribution = {score: 0 for score in range(MIN_SCORE, MAX_SCORE + 1)}
    for row in qs.values("score").annotate(n=models.Count("id")):
        distribution[row["score"]] = row["n"]
    count = sum(distribution.values())
    if not count:
        return RatingSummary(0, None, distribution)
    total = sum(score * n for score, n in distribution.items())
    average = (Decimal(total) / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return RatingSummary(count, average, distribution)
