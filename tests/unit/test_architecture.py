"""The dependency rules of docs/architecture.md, checked on the source (issue #19).

Read with ``ast``, never imported, so a rule holds for code no test happens to run:

- no circle of files among our own modules (imports at module level; ``TYPE_CHECKING`` blocks
  are type hints, not dependencies);
- (the shop along the money path is tests/unit/test_money_path_imports.py);
- no module over 700 lines outside migrations, tests and the demo's data;
- an import inside a function carries a comment saying why (Oscar's ``get_class`` seams,
  optional dependencies, a cycle Django itself imposes);
- no call by string name between our apps (``getattr(module, name)`` on one of our modules,
  ``apps.is_installed`` of our own app, ``import_module``/``import_string`` of our code).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "pst",
    "watermark",
    "library",
    "catalogue",
    "search",
    "layanan",
    "shop",
    "demo",
    "config",
)
MAX_LINES = 700
#: Modules allowed past MAX_LINES: data tables, not logic (the issue's "pure data tables").
LONG_DATA_MODULES = {
    "demo/catalogue_data.py",
    "demo/shop_data.py",
    "demo/pdfgen.py",
    "demo/activity.py",
}


FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


@dataclass(frozen=True)
class Import:
    target: str  # dotted module name as written (resolved relative imports)
    names: tuple[str, ...]  # for ``from x import a, b``
    line: int
    in_function: bool
    type_checking: bool


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts:
                continue
            parts = list(rel.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _imports(module: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _package_of(module, path)

    def visit(node: ast.AST, in_function: bool, type_checking: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            func = in_function or isinstance(child, FUNCTIONS)
            tc = type_checking or (
                isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(alias.name, (), child.lineno, in_function, type_checking)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (child.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                names = tuple(alias.name for alias in child.names)
                yield Import(base, names, child.lineno, in_function, type_checking)
            yield from visit(child, func, tc)

    yield from visit(tree, False, False)


def _resolve(imp: Import) -> set[str]:
    """The modules of ours an import loads (``from pkg import mod`` loads ``pkg.mod``)."""
    submodules = {f"{imp.target}.{name}" for name in imp.names} & MODULES.keys()
    targets = set(submodules)
    if imp.target in MODULES and (not imp.names or len(submodules) < len(imp.names)):
        targets.add(imp.target)
    return targets


IMPORTS = {module: list(_imports(module, path)) for module, path in MODULES.items()}


def _graph(*, module_level_only: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for module, imports in IMPORTS.items():
        for imp in imports:
            if imp.type_checking or (module_level_only and imp.in_function):
                continue
            graph[module] |= _resolve(imp) - {module}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        circles.append(sorted(component))
    return circles


def test_no_circle_of_files():
    circles = _circles(_graph(module_level_only=True))
    listed = "\n".join(" ↔ ".join(circle) for circle in circles)
    assert not circles, f"circles of module-level imports:\n{listed}"


def test_no_module_over_700_lines():
    long = []
    for path in MODULES.values():
        rel = path.relative_to(ROOT).as_posix()
        if rel in LONG_DATA_MODULES:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long.append(f"{rel}: {lines} lines")
    assert not long, f"modules over {MAX_LINES} lines:\n" + "\n".join(sorted(long))


def test_an_import_inside_a_function_says_why():
    silent = []
    for module, imports in IMPORTS.items():
        lines = MODULES[module].read_text(encoding="utf-8").splitlines()
        for imp in imports:
            if not imp.in_function or imp.type_checking:
                continue
            here = lines[imp.line - 1]
            before = lines[imp.line - 2].strip() if imp.line > 1 else ""
            if "#" not in here and not before.startswith("#"):
                silent.append(f"{MODULES[module].relative_to(ROOT)}:{imp.line}: {here.strip()}")
    listed = "\n".join(silent)
    assert not silent, f"imports inside functions without a comment saying why:\n{listed}"


def _our_module_aliases(tree: ast.Module) -> set[str]:
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PACKAGES:
                    aliases.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PACKAGES:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in MODULES:
                    aliases.add(alias.asname or alias.name)
    return aliases


def test_no_call_by_string_name_between_our_apps():
    found = []
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = _our_module_aliases(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            call = ast.unparse(node.func)
            where = f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}"
            if call == "getattr" and node.args:
                first = node.args[0]
                dynamic = len(node.args) > 1 and not isinstance(node.args[1], ast.Constant)
                if isinstance(first, ast.Name) and first.id in aliases and dynamic:
                    found.append(where)
            elif call.endswith(("is_installed", "import_module", "import_string")) and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and str(arg.value).split(".")[0] in PACKAGES:
                    found.append(where)
    assert not found, "calls by string name between our apps:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_circle_finder_finds_circles(graph, expected):
    assert _circles(graph) == expected
