"""State changes of accounts (STYLE.md habit 2: one service per state change)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pst.links import absolute_url

from . import roles
from .errors import Refused
from .models import User
from .notify import mail_after_commit
from .tokens import make_activation_token, read_activation_token


def activation_url(*, user: User) -> str:
    return absolute_url(reverse("customer:activate", kwargs={"token": make_activation_token(user)}))


def user_send_activation(*, user: User) -> None:
    """E-mail the activation link; registration needs a verified address (issue #2)."""
    context = {
        "user": user,
        "activation_url": activation_url(user=user),
        "timeout_days": settings.PST_ACTIVATION_TIMEOUT_DAYS,
        "site_name": settings.PST_SITE_NAME,
    }
    mail_after_commit(
        subject=_("Activate your %(site)s account") % {"site": settings.PST_SITE_NAME},
        message=render_to_string("pst/email/activation.txt", context),
        recipients=[user.email],
        html_message=render_to_string("pst/email/activation.html", context),
    )


class ActivationError(Refused):
    """The link is invalid, expired, or for an address the account no longer has."""


@transaction.atomic
def user_activate(*, token: str) -> User:
    """Mark the account's e-mail verified. Idempotent for an already verified account."""
    payload = read_activation_token(token)
    if payload is None:
        raise ActivationError(_("This activation link is invalid or has expired."))
    user_id, email = payload
    user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
    if user is None or user.email.lower() != email.lower():
        raise ActivationError(_("This activation link is invalid or has expired."))
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def user_assign_role(*, user: User, role: str) -> None:
    """Put a user in a staff role. Roles whose pages live in Oscar's dashboard need ``is_staff``
    (Oscar checks it); the library role works in the Wagtail admin and does not."""
    if role not in roles.ROLE_PERMISSIONS:
        raise ValueError(f"Unknown role {role!r}")
    user.groups.add(Group.objects.get(name=role))
    if role in roles.STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
