"""The library stands on ``pst`` and ``watermark`` only (issue #19, STYLE.md layout): it is below
the catalogue, search, the shop, layanan and the demo, so none of their modules may be imported
from library/, not even inside a function. And the page model does not reach the services: the
page form runs the ingest (library/ingest.py), which knows no model, so the old circle
models → forms → services → models is gone.

Read from the source with ``ast`` (every ``import``, at any depth), so the test needs no
database and fails on the line that breaks the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LIBRARY = ROOT / "library"
#: Our apps above the library in STYLE.md's layout (and the settings package, which names them).
ABOVE_THE_LIBRARY = {"catalogue", "search", "shop", "layanan", "demo", "config"}


def library_modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(LIBRARY.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    """``(line, imported module)`` for every import in the file, relative ones resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # ``from . import services`` imports the module library.services
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def test_the_checker_sees_relative_and_nested_imports(tmp_path):
    """The checker itself: a nested ``from ..x import y`` is resolved and found."""
    path = tmp_path / "mod.py"
    path.write_text("def f():\n    from ..shop import billing\n    import search.services\n")
    found = {target for _line, target in imports_of("library.sub.mod", path)}
    assert {"library.shop", "library.shop.billing", "search.services"} <= found


@pytest.mark.parametrize("module", sorted(library_modules()))
def test_the_library_imports_nothing_above_it(module):
    path = library_modules()[module]
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for line, target in imports_of(module, path)
        if target.split(".")[0] in ABOVE_THE_LIBRARY
    ]
    assert not wrong, "\n".join(wrong)


def _reachable_from(start: str) -> dict[str, str]:
    """Every library module ``start`` imports, directly or through others, with the module that
    imports it (to show the path when the test fails)."""
    modules = library_modules()
    seen: dict[str, str] = {start: ""}
    todo = [start]
    while todo:
        current = todo.pop()
        for _line, target in imports_of(current, modules[current]):
            if target in modules and target not in seen:
                seen[target] = current
                todo.append(target)
    return seen


@pytest.mark.parametrize("start", ["library.models", "library.forms", "library.ingest"])
def test_the_page_model_its_form_and_the_ingest_do_not_reach_the_services(start):
    reached = _reachable_from(start)
    for later in ("library.services", "library.views", "library.importer"):
        if later in reached:
            path, step = [later], later
            while reached[step]:
                step = reached[step]
                path.append(step)
            pytest.fail(" → ".join(reversed(path)))


def test_the_ingest_knows_no_model():
    assert "library.models" not in _reachable_from("library.ingest")
