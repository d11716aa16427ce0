"""A site's process, driven from a test (tests/recovery): one step of the site's work run the
way a worker runs it, in a process of its own that the test may kill.

    python -m tests.recovery.driver call COMMAND ARG...        a management command
    python -m tests.recovery.driver http METHOD PATH [--body FILE] [--header N=V] [--user EMAIL]
    python -m tests.recovery.driver eval CODE                  Python with ``emit``, ``model``

The site is the one the environment names (``PST_TEST_DATA_DIR`` and ``DATABASE_URL``,
config/settings/test.py). ``http`` goes through Django's whole request handler (middleware,
URL, view), as a gunicorn worker does, signed in as EMAIL when given. A line of JSON on stdout
is the result.

The pause point, for kill tests: with ``PST_TEST_PAUSE_SQL=REGEX`` the process, right after
the first SQL statement matching REGEX has run (the Nth with ``PST_TEST_PAUSE_COUNT=N``),
writes its pid to ``PST_TEST_PAUSE_FILE`` and sleeps until it is killed;
``PST_TEST_PAUSE_SQL=@end`` pauses after the step has finished (its transactions committed)
and before the result is printed. The pause lives here, in the
test's driver, through Django's ``execute_wrapper`` hook: the site's code has none.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path


def _pause() -> None:
    Path(os.environ["PST_TEST_PAUSE_FILE"]).write_text(str(os.getpid()))
    while True:  # until the test's SIGKILL
        time.sleep(1)


def _install_pause() -> None:
    from django.db import connections

    pattern = os.environ.get("PST_TEST_PAUSE_SQL")
    if not pattern or pattern == "@end":
        return
    regex = re.compile(pattern, re.IGNORECASE)
    remaining = [int(os.environ.get("PST_TEST_PAUSE_COUNT", "1"))]

    def pause_after(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if regex.search(sql):
            remaining[0] -= 1
            if remaining[0] == 0:
                _pause()
        return result

    connections["default"].execute_wrappers.append(pause_after)


def emit(obj) -> None:
    print(json.dumps(obj, default=str), flush=True)


def model(name: str):
    """The project's model class called ``name``, wherever its app lives (the shop's apps are
    being re-cut: the tests name models, not modules)."""
    from django.apps import apps

    found = [
        m
        for m in apps.get_models()
        if m.__name__ == name and not m.__module__.startswith(("oscar.", "django.", "wagtail."))
    ]
    if len(found) != 1:
        raise LookupError(f"{len(found)} models called {name}")
    return found[0]


def _http(args: list[str]) -> None:
    """``http METHOD PATH [--body FILE] [--header NAME=VALUE]... [--user EMAIL]``: the request
    through Django's handler; the response's body goes to ``PST_TEST_BODY_OUT`` when set."""
    import argparse

    from django.contrib.auth import get_user_model
    from django.test import Client

    parser = argparse.ArgumentParser(prog="driver http")
    parser.add_argument("method")
    parser.add_argument("path")
    parser.add_argument("--body", type=Path, help="raw JSON body")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--user")
    options = parser.parse_args(args)
    headers = dict(h.split("=", 1) for h in options.header)
    client = Client(headers=headers)
    if options.user:
        client.force_login(get_user_model().objects.get(email=options.user))
    send = getattr(client, options.method.lower())
    if options.body:
        response = send(
            options.path, data=options.body.read_bytes(), content_type="application/json"
        )
    else:
        response = send(options.path)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if os.environ.get("PST_TEST_BODY_OUT"):
        Path(os.environ["PST_TEST_BODY_OUT"]).write_bytes(content)
    if os.environ.get("PST_TEST_PAUSE_SQL") == "@end":
        _pause()
    text = "" if content.startswith(b"%PDF") else content.decode("utf-8", "replace")[:2000]
    emit(
        {
            "status": response.status_code,
            "content_type": response.get("Content-Type", ""),
            "text": text,
        }
    )


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    _install_pause()
    action, *args = argv
    if action == "call":
        from django.core.management import call_command

        call_command(*args)
        if os.environ.get("PST_TEST_PAUSE_SQL") == "@end":
            _pause()
        emit({"status": "done"})
    elif action == "http":
        _http(args)
    elif action == "eval":
        exec(args[0], {"emit": emit, "model": model})  # noqa: S102 - test code run by the test's own driver
    else:
        raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    main(sys.argv[1:])
