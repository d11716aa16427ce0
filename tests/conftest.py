"""Fixtures shared by every test layer. Objects come from tests/factories, never from fixtures
files, so each test states the data it depends on."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime, time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import setup_databases, teardown_databases
from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

from pst import roles
from pst.clock import office_timezone, office_today
from tests import dbtemplate
from tests.factories import UserFactory, user_with_role
from tests.factories.accounts import DEFAULT_PASSWORD


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's own fixture (same steps, its helpers), except that with
    ``PST_TEST_TEMPLATE_DIR`` set a new test database starts from the migrated template
    instead of running every migration (``tests/dbtemplate.py``, issue #23). ``--reuse-db``
    and ``--nomigrations`` keep their meaning: the template is only used where Django would
    migrate a new database."""
    setup_args = {}
    if not django_db_use_migrations:
        _disable_migrations()
    if django_db_keepdb and not django_db_createdb:
        setup_args["keepdb"] = True
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    use_template = dbtemplate.enabled() and django_db_use_migrations and "keepdb" not in setup_args
    plugins = request.config.pluginmanager
    terminal, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")

    def report(line: str) -> None:
        if terminal is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                terminal.write_line(f"pst: {line}")

    template = dbtemplate.migrate_from_template(report) if use_template else nullcontext()
    with django_db_blocker.unblock(), template:
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            **setup_args,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            try:
                teardown_databases(db_cfg, verbosity=request.config.option.verbose)
            except Exception as exc:  # as pytest-django: a failed teardown warns, never fails
                request.node.warn(pytest.PytestWarning(f"test database teardown: {exc!r}"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, so counters kept there (the form limits of
    ``layanan.ratelimit``) do not carry from one test into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language (Indonesian). A test-client request in English
    leaves English active in the thread after its response (``LocaleMiddleware`` activates and
    never resets), and the code a later test calls directly would then speak English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def demo_site_once(django_db_setup, django_db_blocker):
    """The realistic demo (``seed_demo``, six titles) built once for the test module inside a
    transaction that is rolled back after its last test, so the reused test database keeps
    none of it. Each test still runs in its own savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", count=6, verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def office_afternoon(time_machine) -> datetime:
    """The clock moved to 14:00 at the office today (and ticking), for a test whose world spans a
    few hours that must fall within one office day: run after 17:00 UTC, "three hours ago" is
    yesterday in WIB (issue #14). Tests about the day boundary itself freeze the clock at the
    hostile instants instead (tests/integration/test_clock_boundaries.py)."""
    moment = datetime.combine(office_today(), time(14), office_timezone())
    time_machine.move_to(moment, tick=True)
    return moment


@pytest.fixture
def password() -> str:
    """The password of every factory user."""
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    """A registered user with a verified e-mail address."""
    return UserFactory()


@pytest.fixture
def unverified_user(db):
    """A registered user who has not opened the activation link yet."""
    return UserFactory(unverified=True)


@pytest.fixture
def make_staff(db):
    """``make_staff(role, **fields)``: a staff user holding one of the roles of ``pst.roles``."""
    return user_with_role


@pytest.fixture
def officer(db):
    """A Petugas PST (the officer role)."""
    return user_with_role(roles.OFFICER)


@pytest.fixture
def head(db):
    """The Kepala Kantor (head of office role)."""
    return user_with_role(roles.HEAD_OF_OFFICE)


@pytest.fixture
def commits_at_the_service(db, monkeypatch):
    """Inside a test's transaction nothing ever commits, so mail sent after commit
    (``pst.notify``) would never leave. This makes the outermost ``atomic`` block a service
    opens behave as a commit: when it exits cleanly its on-commit callbacks run; when it rolls
    back they are dropped (Django drops them with the savepoint). A callback registered outside
    any block runs at once, as in production. For tests that read ``mail.outbox`` after a step;
    the rollback itself is tested in tests/integration/test_pst_shared.py."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.transaction import Atomic

    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the proxy
    depth = len(connection.atomic_blocks)
    on_commit, atomic_exit = BaseDatabaseWrapper.on_commit, Atomic.__exit__

    def run_pending(conn):
        while conn.run_on_commit:
            _sids, func, _robust = conn.run_on_commit.pop(0)
            func()

    def on_commit_now_at_test_level(self, func, robust=False):
        if self is connection and len(self.atomic_blocks) == depth:
            func()
        else:
            on_commit(self, func, robust)

    def exit_commits_at_test_level(self, exc_type, exc_value, traceback):
        result = atomic_exit(self, exc_type, exc_value, traceback)
        if exc_type is None and len(connection.atomic_blocks) == depth:
            run_pending(connection)
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_now_at_test_level)
    monkeypatch.setattr(Atomic, "__exit__", exit_commits_at_test_level)
