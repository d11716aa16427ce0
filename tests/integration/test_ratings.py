"""One rating service for every PST service: scores 1–5, once per rated object, summaries."""

from __future__ import annotations

import pytest

from pst.models import ServiceKind
from pst.ratings import RatingError, rating_for, rating_submit, rating_summary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("score", [0, 6, -1, "x", None, 3.5, "3.5", True, "", "٣"])
def test_scores_outside_one_to_five_are_refused(score):
    with pytest.raises(RatingError):
        rating_submit(user=UserFactory(), service=ServiceKind.LIBRARY, score=score)


@pytest.mark.parametrize(("score", "stored"), [(1, 1), ("5", 5), (" 4 ", 4), (3.0, 3)])
def test_whole_scores_from_forms_and_code_are_accepted(score, stored):
    rating = rating_submit(user=UserFactory(), service=ServiceKind.LIBRARY, score=score)
    assert rating.score == stored


def test_a_subject_is_rated_once_per_user():
    user, other = UserFactory(), UserFactory()
    subject = UserFactory()  # any model instance stands for the rated service
    first = rating_submit(user=user, service="penjualan", score=4, comment=" ok ", subject=subject)
    assert first.comment == "ok"
    with pytest.raises(RatingError):
        rating_submit(user=user, service="penjualan", score=5, subject=subject)
    rating_submit(user=other, service="penjualan", score=2, subject=subject)
    assert rating_for(user=user, subject=subject) == first


def test_summary_counts_and_averages_per_service():
    for score in (5, 4, 4):
        rating_submit(user=UserFactory(), service=ServiceKind.LIBRARY, score=score)
    rating_submit(user=UserFactory(), service=ServiceKind.SALES, score=1)
    library = rating_summary(service=ServiceKind.LIBRARY)
    assert library.count == 3
    assert str(library.average) == "4.33"
    assert library.distribution == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert rating_summary().count == 4
    assert rating_summary(service=ServiceKind.CONSULTATION).average is None
