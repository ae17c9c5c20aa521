"""The package's shape: stages import downward only, and no module imports itself back in a cycle."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "build_tools"
# Each layer may import from its own layer and the layers before it, never after.
LAYERS = [
    {"model", "ids", "text", "files", "store", "heap", "diagnostics", "escape", "vocabulary", "quotes", "graph", "weighing", "status",
     "prose", "analysis", "diff", "sensitivity"},
    {"check"},
    {"site"},
    {"formats", "publish"},
    {"cli", "plugin", "preview", "__main__"},
]
ADAPTERS = {"cli", "plugin", "preview", "__main__"}


def _modules() -> dict[str, Path]:
    return {".".join(p.relative_to(PACKAGE).with_suffix("").parts): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path) -> set[str]:
    """The build_tools modules that module ``name`` imports (resolved to dotted names in the package)."""
    package = name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1] if node.level > 1 else package
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [f"{target}.{a.name}" if target else a.name for a in node.names]
            found.update(names if node.module is None else [target, *names])  # "from . import x" imports x
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("build_tools"):
            found.add(node.module.removeprefix("build_tools").lstrip("."))
    modules = _modules()
    return {m if m in modules else f"{m}.__init__" for m in found if m in modules or f"{m}.__init__" in modules}


def _layer(name: str) -> int:
    top = name.split(".")[0]
    return next(i for i, layer in enumerate(LAYERS) if top in layer)


def test_every_module_belongs_to_a_layer() -> None:
    for name in _modules():
        if name != "__init__":
            _layer(name)


def test_stages_import_downward_only() -> None:
    upward = []
    for name, path in _modules().items():
        if name == "__init__":
            continue
        for target in _imports(name, path):
            if target and target != "__init__" and _layer(target) > _layer(name):
                upward.append(f"{name} imports {target}")
    assert upward == []


def test_only_the_adapters_import_mkdocs_print_or_exit() -> None:
    offenders = []
    for name, path in _modules().items():
        if name.split(".")[0] in ADAPTERS:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                if module and module.split(".")[0] == "mkdocs":
                    offenders.append(f"{name} imports mkdocs")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("print", "exit"):
                offenders.append(f"{name} calls {node.func.id}")
            if isinstance(node, ast.Attribute) and node.attr == "exit" and getattr(node.value, "id", "") == "sys":
                offenders.append(f"{name} calls sys.exit")
    assert offenders == []


def test_no_import_cycle() -> None:
    modules = _modules()
    edges = {name: {t for t in _imports(name, path) if t in modules and t != name} for name, path in modules.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail[trail.index(target):], target]))
            if target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(modules):
        if name not in state:
            visit(name, [name])


def test_commands_that_read_the_check_cache_load_no_reader_or_rules() -> None:
    """check/'s entry points are imported lazily: a command whose check comes from the cache (status, render,
    export) loads neither the YAML reader, the schemas nor the rules when its module is imported."""
    import subprocess
    import sys

    probe = ("import importlib, sys\n"
             "for name in ('status', 'render', 'coverage'):\n"
             "    importlib.import_module(f'build_tools.cli.{name}')\n"
             "print(sorted(m for m in sys.modules if m in ('build_tools.check.load', 'build_tools.check.yamlfile', "
             "'build_tools.check.schema', 'build_tools.check.project', 'jsonschema', 'fastjsonschema')))")
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert ran.returncode == 0 and ran.stdout.strip() == "[]", ran.stdout + ran.stderr


def test_no_test_file_imports_another() -> None:
    """What tests share lives in tests/helpers.py (and conftest.py), never in another test file."""
    tests = {p.stem for p in (ROOT / "tests").glob("test_*.py")}
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.name} imports {n}" for n in names if n.split(".")[0] in tests]
    assert found == []


def test_the_readme_layout_names_every_module() -> None:
    """README's Layout follows one claim through the package: every module is named there (a new one too)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    layout = readme[readme.index("## Layout"):readme.index("\n## ", readme.index("## Layout") + 1)]
    missing = []
    for name in _modules():
        parts = name.split(".")
        if parts[-1] == "__init__" or name == "__init__":
            continue
        shown = "/".join(parts)
        if f"`{shown}`" not in layout and f"`{parts[-1]}`" not in layout and f"`{shown}.py`" not in layout \
                and not (parts[0] == "cli" and re.search(rf"\b{parts[-1].replace('importing', 'import')}\b", layout)):
            missing.append(shown)
    assert missing == []
