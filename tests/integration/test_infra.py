"""The ground the other tests stand on: the database they really run on, the staff roles the
migrations create, and the private file store that must never hand out a URL."""

from __future__ import annotations

import os

import dj_database_url
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

from pst import roles
from pst.services import user_assign_role
from tests.factories import UserFactory


@pytest.mark.django_db
def test_database_is_the_one_database_url_names():
    """scripts/test.sh runs the suite a second time with DATABASE_URL pointing at PostgreSQL;
    this fails if that run silently fell back to SQLite."""
    url = os.environ.get("DATABASE_URL")
    if url:
        expected_engine = dj_database_url.parse(url)["ENGINE"]
        assert connection.settings_dict["ENGINE"] == expected_engine
        if url.startswith(("postgres://", "postgresql://")):
            assert connection.vendor == "postgresql"
            with connection.cursor() as cursor:
                cursor.execute("SELECT version()")
                assert cursor.fetchone()[0].startswith("PostgreSQL ")
    else:
        assert connection.vendor == "sqlite"


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(roles.ROLE_PERMISSIONS))
def test_migrations_create_each_role_with_its_permissions(role):
    group = Group.objects.get(name=role)
    granted = {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }
    assert set(roles.ROLE_PERMISSIONS[role]) <= granted


@pytest.mark.django_db
def test_assigning_an_office_role_opens_the_dashboard_but_the_library_role_does_not():
    officer, librarian = UserFactory(), UserFactory()
    user_assign_role(user=officer, role=roles.OFFICER)
    user_assign_role(user=librarian, role=roles.LIBRARIAN)
    officer.refresh_from_db()
    librarian.refresh_from_db()
    assert officer.is_staff and officer.has_perm("order.change_order")
    assert not librarian.is_staff and librarian.has_perm("wagtailadmin.access_admin")
    assert roles.user_has_role(officer, roles.OFFICER)
    assert not roles.user_has_role(officer, roles.TREASURER)


def test_private_storage_stores_files_but_refuses_to_give_a_url():
    private = storages["private"]
    name = private.save("uji/master.pdf", ContentFile(b"%PDF-1.4\n"))
    try:
        with private.open(name) as stored:
            assert stored.read() == b"%PDF-1.4\n"
        with pytest.raises(ValueError):
            private.url(name)
    finally:
        private.delete(name)
