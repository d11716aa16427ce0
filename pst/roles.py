"""The staff roles of the office, as Django groups with real permissions.

The names are the office's own job titles (GLOSSARY.md). The permission lists are the single
source for the data migration that creates the groups and for the tests that check them.
"""

from __future__ import annotations

LIBRARIAN = "Pustakawan"
OFFICER = "Petugas PST"
TREASURER = "Bendahara"
HEAD_OF_OFFICE = "Kepala Kantor"
ADMINISTRATOR = "Administrator"

#: Roles whose members log into staff pages (Oscar's dashboard checks ``is_staff``).
STAFF_ROLES = frozenset({OFFICER, TREASURER, HEAD_OF_OFFICE, ADMINISTRATOR})

#: ``app_label.codename`` permissions per role. Permissions of apps that later issues add are
#: granted by those apps' own migrations, keyed on these group names. Least privilege
#: (docs/permissions.md, issue #15 finding 10): only the administrator holds ``pst.view_user``,
#: which opens the account list in the Django admin and in Oscar's dashboard.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    LIBRARIAN: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    OFFICER: [
        "order.view_order",
        "order.change_order",
        "order.add_ordernote",
        "order.change_ordernote",
        "order.view_ordernote",
        "catalogue.view_product",
        "catalogue.change_product",
    ],
    TREASURER: [
        "order.view_order",
        "payment.view_source",
        "payment.view_transaction",
    ],
    HEAD_OF_OFFICE: [
        "order.view_order",
    ],
    ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "pst.view_user",
        "pst.change_user",
        "pst.add_user",
        "auth.view_group",
        "auth.change_group",
    ],
}


#: The administrator reads the login audit trail of django-axes in the Django admin and lifts a
#: lockout by deleting its attempt (pst/login_throttle.py); granted by migration 0005.
LOGIN_AUDIT_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: [
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
    ],
}


#: Permissions taken back from roles that held more than their job needs (migration 0006).
REVOKED_PERMISSIONS: dict[str, list[str]] = {
    OFFICER: ["pst.view_user"],
    TREASURER: ["pst.view_user"],
    HEAD_OF_OFFICE: ["pst.view_user"],
}


def user_has_role(user, role: str) -> bool:
    """Superusers hold every role; others hold the roles of their groups."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=role).exists()
