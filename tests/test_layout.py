"""The house keeps its shape (issue 26): plumbing apart, one package per feature, no import circle.

Read from the source, not from a list kept by hand: every import statement of ``webapp/``, ``models/`` and
``matching/`` – at the top of a module and inside functions – is an edge of the import graph, and so is the
``__init__`` of every sub-package above a module (Python runs it first). An import under ``if TYPE_CHECKING:`` is a
type annotation's name, never executed, and is not counted.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("webapp", "models", "matching")

# What may stay loose in webapp/: the app factory and what stands above every feature.
LOOSE = {"__init__", "cli", "demo", "daily", "checks", "backup", "warmup"}
# Feature packages with a blueprint (their routes.py holds it; their docstring lists its URLs).
BLUEPRINTS = ("main", "auth", "admin", "employers", "counsellors", "businesses", "research", "cv", "esf", "privacy", "vocabulary", "stats", "api")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    return skip


def _imports(module: str, path: Path) -> list[tuple[str, list[str]]]:
    """(imported module as written, names taken from it) of every import statement that runs."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.append((target, [alias.name for alias in node.names]))
    return out


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for target, names in _imports(module, path):
            # "from pkg import sub" imports the module pkg.sub; "from pkg import name" the package
            wanted = [f"{target}.{n}" if f"{target}.{n}" in MODULES else target for n in names] or [target]
            edges[module] |= {m for m in map(_resolve, wanted) if m and m != module}
        # importing a module runs the __init__ of every package above it first (the three top-level packages
        # are facades that import their own modules on purpose: the app factory, the models, the matcher's API)
        parts = module.split(".")
        edges[module] |= {".".join(parts[:i]) for i in range(2, len(parts))} - {module}
    return edges


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return groups


def test_no_import_circle_anywhere():
    assert _circles(_edges()) == []


def test_the_circle_finder_finds_a_circle():
    """The check above can fail: a made-up graph with a circle is found."""
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_only_the_agreed_modules_are_loose_in_webapp():
    loose = {p.stem for p in (ROOT / "webapp").glob("*.py")}
    assert loose <= LOOSE, f"put these into webapp/core/ or a feature package: {sorted(loose - LOOSE)}"


def test_plumbing_knows_no_feature():
    features = {m for m in MODULES if m.startswith("webapp.") and not m.startswith("webapp.core")}
    for module, targets in _edges().items():
        if module.startswith("webapp.core"):
            assert not (targets & features), f"{module} imports {sorted(targets & features)}"


def test_the_layers_hold():
    """matching/ knows no web and no database; models/ knows neither the web app nor the matcher."""
    for module, path in MODULES.items():
        written = {target.split(".")[0] for target, _names in _imports(module, path)}
        if module.startswith("matching"):
            assert not written & {"flask", "sqlalchemy", "webapp", "models"}, module
        if module.startswith("models"):
            assert not written & {"flask", "webapp", "matching"}, module


def test_no_private_name_is_imported_from_another_module():
    for module, path in MODULES.items():
        for target, names in _imports(module, path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not (private and _resolve(target)), f"{module} imports {private} from {target}"


def test_every_blueprint_lives_in_its_package_routes_module():
    for feature in BLUEPRINTS:
        routes = (ROOT / "webapp" / feature / "routes.py").read_text(encoding="utf-8")
        assert re.search(rf'^bp = Blueprint\("{feature}", __name__', routes, re.M), feature


def _url_table(docstring: str) -> list[tuple[str, str, str]]:
    """The rows of the reStructuredText table in ``docstring``, cut at the columns its ``====`` line marks."""
    lines = docstring.splitlines()
    rules = [i for i, line in enumerate(lines) if line.strip() and set(line.strip()) <= {"=", " "}]
    if len(rules) < 3:
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", lines[rules[0]])]
    cut = [(start, spans[k + 1][0] if k + 1 < len(spans) else None) for k, (start, _end) in enumerate(spans)]
    rows = []
    for line in lines[rules[1] + 1 : rules[2]]:
        url, methods, view = (line[a:b].strip() for a, b in cut)
        rows.append((url, methods, view))
    return rows


@pytest.mark.parametrize("feature", BLUEPRINTS)
def test_a_blueprint_s_docstring_lists_its_urls_as_the_app_has_them(app, feature):
    """A newcomer finds the code of any URL by opening one folder: the table in the package's docstring says
    which view of which module answers it (kept true here)."""
    import importlib
    import inspect

    expected = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.partition(".")[0] != feature:
            continue
        view = inspect.unwrap(app.view_functions[rule.endpoint])
        methods = " ".join(m for m in ("GET", "POST") if m in (rule.methods or ()))
        expected.append((rule.rule, methods, f"{view.__module__.rsplit('.', 1)[-1]}.{view.__name__}"))
    written = _url_table(importlib.import_module(f"webapp.{feature}").__doc__ or "")
    assert sorted(written) == sorted(expected)


def test_no_test_imports_from_a_conftest():
    """Fixtures come from conftest.py through pytest; shared plain helpers live in tests/helpers.py."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("*.py")
        if re.search(r"^\s*(from tests(\.\w+)*\.conftest import|import tests(\.\w+)*\.conftest)", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
