"""Where each person lands after signing in (issue #16): their own desk, not Oscar's stock
dashboard ("Total open keranjang", offers, stock alerts) and not a profile page.

The one table of it; docs/permissions.md shows it to people. A user who holds several roles
lands on the desk of the first role in ``DESKS`` that they hold (a superuser holds them all,
so lands on the Django admin); the header links the desks of their other roles
(``pst.context_processors.staff_desks``). Someone with no staff role lands on their profile
while their e-mail is unverified (it says how to verify; reading and ordering need it, so a
new registration ends there), then on their orders if they have ever ordered, on the
e-pustaka otherwise. A safe ``?next=`` given to the login
form wins over all of this (the login views check it is on this site).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from . import roles


@dataclass(frozen=True)
class Desk:
    role: str
    url_name: str
    query: str = ""
    why: str = ""

    def url(self) -> str:
        return reverse(self.url_name) + self.query


#: Staff roles in landing priority: the role that oversees the others first.
DESKS: tuple[Desk, ...] = (
    Desk(roles.ADMINISTRATOR, "admin:index", why="accounts, roles and the login audit"),
    Desk(
        roles.HEAD_OF_OFFICE,
        "layanan:staff_recommendations",
        "?status=draf_surat",
        why="letters drafted and waiting for the head's signature; the performance report is "
        "one link away on the PST service desk",
    ),
    Desk(
        roles.TREASURER,
        "treasury:dashboard",
        why="the treasury: statements, reconciliation, "
        "cash book, reports, and the payments and kuitansi page",
    ),
    Desk(roles.OFFICER, "dashboard:order-list", why="the order desk: the queue by status"),
    Desk(roles.LIBRARIAN, "wagtailadmin_home", why="the Wagtail admin of the e-pustaka"),
)

#: Everyone else: an unverified account, a buyer (has an order) and a reader.
UNVERIFIED_LANDING = "customer:profile-view"
BUYER_LANDING = "customer:order-list"
READER_LANDING = "/pustaka/"  # the e-pustaka's index page (config/urls.py)


def staff_desk(user) -> Desk | None:
    """The desk of the first role in ``DESKS`` the user holds, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    held = (
        {desk.role for desk in DESKS}
        if user.is_superuser
        else set(user.groups.values_list("name", flat=True))
    )
    return next((desk for desk in DESKS if desk.role in held), None)


def landing_url(user) -> str:
    """Where ``user`` goes after signing in when no ``?next=`` is given."""
    desk = staff_desk(user)
    if desk is not None:
        return desk.url()
    if not getattr(user, "is_authenticated", False):
        return READER_LANDING
    if not user.email_verified:
        return reverse(UNVERIFIED_LANDING)
    if user.orders.exists():
        return reverse(BUYER_LANDING)
    return READER_LANDING
