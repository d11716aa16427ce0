"""The one-clock rule (STYLE.md habit 14, issue #14), as a lint over the project's source.

"Which day is it" is the office's local date from ``pst.clock``. The forms that silently give
the UTC or the server's date are refused anywhere else:

- ``.date()`` of ``timezone.now()``, ``datetime.now(…)``, ``datetime.utcnow()`` or a variable
  named ``now`` (all UTC under ``USE_TZ``);
- ``.date()`` of a stored datetime read off an object (``invoice.issued_at.date()``): Django
  returns aware datetimes in UTC, so from 00:00 to 07:00 WIB this is yesterday;
- ``date.today()`` / ``datetime.today()`` / naive ``datetime.now()`` (the server's zone);
- ``timezone.localdate`` outside ``pst/clock.py`` (one door for the question, so an office in
  another zone can be served by changing one function).

The correct forms pass: ``timezone.localtime(x).date()``, ``x.astimezone(tz).date()``,
``local_date(x)``, ``office_today()``. A line may opt out with ``# clock-ok: <why>``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SKIP_DIRS = {".venv", "migrations", "node_modules", ".git", "test-results", "data"}
CLOCK_MODULE = ROOT / "pst" / "clock.py"


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _is_utc_now(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "now"
    if isinstance(node, ast.Call):
        name = _dotted(node.func)
        return name in {"timezone.now", "now", "datetime.utcnow", "datetime.datetime.utcnow"} or (
            name in {"datetime.now", "datetime.datetime.now"}
        )
    return False


def violations(source: str, *, is_clock_module: bool = False) -> list[tuple[int, str]]:
    """``(line, why)`` for every wrong-clock form in ``source``."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        why = ""
        if isinstance(node.func, ast.Attribute) and node.func.attr == "date" and not node.args:
            receiver = node.func.value
            if _is_utc_now(receiver):
                why = "the UTC date of 'now': use pst.clock.office_today() / local_date(now)"
            elif isinstance(receiver, ast.Attribute) and receiver.attr.endswith("_at"):
                why = (
                    f"the UTC date of the stored moment '{receiver.attr}': "
                    "use pst.clock.local_date(...)"
                )
        if name in {"date.today", "datetime.today"} or name.endswith(
            ("datetime.date.today", "datetime.datetime.today")
        ):
            why = "the server's date: use pst.clock.office_today()"
        naive_now = not node.args and not node.keywords
        if name in {"datetime.now", "datetime.datetime.now"} and naive_now:
            why = "a naive server time: use timezone.now()"
        if name in {"timezone.localdate", "localdate"} and not is_clock_module:
            why = "ask pst.clock (office_today / local_date), the one door for the office's day"
        if why and "# clock-ok:" not in lines[node.lineno - 1]:
            found.append((node.lineno, why))
    return found


def _project_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*.py"):
        if SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            continue
        files.append(path)
    return files


@pytest.mark.parametrize(
    ("snippet", "flagged"),
    [
        ("timezone.now().date()", True),
        ("now.date()", True),
        ("datetime.now(UTC).date()", True),
        ("datetime.utcnow().date()", True),
        ("invoice.issued_at.date()", True),
        ("self.order.paid_at.date()", True),
        ("date.today()", True),
        ("datetime.date.today()", True),
        ("datetime.now()", True),
        ("timezone.localdate()", True),
        ("timezone.localdate(now)", True),
        ("date.today()  # clock-ok: the pure library has no office", False),
        ("timezone.localtime(invoice.issued_at).date()", False),
        ("invoice.issued_at.astimezone(JAKARTA).date()", False),
        ("timezone.localtime(now).date()", False),
        ("local_date(invoice.issued_at)", False),
        ("office_today()", False),
        ("moment.date()", False),
        ("datetime.strptime(text, '%Y-%m-%d').date()", False),
        ("datetime.now(UTC)", False),
        ("service_due_for(kind, start).date()", False),
    ],
)
def test_the_rule_knows_the_wrong_forms_from_the_right_ones(snippet, flagged):
    assert bool(violations(snippet)) is flagged


def test_no_wrong_clock_in_the_project():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {why}"
        for path in _project_files()
        for line, why in violations(path.read_text(), is_clock_module=path == CLOCK_MODULE)
    ]
    assert not found, "\n".join(found)
