"""Notifications leave after the transaction commits (issue #19).

A service that changes state and tells someone about it must not tell them about a change that
then rolls back. :func:`send_after_commit` hands the sending to ``transaction.on_commit``: inside
a transaction it runs once the outermost block commits and never if it rolls back; outside one
it runs at once. The message is built by the caller at call time (from the records as they are
then); only the sending waits. No notification log exists to make sending idempotent across
transactions; the services that send are the ones that guard against running twice.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.core.mail import send_mail
from django.db import transaction


def send_after_commit(send: Callable[..., object], /, **kwargs) -> None:
    """Call ``send(**kwargs)`` after the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(send, **kwargs))


def mail_after_commit(*, subject: str, message: str, recipients: list[str], **extra) -> None:
    """``django.core.mail.send_mail`` after commit, to ``recipients`` (nothing when empty);
    ``extra`` passes on, e.g. ``html_message``."""
    if not recipients:
        return
    send_after_commit(
        send_mail,
        subject=subject,
        message=message,
        from_email=None,
        recipient_list=list(recipients),
        **extra,
    )
