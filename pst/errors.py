"""The one error for a refused action (issue #19).

A service that will not do what it is asked (a guard fails, the state does not allow it, the
user lacks the role) raises :class:`Refused`. ``message`` is shown to the user as it is, so it
is Indonesian (a translated string, or Indonesian text where the app writes it directly);
``code`` is an optional short key for callers and logs that must tell refusals apart without
reading the sentence. Each app's own refusal (``layanan.services.ServiceError``, the shop's and
the library's) is a subclass, so a view may catch either.
"""

from __future__ import annotations


class Refused(Exception):
    """A refused action; ``message`` is fit for the page, ``code`` is for the program."""

    def __init__(self, message: str, *, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
