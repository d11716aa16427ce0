"""The lock under which one reader's recent downloads are counted and the new one is logged
(``library.services._serialise_downloads_of``, issue #23): on PostgreSQL a transaction-level
advisory lock per reader, which must exclude a second transaction of the same reader until
the first ends, and must not hold back another reader. (On SQLite the transaction's own
``BEGIN IMMEDIATE`` admits one writer at a time.) Runs in the PostgreSQL phase."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from library import services
from tests.factories import UserFactory

pytestmark = [
    # serialized_rollback: a plain transactional test flushes the tables and post_migrate
    # recreates the content types under new ids (PostgreSQL does not reset its sequences), after
    # which every later serialized_rollback test fails to restore the migrated rows at setup.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's advisory lock"),
]


def _free_elsewhere(reader) -> bool:
    """Whether another connection could take ``reader``'s lock right now (without waiting)."""
    answer = {}

    def probe() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_try_advisory_xact_lock(%s::int4, %s::int4)",
                    [services.DOWNLOAD_LIMIT_LOCK, reader.pk % 2**31],
                )
                answer["free"] = cursor.fetchone()[0]
        finally:
            connections.close_all()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join(timeout=30)
    return answer["free"]


def test_a_readers_lock_is_held_until_the_transaction_ends():
    reader, other = UserFactory(), UserFactory()
    with transaction.atomic():
        services._serialise_downloads_of(reader)
        assert not _free_elsewhere(reader)
        assert _free_elsewhere(other)
    assert _free_elsewhere(reader)
