"""E-mail through the task queue (issue #22): ``EMAIL_BACKEND = "pst.mail.TaskEmailBackend"``
in production. Every message the site sends (our notifications, Oscar's, Django's password
reset) is turned into plain data and queued as one ``mail_deliver`` task; the worker hands it
to ``PST_EMAIL_DELIVERY_BACKEND`` (SMTP). A request never waits on the mail server, and a
message the server refused is a FAILED task in the Django admin, not a lost e-mail.

A retried task never sends twice: the message's ``Message-ID`` is marked in the cache once
delivered, and a second run of the same message is skipped. Notifications sent after commit
(``transaction.on_commit``) simply call ``send_mail`` as before; this backend is what queues
them.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django_tasks import task

__all__ = ["TaskEmailBackend", "mail_deliver", "message_from_data", "message_to_data"]

SENT_TIMEOUT = 30 * 24 * 3600


def message_to_data(message) -> dict:
    """A JSON-safe copy of an ``EmailMessage`` (alternatives and attachments included), with a
    ``Message-ID`` fixed now so that every retry is recognisably the same message."""
    headers = dict(message.extra_headers)
    headers.setdefault("Message-ID", make_msgid())
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        elif not isinstance(content, bytes):  # a MIMEBase part
            content = content.as_bytes()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_data(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task()
def mail_deliver(data: dict) -> str:
    """Send one queued message with the delivery backend; skipped if it was already sent."""
    message_id = data["headers"]["Message-ID"]
    key = f"pst:mail-sent:{message_id}"
    if cache.get(key):
        return f"already sent: {message_id}"
    backend = getattr(
        settings, "PST_EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
    )
    get_connection(backend, fail_silently=False).send_messages([message_from_data(data)])
    cache.set(key, 1, SENT_TIMEOUT)
    return f"sent: {message_id} to {len(data['to']) + len(data['cc']) + len(data['bcc'])}"


class TaskEmailBackend(BaseEmailBackend):
    """Queues each message as a ``mail_deliver`` task instead of sending it."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            mail_deliver.enqueue(message_to_data(message))
            count += 1
        return count
