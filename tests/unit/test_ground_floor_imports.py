"""Issue #19: ``pst/`` and ``watermark/`` are the ground floor; they import none of the apps
that stand on them, at the top of a module or inside a function. Parsed with ``ast``, so an
import hidden in a function or behind a condition counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UPPER_FLOORS = {"library", "shop", "layanan", "catalogue", "search", "demo"}
GROUND_FLOORS = ("pst", "watermark")


def _imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.lineno, str(node.args[0].value)


def upward_imports(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported_modules(tree):
            if module.split(".")[0] in UPPER_FLOORS:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


@pytest.mark.parametrize("package", GROUND_FLOORS)
def test_the_ground_floor_imports_no_upper_floor(package):
    assert upward_imports(package) == []


def test_the_check_sees_an_import_inside_a_function():
    """The check itself can fail: a module with a hidden upward import is reported."""
    source = "def f():\n    from shop.billing import money\n    import library.models\n"
    found = [module for _line, module in _imported_modules(ast.parse(source))]
    assert found == ["shop.billing", "library.models"]
