"""Migrating the test database to a point of its history and back (the data-migration tests of
issue #19). Such tests run outside a test transaction (``django_db(transaction=True,
serialized_rollback=True)``): SQLite rebuilds tables, and serialized rollback puts back what the
migrations created (the role groups) for the tests that follow."""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]):
    """Migrate to ``targets`` (``[(app_label, migration_name)]``) and return the historical
    apps of that point, to create rows the way they were then."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Migrate every app to its newest migration: where a data-migration test must leave the
    schema, whatever later migrations exist (migrating to the migration under test would leave
    the apps' later migrations unapplied for the tests that follow)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
