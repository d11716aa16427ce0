"""Fixtures shared by every test layer. Objects come from tests/factories, never from fixtures
files, so each test states the data it depends on."""

from __future__ import annotations

import pytest

from pst import roles
from tests.factories import UserFactory, user_with_role
from tests.factories.accounts import DEFAULT_PASSWORD


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache, so counters kept there (the form limits of
    ``layanan.ratelimit``) do not carry from one test into the next."""
    from django.core.cache import cache

    cache.clear()


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
