"""Values every page template needs. pst imports none of our apps (issue #19): the library's
address (``PST_LIBRARY_URL``) comes from ``library.context_processors.library``."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from .roles import HEAD_OF_OFFICE, LIBRARIAN, OFFICER, TREASURER


def portal(request):
    """The site's and the office's names."""
    return {
        "PST_SITE_NAME": settings.PST_SITE_NAME,
        "PST_OFFICE_NAME": settings.PST_OFFICE_NAME,
    }


def _desks(user) -> list[tuple[str, str]]:
    """The staff pages this user's roles open, in the order of the service: each role finds its
    own desk from every page (the shop dashboard, the Wagtail admin and the plain staff pages
    live at different addresses)."""
    if not getattr(user, "is_authenticated", False) or not (user.is_staff or user.groups.exists()):
        return []
    roles = {TREASURER, OFFICER, LIBRARIAN, HEAD_OF_OFFICE}
    held = (
        roles
        if user.is_superuser
        else set(user.groups.filter(name__in=roles).values_list("name", flat=True))
    )
    desks: list[tuple[str, str]] = []
    if held & {LIBRARIAN}:
        desks.append((_("Library admin"), "/cms/"))
    if held & {OFFICER, HEAD_OF_OFFICE}:
        desks.append((_("Order desk"), reverse("dashboard:order-list")))
        desks.append((_("PST service desk"), reverse("layanan:staff_home")))
    if held & {HEAD_OF_OFFICE} and not held & {LIBRARIAN}:
        desks.append((_("Library downloads"), reverse("library:download-reports")))
    if held & {TREASURER}:
        desks.append((_("Payments and receipts"), reverse("treasury:payments")))
        desks.append((_("Reconciliation and cash book"), reverse("treasury:dashboard")))
    return desks


def staff_desks(request):
    """``STAFF_DESKS``: (label, url) of the work pages the signed-in staff member may open."""
    user = getattr(request, "user", None)
    return {"STAFF_DESKS": SimpleLazyObject(lambda: _desks(user))}
