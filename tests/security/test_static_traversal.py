"""Path traversal on the development server's static files (issue #15, finding 12).

``make run`` serves the demo with ``runserver``. Django's own static handler raised
SuspiciousFileOperation, a 500, for ``/static/..%2f..%2f…``; with ``whitenoise.runserver_nostatic``
runserver serves static files through WhiteNoise, as production does, and a path outside the
static folders is a plain 404. The test builds the handler exactly as ``runserver`` does, from its
parsed default options.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import get_commands, load_command_class
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings

pytestmark = pytest.mark.django_db


def _runserver_handler():
    command = load_command_class(get_commands()["runserver"], "runserver")
    options = vars(command.create_parser("manage.py", "runserver").parse_args([]))
    return command.get_handler(**options)


def _get(handler, path: str) -> str:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
    }
    status: list[str] = []
    # As Django's test client does: the request signals would close the test's database
    # connection inside its transaction.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        response = handler(environ, lambda line, headers, *exc: status.append(line))
        getattr(response, "close", lambda: None)()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return status[0]


# PATH_INFO as the WSGI server hands it over: %2f already decoded to "/".
@pytest.mark.parametrize(
    "path", ["/static/../../manage.py", "/static/../../../../etc/passwd", "/static/..\\..\\x"]
)
@override_settings(DEBUG=True)
def test_traversal_is_a_404_not_a_500(path):
    assert _get(_runserver_handler(), path).startswith("404")
