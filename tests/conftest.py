"""Fixtures shared by every test layer. Objects come from tests/factories, never from fixtures
files, so each test states the data it depends on."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.core.management import call_command
from django.db import transaction

from pst import roles
from pst.clock import office_timezone, office_today
from tests.factories import UserFactory, user_with_role
from tests.factories.accounts import DEFAULT_PASSWORD


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, so counters kept there (the form limits of
    ``layanan.ratelimit``) do not carry from one test into the next."""
    from django.core.cache import cache

    cache.clear()


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
