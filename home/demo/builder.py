"""Builds the demo site from the data file: snippets, placeholder images, then the published page tree."""

from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from projects.models import (
    EventReportIndexPage,
    EventReportPage,
    FundingProgramIndexPage,
    FundingProgramPage,
    Office,
    Organisation,
    Person,
    ProjectIndexPage,
    ProjectPage,
)

from .data import DemoDataError, items, table
from .placeholders import sync_placeholder
from .sync import CREATED, Entry, Registry, sync_page, sync_snippet
from .translations import translate_demo_objects

Progress = Callable[[str], None]

# Sections of [translations.<language>] in the order they are translated: snippets, then pages from the top.
TRANSLATED_SECTIONS = (
    ("organisations", Organisation),
    ("people", Person),
    ("offices", Office),
    ("programs", FundingProgramPage),
    ("projects", ProjectPage),
    ("reports", EventReportPage),
)

INDEXES = (
    ("programs", FundingProgramIndexPage),
    ("projects", ProjectIndexPage),
    ("reports", EventReportIndexPage),
)


def build_demo(data: dict[str, Any], progress: Progress = lambda message: None) -> Counter[str]:
    """Build or bring in step the whole demo in one transaction; counts of created/updated/unchanged objects."""
    with transaction.atomic():
        return DemoBuilder(data, progress).build()


def _required(entry: dict[str, Any], name: str, where: str) -> Any:
    if name not in entry:
        raise DemoDataError(f"{where}: {name!r} is missing.")
    return entry[name]


def _is_welcome_page(page: Page) -> bool:
    """Wagtail's untouched “Welcome to your new Wagtail site!” page: a bare Page right under the root."""
    return page.depth == 2 and page.numchild == 0 and page.content_type_id == ContentType.objects.get_for_model(Page).pk


class DemoBuilder:
    """One run of the loader: each step builds its objects in data-file order and reports its counts."""

    def __init__(self, data: dict[str, Any], progress: Progress) -> None:
        self.data, self.progress = data, progress
        self.registry = Registry()
        self.totals: Counter[str] = Counter()
        self.locale = self._locale()

    def build(self) -> Counter[str]:
        self._step("Organisations", "organisations", self._organisation)
        self._step("People", "people", self._person)
        self._step("Offices", "offices", self._office)
        self._step("Placeholder images", "images", self._image)
        self._home_and_indexes()
        self._step("Funding programs", "programs", self._page_under(self.indexes["programs"], FundingProgramPage))
        self._step("Projects", "projects", self._page_under(self.indexes["projects"], ProjectPage))
        self._step("Event reports", "reports", self._report)
        self._translations()
        self.progress(
            "Demo content: "
            + ", ".join(f"{self.totals[outcome]} {outcome}" for outcome in ("created", "updated", "unchanged"))
        )
        return self.totals

    def _locale(self) -> Locale:
        code = self.data.get("locale")
        if code not in dict(get_content_languages()):
            raise DemoDataError(f"The data file's locale {code!r} is not one of the site's content languages.")
        return Locale.objects.get_or_create(language_code=code)[0]

    def _step(self, label: str, section: str, build_one: Callable[[dict[str, Any], str], str]) -> None:
        entries = items(self.data, section)
        counts = Counter(build_one(entry, f"{section}[{entry['key']}]") for entry in entries)
        self._report_counts(label, counts)

    def _report_counts(self, label: str, counts: Counter[str]) -> None:
        self.totals.update(counts)
        details = ", ".join(f"{number} {outcome}" for outcome, number in sorted(counts.items()))
        self.progress(f"{label}: {counts.total()} ({details or 'none'})")

    def _organisation(self, entry: dict[str, Any], where: str) -> str:
        lookup = {"name": _required(entry, "name", where), "locale": self.locale}
        organisation, outcome = sync_snippet(Organisation, lookup, Entry(Organisation, entry, self.registry, where))
        self.registry.add(entry["key"], organisation, where)
        return outcome

    def _person(self, entry: dict[str, Any], where: str) -> str:
        lookup = {"name": _required(entry, "name", where), "locale": self.locale}
        person, outcome = sync_snippet(Person, lookup, Entry(Person, entry, self.registry, where))
        self.registry.add(entry["key"], person, where)
        return outcome

    def _office(self, entry: dict[str, Any], where: str) -> str:
        wanted = Entry(Office, entry, self.registry, where)
        lookup = {
            "organisation": _required(wanted.fields, "organisation", where),
            "name": _required(entry, "name", where),
            "locale": self.locale,
        }
        office, outcome = sync_snippet(Office, lookup, wanted)
        self.registry.add(entry["key"], office, where)
        return outcome

    def _image(self, entry: dict[str, Any], where: str) -> str:
        _required(entry, "title", where)
        image, outcome = sync_placeholder(entry, where)
        self.registry.add(entry["key"], image, where)
        return outcome

    def _page_under(self, parent: Page, model: type[Page]) -> Callable[[dict[str, Any], str], str]:
        def build_one(entry: dict[str, Any], where: str) -> str:
            _required(entry, "slug", where)
            page, outcome = sync_page(parent, Entry(model, entry, self.registry, where))
            self.registry.add(entry["key"], page, where)
            return outcome

        return build_one

    def _report(self, entry: dict[str, Any], where: str) -> str:
        project = self.registry.get(ProjectPage, _required(entry, "project", where), f"{where}.project")
        return self._page_under(project, EventReportPage)(entry, where)

    def _serve_site_at_base_url(self, site: Site) -> None:
        """Give Wagtail's default localhost:80 site the address the site runs at, so API URLs work as given."""
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        if (site.hostname, site.port) != ("localhost", 80) or not address.hostname:
            return
        site.hostname = address.hostname
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.save()
        self.progress(f"Default site now answers at {site.root_url}.")

    def _home_and_indexes(self) -> None:
        """The home page as the default site's root, replacing Wagtail's welcome page but nothing else."""
        spec = table(self.data, "home")
        where = "home"
        root = Page.get_first_root_node()
        site = Site.objects.filter(is_default_site=True).first()
        previous_root = site.root_page if site else None
        existing_home = root.get_children().filter(slug=_required(spec, "slug", where)).first()
        if previous_root and previous_root != existing_home and not _is_welcome_page(previous_root):
            raise DemoDataError(
                f"The default site's root is “{previous_root.title}” (page {previous_root.pk}), which is neither "
                "Kronika's demo home page nor Wagtail's welcome page: load_demo will not replace it. "
                "Load the demo into a fresh database, or make the default site point at another page first."
            )
        wanted = Entry(HomePage, spec, self.registry, where)
        wanted.fields["locale"] = self.locale
        home, outcome = sync_page(root, wanted)
        counts = Counter([outcome])
        if site is None:
            site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
            counts[CREATED] += 1
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
            if not Site.objects.filter(root_page=previous_root).exists():
                previous_root.delete()
            self.progress(f"Default site now starts at “{home.title}”; Wagtail's welcome page removed.")
        self._serve_site_at_base_url(site)
        self.registry.add(spec["key"], home, where)
        self._report_counts("Home page", counts)

        self.indexes: dict[str, Page] = {}
        counts = Counter()
        for section, model in INDEXES:
            spec = table(self.data, "indexes", section)
            where = f"indexes.{section}"
            _required(spec, "slug", where)
            self.indexes[section], outcome = sync_page(home, Entry(model, spec, self.registry, where))
            counts[outcome] += 1
        self._report_counts("Index pages", counts)

    def _translations(self) -> None:
        """Each [translations.<language>] section, applied through wagtail-localize (not counted in the totals)."""
        translations = self.data.get("translations", {})
        if not isinstance(translations, dict):
            raise DemoDataError("[translations] must be a table of languages.")
        for code, sections in translations.items():
            where = f"translations.{code}"
            if not isinstance(sections, dict):
                raise DemoDataError(f"[{where}] must be a table of sections.")
            known = {section for section, _model in TRANSLATED_SECTIONS} | {"home", "indexes"}
            if unknown := sorted(set(sections) - known):
                raise DemoDataError(f"[{where}] has unknown sections {unknown}.")
            counts = translate_demo_objects(self._translated_objects(sections, where), code)
            details = ", ".join(f"{number} {outcome}" for outcome, number in sorted(counts.items()))
            self.progress(f"Translation into {code}: {counts.total()} ({details or 'none'})")

    def _translated_objects(self, sections: dict[str, Any], where: str) -> list[tuple[Any, dict[str, Any], str]]:
        objects = []

        def add(section: str, model: type, specs: Any) -> None:
            if not isinstance(specs, dict):
                raise DemoDataError(f"[{where}.{section}] must be a table of objects by key.")
            for key, spec in specs.items():
                obj = self.registry.get(model, key, f"{where}.{section}")
                objects.append((obj, spec, f"{where}.{section}.{key}"))

        for section, model in TRANSLATED_SECTIONS[:3]:
            add(section, model, sections.get(section, {}))
        if "home" in sections:
            objects.append(
                (self.registry.get(HomePage, table(self.data, "home")["key"], where), sections["home"], f"{where}.home")
            )
        index_specs = sections.get("indexes", {})
        for section, _model in INDEXES:
            if section in index_specs:
                objects.append((self.indexes[section], index_specs[section], f"{where}.indexes.{section}"))
        for section, model in TRANSLATED_SECTIONS[3:]:
            add(section, model, sections.get(section, {}))
        return objects
