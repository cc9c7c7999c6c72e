"""The projects app stays installable into another Wagtail site: it imports nothing from the site around it."""

import ast
from pathlib import Path

import pytest

PROJECTS_DIR = Path(__file__).resolve().parent.parent / "projects"
SITE_PACKAGES = ("cms", "home")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in {
            "import_module",
            "__import__",
        }:
            modules.update(
                arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return modules


def site_imports(path: Path) -> set[str]:
    return {module for module in imported_modules(path) if module.split(".")[0] in SITE_PACKAGES}


def test_the_scan_sees_every_module_of_the_app():
    paths = list(PROJECTS_DIR.rglob("*.py"))

    assert len(paths) > 10
    assert PROJECTS_DIR / "models" / "pages.py" in paths


@pytest.mark.parametrize(
    "source", ["import cms.settings", "from home.models import HomePage", "import_module('cms.api')", "import home"]
)
def test_the_scan_finds_a_site_import(tmp_path, source):
    module = tmp_path / "module.py"
    module.write_text(source + "\n")

    assert site_imports(module)


def test_projects_imports_nothing_from_the_site():
    offenders = {
        str(path.relative_to(PROJECTS_DIR)): sorted(site_imports(path)) for path in sorted(PROJECTS_DIR.rglob("*.py"))
    }

    assert {path: modules for path, modules in offenders.items() if modules} == {}
