"""Issue #19: ``shop/`` is laid out along the money path, pricing → order → billing → treasury →
delivery, and each app imports only the ones before it: at the top of a module or inside a
function (parsed with ``ast``). A later app is told about an earlier app's step by a signal the
earlier app defines (docs/architecture.md), never by an import or a call made by string name.
Migrations are history and are not checked."""

from __future__ import annotations

import ast
import re

import pytest

from tests.unit.test_ground_floor_imports import ROOT, _imported_modules

MONEY_PATH = ("pricing", "order", "billing", "treasury", "delivery")

#: What the apps must not say: a call or a check by name between our own apps.
BY_NAME = [
    re.compile(r"is_installed\(\s*[\"']shop\."),
    re.compile(r"getattr\(\s*\w*services\s*,"),
    re.compile(r"_cashbook\(\s*[\"']"),
    re.compile(r"billing_app_ready"),
]


def _sources(app: str):
    for path in sorted((ROOT / "shop" / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def later_imports(app: str) -> list[str]:
    later = MONEY_PATH[MONEY_PATH.index(app) + 1 :]
    found = []
    for path in _sources(app):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported_modules(tree):
            parts = module.split(".")
            if parts[0] == "shop" and len(parts) > 1 and parts[1] in later:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


@pytest.mark.parametrize("app", MONEY_PATH)
def test_each_app_imports_only_the_ones_before_it(app):
    assert later_imports(app) == []


@pytest.mark.parametrize("app", MONEY_PATH)
def test_no_call_by_name_between_our_apps(app):
    said = [
        f"{path.relative_to(ROOT)}: {pattern.pattern}"
        for path in _sources(app)
        for pattern in BY_NAME
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert said == []


def test_the_order_does_not_import_layanan():
    """layanan reads the order (the performance report) and files the complaint of a late order
    on ``shop.order.signals.service_time_exceeded``; the order does not import it."""
    assert not [
        module
        for path in _sources("order")
        for _line, module in _imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        if module.split(".")[0] == "layanan"
    ]


def test_the_check_sees_an_import_of_a_later_app():
    source = "def f():\n    from shop.treasury import services\n"
    found = [module for _line, module in _imported_modules(ast.parse(source))]
    assert found == ["shop.treasury"]
