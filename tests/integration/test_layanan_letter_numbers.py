"""Issue #10: recommendation letter numbers stay unique and gap-free when several letters are
issued at the same moment (the counter row lock and the unique constraint). Real concurrency
needs PostgreSQL (SQLite serialises whole-database writes); the sequential twin is in
tests/functional/test_layanan_recommendation.py."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from layanan import services
from layanan.models import Recommendation, RecommendationStatus
from pst import roles
from tests.factories import UserFactory, user_with_role
from tests.factories.layanan import drafted_recommendation


def _on_postgres() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


# Skipped before any database fixture runs: a transactional test empties every table when it
# ends, and serialized rollback puts back what the migrations created (the role groups).
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not _on_postgres(), reason="needs PostgreSQL: row locks under concurrency"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKERS = 6


def test_concurrent_issues_get_consecutive_numbers():
    assert connection.vendor == "postgresql"
    user = UserFactory()
    officer = user_with_role(roles.OFFICER)
    head = user_with_role(roles.HEAD_OF_OFFICE)
    drafts = [
        drafted_recommendation(user=user, officer=officer, title=f"Survei {n}")
        for n in range(WORKERS)
    ]
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def issue(recommendation):
        try:
            barrier.wait(timeout=30)
            services.recommendation_issue(recommendation=recommendation, head=head)
        except BaseException as error:  # reported below, in the test thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    issued = Recommendation.objects.filter(status=RecommendationStatus.ISSUED)
    assert sorted(issued.values_list("letter_sequence", flat=True)) == list(range(1, WORKERS + 1))
    assert len(set(issued.values_list("letter_number", flat=True))) == WORKERS
