"""Issue #23, "Faster test start": whether the test database was migrated or copied from the
migrated template (tests/dbtemplate.py), it is the database the migrations make: every
migration on disk is applied and none is left to run, and the template's fingerprint follows
the migration files."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import dbtemplate

pytestmark = pytest.mark.django_db


def test_the_test_database_has_every_migration_applied_and_nothing_to_run():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    applied = executor.recorder.applied_migrations()
    assert set(executor.loader.graph.leaf_nodes()) <= set(applied)


def test_the_fingerprint_follows_the_migration_files(monkeypatch):
    first = dbtemplate.fingerprint(connection.vendor)
    assert dbtemplate.fingerprint(connection.vendor) == first
    assert dbtemplate.fingerprint("other") != first
    original = dbtemplate.Path.read_bytes

    def edited(path):
        data = original(path)
        return data + b"\n# edited" if path.name == "0001_initial.py" else data

    monkeypatch.setattr(dbtemplate.Path, "read_bytes", edited)
    assert dbtemplate.fingerprint(connection.vendor) != first
