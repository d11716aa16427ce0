"""E-mails to users and staff at each step of a service (issue #10: "e-mails to users on each
step"). One function renders ``templates/layanan/email/<name>.txt`` in Indonesian (the
office's language, also when a command sends it) at once and sends it after the transaction
commits (``pst.notify``): a step that rolls back tells nobody."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation

from pst import roles
from pst.notify import mail_after_commit


def staff_emails(*role_names: str) -> list[str]:
    """Addresses of the active members of ``role_names`` (the officers' shared inbox)."""
    users = get_user_model().objects.filter(is_active=True, groups__name__in=role_names)
    return sorted(set(users.values_list("email", flat=True)))


def send(*, to: list[str] | str, template: str, context: dict) -> None:
    """Send ``layanan/email/<template>.txt`` after commit; its first line is the subject."""
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "site_name": settings.PST_SITE_NAME,
            "office_name": settings.PST_OFFICE_NAME,
            "base_url": settings.PST_BASE_URL,
            **context,
        }
        text = render_to_string(f"layanan/email/{template}.txt", context).strip()
    subject, _, body = text.partition("\n")
    mail_after_commit(subject=subject.strip(), message=body.strip() + "\n", recipients=recipients)


def officers() -> list[str]:
    return staff_emails(roles.OFFICER)


def heads_of_office() -> list[str]:
    return staff_emails(roles.HEAD_OF_OFFICE)
