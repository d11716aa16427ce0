"""The staff roles of the office, as Django groups with real permissions, and the one role
guard every app uses (issue #19).

The names are the office's own job titles (GLOSSARY.md). The permission lists are the single
source for the data migration that creates the groups and for the tests that check them.

The guard comes in the four shapes the code needs, all answering the same question
(:func:`has_role`: superusers hold every role, others the roles of their groups):

- :func:`require_role` in a service: raises :class:`pst.errors.Refused` (code ``"role"``);
- :func:`role_required` on a function view and :class:`RoleRequiredMixin` on a class view:
  anonymous visitors go to the login page, a signed-in user without the role gets the site's
  403 page (``templates/403.html``) with the message;
- the ``has_role`` template filter (``{% load pst_roles %}``,
  ``{% if request.user|has_role:"Bendahara" %}``) to show or hide a link.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .errors import Refused

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


#: What a service says to a user without the role, and the 403 page to a visitor without it.
ROLE_REFUSED = _("You do not have the role needed for this step.")
PAGE_REFUSED = _("This page is open only to office staff with the right role.")


def has_role(user, *role_names: str) -> bool:
    """Whether ``user`` holds at least one of ``role_names``. Superusers hold every role;
    others hold the roles of their groups; anonymous visitors and ``None`` hold none."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=role_names).exists()


def user_has_role(user, role: str) -> bool:
    """Superusers hold every role; others hold the roles of their groups."""
    return has_role(user, role)


def require_role(user, *role_names: str, message=None) -> None:
    """Refuse (:class:`Refused`, code ``"role"``) unless ``user`` holds one of ``role_names``."""
    if not has_role(user, *role_names):
        raise Refused(message or ROLE_REFUSED, code="role")


def _refusal(request, role_names, message):
    """``None`` when the request may pass, else the response or exception that refuses it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_role(request.user, *role_names):
        raise PermissionDenied(message or PAGE_REFUSED)
    return None


def role_required(*role_names: str, message=None):
    """A function view for members of ``role_names`` only (see the module docstring)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            refusal = _refusal(request, role_names, message)
            return refusal or view(request, *args, **kwargs)

        wrapped.allowed_roles = role_names
        return wrapped

    return decorator


class RoleRequiredMixin:
    """A class view for members of ``allowed_roles`` only; put it first among the bases."""

    allowed_roles: tuple[str, ...] = ()
    refused_message = None

    def dispatch(self, request, *args, **kwargs):
        refusal = _refusal(request, self.allowed_roles, self.refused_message)
        return refusal or super().dispatch(request, *args, **kwargs)
