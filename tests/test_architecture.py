"""The import rules of ARCHITECTURE.md, checked on the source (so they stay true)."""

from __future__ import annotations

import ast
from pathlib import Path

import bistand

SRC = Path(bistand.__file__).parent

# Lower apps first. An app may import apps before it, never after it.
APP_ORDER = [
    "core",
    "reference",
    "accounts",
    "audit",
    "people",
    "employers",
    "casework",
    "jobs",
    "placements",
    "quality",
    "outcomes",
    "api",
    "demo",
    "bench",
]
# Leaves import nothing app-level (only Django, the standard library and third parties).
LEAF_MODULES = {"enums", "validators"}
# Domain modules never import the web layer.
WEB_MODULES = {"views", "forms", "urls", "api", "context_processors"}
DOMAIN_MODULES = {"models", "services", "selectors", "enums", "validators", "rules", "access", "loaders"}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                names.append(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.append(node.module)
    return names


def app_modules():
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).parts
        if len(rel) < 2 or rel[0] in ("testing",) or "migrations" in rel:
            continue
        yield rel[0], path


def test_every_app_is_in_the_order():
    apps = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "apps.py").exists()}
    assert apps - set(APP_ORDER) == set()


def test_apps_import_only_lower_apps():
    problems = []
    for app, path in app_modules():
        rank = APP_ORDER.index(app) if app in APP_ORDER else len(APP_ORDER)
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] != "bistand" or len(parts) < 2 or parts[1] not in APP_ORDER:
                continue
            if APP_ORDER.index(parts[1]) > rank:
                problems.append(f"{path.relative_to(SRC)} imports {name}")
    assert problems == []


def test_domain_modules_never_import_the_web_layer():
    problems = []
    for _app, path in app_modules():
        if path.stem not in DOMAIN_MODULES:
            continue
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] == "bistand" and parts[-1] in WEB_MODULES:
                problems.append(f"{path.relative_to(SRC)} imports {name}")
    assert problems == []


def test_leaf_modules_import_nothing_app_level():
    problems = []
    for app, path in app_modules():
        if path.stem not in LEAF_MODULES:
            continue
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] == "bistand" and not (len(parts) > 1 and parts[1] == app and parts[-1] in LEAF_MODULES):
                problems.append(f"{path.relative_to(SRC)} imports {name}")
    assert problems == []
