"""Kronika installs into a brand-new Wagtail site by the README's steps, for real.

The README's section "Add Kronika to your Wagtail site" is the script: its shell commands run as written (the
wheel is built in a copy of this checkout and installed into a fresh virtualenv), and its settings and URL
snippets go into a site made by `wagtail start`. Then the host site migrates, passes `manage.py check`, gets a
program, a project and a report through the ORM (tests/plugin_host_script.py), and serves the report through
the API and as a page. A wheel without the templates, migrations or compiled catalogues fails here.

Slow (a minute or two: most of it is installing Wagtail into the new virtualenv; pip's cache serves the
downloads after the first run), so marked `slow`; CI runs it like every other test. The exact pins of
requirements.txt constrain the install, so the host gets the versions the rest of the suite tests.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Add Kronika to your Wagtail site"
HOST = "hostsite"
# What a copy of the checkout leaves out: the environment, history, and what running the site or the tests made.
NOT_COPIED_AT_THE_ROOT = {".venv", ".git", "build", "dist", "media", "static", ".pytest_cache", ".ruff_cache"}
NOT_COPIED_ANYWHERE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "db.sqlite3*", "artifacts")


def not_copied(directory: str, names: list[str]) -> set[str]:
    at_root = NOT_COPIED_AT_THE_ROOT if Path(directory) == ROOT else set()
    return {name for name in names if name in at_root} | NOT_COPIED_ANYWHERE(directory, names)


STEP_TIMEOUT = 300


@dataclass
class ReadmeSteps:
    build_and_install: list[str]
    settings: str
    url_line: str
    migrate_and_check: list[str]


def readme_steps() -> ReadmeSteps:
    """The code blocks of the README's installation section, in their order: sh, python, python, sh."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = [
        (language, textwrap.dedent(code))
        for language, code in re.findall(r"^ *```(\w+)\n(.*?)^ *```", section, re.MULTILINE | re.DOTALL)
    ]
    assert [language for language, _code in blocks] == ["sh", "python", "python", "sh"]
    (_, build), (_, settings), (_, urls), (_, migrate) = blocks
    [url_line] = [line.strip() for line in urls.splitlines() if 'include("projects.urls")' in line]
    return ReadmeSteps(build.splitlines(), settings, url_line, migrate.splitlines())


def constraints_from_requirements(path: Path) -> str:
    """requirements.txt as pip constraints: the same pins, without extras (pip refuses extras in constraints)."""
    return re.sub(r"\[[\w,-]+\]", "", path.read_text(encoding="utf-8"))


def run(command: str | list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 - our own commands and the README's
        command,
        cwd=cwd,
        env=env,
        shell=isinstance(command, str),  # noqa: S604 - a README line, run as a reader would type it
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"{command!r} failed in {cwd}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result.stdout


@dataclass
class HostSite:
    wheel: Path
    directory: Path
    check_output: str
    result: dict
    seconds: dict[str, float]


@pytest.fixture(scope="module")
def host_site(tmp_path_factory) -> Iterator[HostSite]:
    seconds: dict[str, float] = {}
    started = time.monotonic()

    def lap(step: str) -> None:
        seconds[step] = round(time.monotonic() - started - sum(seconds.values()), 1)

    steps = readme_steps()
    work = tmp_path_factory.mktemp("plugin-install")
    checkout = work / "kronika"
    shutil.copytree(ROOT, checkout, ignore=not_copied)
    constraints = work / "constraints.txt"
    constraints.write_text(constraints_from_requirements(ROOT / "requirements.txt"))

    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=STEP_TIMEOUT)  # noqa: S603
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "VIRTUAL_ENV"))},
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "PIP_CONSTRAINT": str(constraints),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    lap("copy and virtualenv")
    for line in steps.build_and_install:
        run(line, checkout, env)
    [wheel] = (checkout / "dist").glob("kronika-*.whl")
    lap("build and install")

    run(["wagtail", "start", HOST], work, env)
    site = work / HOST
    settings_path = site / HOST / "settings" / "base.py"
    settings_path.write_text(settings_path.read_text() + "\n" + steps.settings)
    urls_path = site / HOST / "urls.py"
    urls = urls_path.read_text()
    assert urls.count("urlpatterns = [\n") == 1
    urls_path.write_text(urls.replace("urlpatterns = [\n", f"urlpatterns = [\n    {steps.url_line}\n"))

    lap("wagtail start and README snippets")
    outputs = [run(line, site, env) for line in steps.migrate_and_check]
    lap("migrate and check")
    script = (Path(__file__).parent / "plugin_host_script.py").read_text()
    printed = run(["python", "manage.py", "shell", "-c", script], site, env)
    [result_line] = [line for line in printed.splitlines() if line.startswith("RESULT ")]
    result = json.loads(result_line.removeprefix("RESULT "))
    lap("content and reads")
    yield HostSite(wheel, site, outputs[-1], result, seconds)
    # A virtualenv is thousands of files: remove it now rather than leave it to pytest's retention of old runs.
    shutil.rmtree(work, ignore_errors=True)


def test_the_wheel_holds_the_plugin_and_nothing_of_the_site(host_site):
    names = zipfile.ZipFile(host_site.wheel).namelist()

    assert {name.split("/")[0] for name in names} == {"projects", "kronika-0.1.0.dist-info"}
    for packaged in [
        "projects/templates/projects/event_report_page.html",
        "projects/templates/projects/layout.html",
        "projects/migrations/0001_initial.py",
        "projects/locale/pl/LC_MESSAGES/django.mo",
        "projects/static/projects/widget/kronika-reports.js",
        "projects/management/commands/rebuild_api_snapshots.py",
        "projects/api/openapi/document.py",
        "projects/urls.py",
    ]:
        assert packaged in names


def test_the_host_site_passes_manage_py_check(host_site):
    assert "System check identified no issues" in host_site.check_output


def test_the_report_is_read_back_through_the_api(host_site):
    listing = host_site.result["listing"]

    assert listing["status"] == 200
    assert listing["etag"]
    [report] = listing["body"]["items"]
    assert report["title"] == "Spring clean-up on the Wisła"
    assert report["meta"]["type"] == "projects.EventReportPage"
    assert report["project"]["title"] == "River Watch"
    assert [program["title"] for program in report["programs"]] == ["Civic Fund"]
    assert (report["city"], report["event_date"]) == ("Kraków", "2026-04-18")


def test_the_report_page_renders_in_the_host_layout_with_polish_labels(host_site):
    page = host_site.result["page"]

    assert page["path"] == "/projects/river-watch/spring-clean-up/"
    assert page["status"] == 200
    assert "<h1>Spring clean-up on the Wisła</h1>" in page["html"]
    # The host's own base.html (from `wagtail start`) frames the page, and the compiled catalogue translates it.
    assert f"/static/css/{HOST}.css" in page["html"]
    assert "<dt>Wydarzenie</dt><dd>Warsztaty</dd>" in page["html"]


def test_kronikas_own_layout_frames_the_page_when_the_host_names_it(host_site):
    page = host_site.result["own_layout_page"]

    assert page["status"] == 200
    assert "<main>" in page["html"]
    assert f"/static/css/{HOST}.css" not in page["html"]


def test_the_openapi_document_and_the_feeds_answer(host_site):
    assert host_site.result["openapi_status"] == 200
    assert host_site.result["feed"]["status"] == 200
    assert "Spring clean-up on the Wisła" in host_site.result["feed"]["body"]


def test_the_installation_stays_fast(host_site):
    """Budget of the whole installation on a 2-core machine with pip's cache warm: it runs in every CI run."""
    print("installation steps, seconds:", host_site.seconds)  # shown by `pytest -rP`, for the record

    assert sum(host_site.seconds.values()) < 240, host_site.seconds
