"""The shape of the code: no source file grows past about 500 lines, and no module reaches
into another module's private (_underscore) names. Both keep each wing small enough to
read and its public surface explicit, so a new app copies a good shape."""

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 500
SKIP_DIRS = {".venv", "node_modules", "var", "migrations", "__pycache__", "test-results"}
TEMPLATE_SUFFIXES = {".html", ".jinja", ".j2"}


def project_files(suffixes: set[str]) -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*")
        if path.suffix in suffixes
        and path.is_file()
        and not any(
            part in SKIP_DIRS or part.startswith(".") for part in path.relative_to(ROOT).parts
        )
    )


PY_FILES = project_files({".py"})
PROJECT_PACKAGES = {path.relative_to(ROOT).parts[0] for path in PY_FILES}


PATCHERS = {"setattr", "setitem", "delattr", "delitem"}


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom reads from."""
    if not node.level:
        return node.module or ""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def is_project_module(dotted: str) -> bool:
    if dotted.split(".")[0] not in PROJECT_PACKAGES:
        return False
    relative = Path(*dotted.split("."))
    return (ROOT / relative.with_suffix(".py")).exists() or (ROOT / relative).is_dir()


def private_reaches(path: Path, source: str | None = None) -> list[str]:
    """Underscore names this file takes from other modules: imported by name, or read
    as an attribute of an imported module."""
    text = path.read_text() if source is None else source
    tree = ast.parse(text, filename=str(path))
    found = []
    module_aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if any(is_private(part) for part in alias.name.split(".")):
                    found.append(f"import {alias.name}")
                module_aliases.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            source = resolve(path, node)
            for alias in node.names:
                if is_private(alias.name):
                    found.append(f"from {source} import {alias.name}")
                elif is_project_module(f"{source}.{alias.name}"):
                    module_aliases.add(alias.asname or alias.name)
    # A test may hand a private name to monkeypatch: patching is how it replaces a seam.
    patched = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in PATCHERS
        and node.args
        and path.relative_to(ROOT).parts[0] == "tests"
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr) and id(node) not in patched:
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in module_aliases:
                found.append(ast.unparse(node))
    return found


def test_the_walk_finds_the_project_and_leaves_out_migrations_and_dependencies():
    names = {module_name(path) for path in PY_FILES}
    assert {"cases.models.record", "cases.pages", "crc.access.policy", __name__} <= names
    assert not any(".migrations." in name or name.startswith(".venv") for name in names)
    assert importlib.util.find_spec("cases.risk.services") is not None


@pytest.mark.parametrize(
    "path",
    [*PY_FILES, *project_files(TEMPLATE_SUFFIXES)],
    ids=lambda path: str(path.relative_to(ROOT)),
)
def test_no_source_file_is_over_500_lines(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by subject"


def test_no_module_uses_another_modules_underscore_names():
    offences = {
        str(path.relative_to(ROOT)): sorted(set(found))
        for path in PY_FILES
        if (found := private_reaches(path))
    }
    assert offences == {}


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from cases.pages import _hidden\n", 1),
        ("from .pages import _hidden\n", 1),
        ("from cases import pages\npages._hidden()\n", 1),
        ("import cases.pages\ncases.pages._hidden()\n", 1),
        ("from cases.models import Case\nCase._meta\n", 0),
        ("from cases import pages\npages.__name__\nself._own = 1\n", 0),
        ("from cases import pages\nmonkeypatch.setattr(pages._cache, 'x', 1)\n", 1),
    ],
)
def test_the_check_sees_each_way_of_reaching_a_private_name(source, expected):
    probe = ROOT / "cases" / "probe.py"  # never written: only its place in the tree counts
    assert len(private_reaches(probe, source)) == expected


def test_a_test_may_hand_a_private_name_to_monkeypatch():
    probe = ROOT / "tests" / "probe.py"
    source = "from cases import pages\nmonkeypatch.setitem(pages._cache, 'x', 1)\n"
    assert private_reaches(probe, source) == []
