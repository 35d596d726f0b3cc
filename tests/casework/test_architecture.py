"""Imports go one way: casework uses people; people never imports casework."""

import ast
from pathlib import Path

import bistand.people

PEOPLE = Path(bistand.people.__file__).resolve().parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_people_never_imports_casework():
    offenders = {
        str(path.relative_to(PEOPLE)): sorted(m for m in _imported_modules(path) if "casework" in m)
        for path in PEOPLE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_people_templates_do_not_name_casework_urls():
    """People's own templates link to casework pages only through the project-level
    participant navigation (templates/includes/participant_nav.html)."""
    offenders = [p.name for p in (PEOPLE / "templates").rglob("*.html") if "casework:" in p.read_text(encoding="utf-8")]
    assert offenders == []
