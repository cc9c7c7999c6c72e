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


# The import graph of the plugin: modules as nodes, every import (relative ones resolved, function-level
# ones too) as an edge, then collapsed to the plugin's packages (projects.api, projects.models, …; a module
# directly under projects/ is a package of its own). A cycle between packages means neither can be
# understood, tested or moved without the other; models importing the API's views means loading the
# models loads the whole API.
API_VIEWS = "projects.api.views"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, package: str = "projects") -> dict[str, set[str]]:
    """{module: modules of the package it imports}, for every module under root/package."""
    paths = {module_name(root, path): path for path in (root / package).rglob("*.py")}
    graph = {}
    for module, path in paths.items():
        here = module if path.name == "__init__.py" else module.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            targets |= {name for name in names if name in paths}
        graph[module] = targets - {module}
    return graph


def package_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        packages.setdefault(package_of(module), set()).update(
            package_of(target) for target in targets if package_of(target) != package_of(module)
        )
    return packages


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = lowest[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                lowest[node] = min(lowest[node], lowest[target])
            elif target in stack:
                lowest[node] = min(lowest[node], index[target])
        if lowest[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def imported_by(graph: dict[str, set[str]], start: set[str]) -> set[str]:
    """Every module loaded by importing the start modules."""
    seen, todo = set(), list(start)
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    return seen


def write_modules(root: Path, files: dict[str, str]) -> None:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


@pytest.mark.parametrize(
    "files",
    [
        {  # relative imports, one of them inside a function
            "projects/__init__.py": "",
            "projects/models/__init__.py": "from .pages import Page\n",
            "projects/models/pages.py": "from ..api.fields import ImageField\n",
            "projects/api/__init__.py": "",
            "projects/api/fields.py": "def f():\n    from ..models import Page\n",
        },
        {  # absolute imports through a top-level module
            "projects/__init__.py": "",
            "projects/blocks.py": "import projects.search.documents\n",
            "projects/search/__init__.py": "",
            "projects/search/documents.py": "from projects import blocks\n",
        },
    ],
)
def test_the_import_graph_finds_a_cycle_between_packages(tmp_path, files):
    write_modules(tmp_path, files)

    assert cycles(package_graph(import_graph(tmp_path)))


def test_the_import_graph_finds_models_that_load_the_api_views(tmp_path):
    write_modules(
        tmp_path,
        {
            "projects/__init__.py": "",
            "projects/models/__init__.py": "from ..feeds import items\n",
            "projects/feeds/__init__.py": "",
            "projects/feeds/items.py": "from projects.api.views import PagesViewSet\n",
            "projects/api/__init__.py": "",
            "projects/api/views.py": "",
        },
    )

    assert API_VIEWS in imported_by(import_graph(tmp_path), {"projects.models"})


def test_the_import_graph_sees_the_plugins_packages():
    packages = package_graph(import_graph(PROJECTS_DIR.parent))

    assert {"projects.api", "projects.api_shapes", "projects.models", "projects.read_models"} <= packages.keys()
    assert "projects.models" in packages["projects.api"]


def test_no_two_packages_of_the_plugin_import_each_other():
    graph = import_graph(PROJECTS_DIR.parent)
    packages = package_graph(graph)
    found = cycles(packages)

    why = {
        f"{package} -> {target}": sorted(
            f"{module} -> {imported}"
            for module, imports in graph.items()
            if package_of(module) == package
            for imported in imports
            if package_of(imported) == target
        )
        for component in found
        for package in component
        for target in sorted(packages[package] & set(component))
    }
    assert found == [], why


def test_the_api_shapes_import_no_models_and_no_api():
    graph = import_graph(PROJECTS_DIR.parent)
    loaded = imported_by(graph, {module for module in graph if package_of(module) == "projects.api_shapes"})

    assert {package_of(module) for module in loaded} & {"projects.models", "projects.api"} == set()


def test_no_model_module_loads_the_api_views():
    graph = import_graph(PROJECTS_DIR.parent)
    model_modules = {module for module in graph if package_of(module) == "projects.models"}

    assert API_VIEWS not in imported_by(graph, model_modules)
