"""The wheel's metadata declares what the plugin imports: a host site gets every package Kronika's code needs.

The site's venv has more installed (test tools, the site's own packages), so a module the plugin imports can
work here and fail in a host: this test reads every import of projects/ and finds its distribution.
"""

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECTS_DIR = ROOT / "projects"
REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: list[str]) -> set[str]:
    return {canonical(REQUIREMENT_NAME.match(requirement).group()) for requirement in requirements}


def declared_distributions() -> set[str]:
    """The wheel's dependencies and extras, and what those require in turn (django-redis brings redis)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = requirement_names(
        project["dependencies"] + [req for extra in project["optional-dependencies"].values() for req in extra]
    )
    brought = {name for dist in declared for name in requirement_names(metadata.requires(dist) or [])}
    return declared | brought


def imported_top_level_modules() -> set[str]:
    modules = set()
    for path in PROJECTS_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"projects"}


def test_every_package_the_plugin_imports_is_a_declared_dependency():
    distributions_of = metadata.packages_distributions()
    declared = declared_distributions()

    undeclared = {
        module: distributions_of.get(module, ["?"])
        for module in sorted(imported_top_level_modules())
        if not {canonical(dist) for dist in distributions_of.get(module, [])} & declared
    }

    assert undeclared == {}
