"""Everything a page of API results inlines, loaded with one query per kind of object.

The view builds a ResultBatch for the objects it is about to serialise (a listing page or one detail);
fields read from it, so the number of queries does not grow with the number of items. It also decides,
once per item, how the serializer represents it: a page whose current snapshot (projects.api.snapshots)
holds every field asked for is served from it and loads nothing here but its translations; every other
item is built live, which is also how snapshots are built: the batch knows, for each live item, every
object it loaded or looked for on the item's behalf (dependencies_of).
"""

from collections.abc import Iterable, Iterator, Sequence

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from ..api_shapes.representations import absolute_url
from ..api_shapes.richtext import stored_links
from ..models import (
    EventReportPage,
    FundingProgramPage,
    Office,
    Person,
    ProjectFunding,
    ProjectPage,
    ProjectPartner,
    ReportModerator,
    ReportOrganiser,
    ReportParticipant,
)
from ..preloading import chosen_object_ids, preloaded
from ..renditions import RESPONSIVE_SPECS
from ..visibility import public_media, public_people_condition
from .languages import Alternates
from .stored import Key, document_key, keys_of, model_key, page_key, stored_representations


def responsive_renditions() -> Prefetch:
    rendition_model = get_image_model().get_rendition_model()
    specs = [spec for _, _, spec in RESPONSIVE_SPECS]
    return Prefetch("renditions", queryset=rendition_model.objects.filter(filter_spec__in=specs))


def child_prefetches(model: type[models.Model]) -> list:
    """Prefetches of the inline rows a page type shows in the API, with what each row inlines."""
    public_moderators = ReportModerator.objects.filter(
        models.Q(person__isnull=True) | public_people_condition("person__")
    ).select_related("person__organisation")
    lookups = {
        EventReportPage: [
            Prefetch("organisers", queryset=ReportOrganiser.objects.select_related("organisation")),
            Prefetch("participants", queryset=ReportParticipant.objects.select_related("organisation")),
            Prefetch("moderators", queryset=public_moderators),
            "goals",
            "outcomes",
        ],
        ProjectPage: [
            Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation")),
        ],
    }
    return lookups.get(model, [])


def page_joins(model: type[models.Model]) -> list[str]:
    """The foreign keys a page type's API representation always reads, to join in the query that loads it."""
    return [name for name in ("locale", "hero_image") if any(field.name == name for field in model._meta.fields)]


def _loaded_chosen_objects(ids_by_model: dict[type[models.Model], set[int]]) -> dict:
    """One query per chosen model; people, images and documents that are not public are simply not found."""
    querysets = {
        get_image_model(): public_media(get_image_model().objects.all()),
        get_document_model(): public_media(get_document_model().objects.all()),
        Person: Person.objects.filter(public_people_condition()).select_related("organisation"),
        Office: Office.objects.select_related("organisation"),
    }
    loaded = {}
    for model, ids in ids_by_model.items():
        queryset = querysets.get(model, model._default_manager.all())
        loaded[model] = queryset.in_bulk(ids)
    return loaded


def _strings(raw: object) -> Iterator[str]:
    """Every string inside stored StreamField data: rich text can sit at any depth."""
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, dict):
        for value in raw.values():
            yield from _strings(value)
    elif isinstance(raw, list | tuple):
        for value in raw:
            yield from _strings(value)


class ResultBatch:
    """The items of one response, with their chosen objects, renditions, projects and translations loaded."""

    def __init__(
        self,
        items: Sequence[models.Model],
        public_pages: models.QuerySet,
        alternates: Alternates,
        request: HttpRequest | None = None,
        stored_fields: set[str] | None = None,
    ) -> None:
        self.items = list(items)
        self.request = request
        # The fields the serializer wants from a snapshot; None when this request must not use snapshots.
        self.stored_fields = stored_fields
        self.stored: dict[int, dict] = {}
        self.live_items = self.items
        # What each live item chose or linked to, found or not: its snapshot depends on it all.
        self.looked_up: dict[int, set[Key]] = {}
        self.link_urls: dict[tuple[str, int], str | None] = {}
        self.public_pages = public_pages
        self.alternates = alternates
        self._projects_by_path: dict[str, ProjectPage] = {}
        self._programs_by_project: dict[int, list[FundingProgramPage]] = {}
        self._parents: dict[str, Page] | None = None
        # The images the live items choose (blocks and hero images) that everyone may see.
        self.public_image_ids: set[int] = set()

    def load(self) -> "ResultBatch":
        if self.stored_fields is not None:
            self.stored = stored_representations(self.items, self.stored_fields)
        self.alternates.load(self.items)
        # Items served from snapshots are left out: they may be deferred pages whose fields must not be read.
        self._fetch_deferred_in_full()
        self.live_items = [item for item in self.items if item.pk not in self.stored]
        self._load_live_items()
        return self

    def _fetch_deferred_in_full(self) -> None:
        """Items built live need every field: fetch those loaded without some once more, one query per model."""
        deferred: dict[type[models.Model], list[int]] = {}
        for item in self.items:
            if item.pk not in self.stored and item.get_deferred_fields():
                deferred.setdefault(type(item), []).append(item.pk)
        full = {}
        for model, pks in deferred.items():
            full.update(model._default_manager.select_related(*page_joins(model)).in_bulk(pks))
        self.items = [full.get(item.pk, item) if type(item) in deferred else item for item in self.items]

    def stored_representation(self, item: models.Model) -> dict | None:
        """The stored detail the item is served from (the serializer picks its fields out), or None: built live."""
        return self.stored.get(item.pk)

    def _load_live_items(self) -> None:
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for item in self.live_items:
            by_model.setdefault(type(item), []).append(item)
        for model, items in by_model.items():
            # A detail view fetches its page without joins; a listing has these cached already.
            prefetch_related_objects(items, *page_joins(model), *child_prefetches(model))
        images = self._convert_streams()
        images.extend(
            item.hero_image for item in self.live_items if getattr(item, "hero_image_id", None) in self.public_image_ids
        )
        listed_images = [item for item in self.live_items if isinstance(item, get_image_model())]
        if listed_images:
            prefetch_related_objects(listed_images, "tags")
        images.extend(listed_images)
        if images:
            prefetch_related_objects(images, responsive_renditions())
        self._load_projects()
        self._load_link_urls()

    def _load_link_urls(self) -> None:
        """The URLs of every page and document linked from the items' rich text, one query per kind."""
        links: set[tuple[str, int]] = set()
        for item in self.live_items:
            item_links: set[tuple[str, int]] = set()
            for field in item._meta.concrete_fields:
                if isinstance(field, RichTextField):
                    item_links |= stored_links(getattr(item, field.name) or "")
                elif isinstance(field, StreamField):
                    for text in _strings(list(getattr(item, field.name).raw_data)):
                        item_links |= stored_links(text)
            self._looked_up_for(item).update(
                page_key(pk) if kind == "page" else document_key(pk) for kind, pk in item_links
            )
            links |= item_links
        page_ids = {pk for kind, pk in links if kind == "page"}
        document_ids = {pk for kind, pk in links if kind == "document"}
        if page_ids:
            for page in self.public_pages.filter(pk__in=page_ids):
                self.link_urls[("page", page.pk)] = page.get_full_url(self.request)
        if document_ids:
            for document in public_media(get_document_model().objects.filter(pk__in=document_ids)):
                self.link_urls[("document", document.pk)] = absolute_url(self.request, document.url)

    def _convert_streams(self) -> list:
        """Convert every StreamField of every item at once, with the objects they choose loaded in bulk."""
        fields_by_model = {
            model: [field for field in model._meta.concrete_fields if isinstance(field, StreamField)]
            for model in {type(item) for item in self.live_items}
        }
        ids_by_model: dict[type[models.Model], set[int]] = {}
        for item in self.live_items:
            chosen: dict[type[models.Model], set[int]] = {}
            for field in fields_by_model[type(item)]:
                chosen_object_ids(field.stream_block, list(getattr(item, field.name).raw_data), chosen)
            # Hero images come joined to their page; loading them again here checks their collection in the same query.
            if getattr(item, "hero_image_id", None):
                chosen.setdefault(get_image_model(), set()).add(item.hero_image_id)
            for model, ids in chosen.items():
                ids_by_model.setdefault(model, set()).update(ids)
                self._looked_up_for(item).update(model_key(model, pk) for pk in ids)
        loaded = _loaded_chosen_objects(ids_by_model)
        self.public_image_ids = set(loaded.get(get_image_model(), {}))
        with preloaded(loaded):
            for model, fields in fields_by_model.items():
                items = [item for item in self.live_items if type(item) is model]
                for field in fields:
                    values = field.stream_block.bulk_to_python(
                        [list(getattr(item, field.name).raw_data) for item in items]
                    )
                    for item, value in zip(items, values, strict=True):
                        setattr(item, field.name, value)
        return list(loaded.get(get_image_model(), {}).values())

    def _load_projects(self) -> None:
        reports = [item for item in self.live_items if isinstance(item, EventReportPage)]
        projects = [item for item in self.live_items if isinstance(item, ProjectPage)]
        parent_paths = {report.path[: -Page.steplen] for report in reports}
        if parent_paths:
            parents = ProjectPage.objects.filter(self._is_public("pk"), path__in=parent_paths)
            self._projects_by_path = {project.path: project for project in parents}
            projects.extend(self._projects_by_path.values())
        if projects:
            rows = ProjectFunding.objects.filter(self._is_public("program_id"), page__in=projects).select_related(
                "program"
            )
            rows = self._in_project_languages(list(rows), projects)
            for row in rows:
                programs = self._programs_by_project.setdefault(row.page_id, [])
                if row.program not in programs:
                    programs.append(row.program)

    def _in_project_languages(self, rows: list[ProjectFunding], projects: list[ProjectPage]) -> list[ProjectFunding]:
        """Funding rows are synchronised, so a translated project's rows name the source program: name the
        program's live, public translation in the project's language instead, when there is one.

        One more query, and only when some project of the batch is not in its program's language.
        """
        project_locales = {project.pk: project.locale_id for project in projects}
        foreign = [row for row in rows if row.program.locale_id != project_locales[row.page_id]]
        if not foreign:
            return rows
        translations = FundingProgramPage.objects.filter(
            translation_key__in={row.program.translation_key for row in foreign},
            locale_id__in={project_locales[row.page_id] for row in foreign},
        ).filter(self._is_public("pk"))
        by_key = {(program.translation_key, program.locale_id): program for program in translations}
        for row in foreign:
            row.program = by_key.get((row.program.translation_key, project_locales[row.page_id]), row.program)
        return rows

    def _is_public(self, page_id: str) -> models.Exists:
        """Whether the page ``page_id`` names is public, asked of each row found: ``pk IN (public pages)`` would
        have the database list every public page first, whatever the few rows it narrows."""
        return models.Exists(self.public_pages.filter(pk=models.OuterRef(page_id)))

    def _looked_up_for(self, item: models.Model) -> set[Key]:
        return self.looked_up.setdefault(item.pk, set())

    def dependencies_of(self, item: models.Model) -> set[Key]:
        """The keys of everything a live item's representation read or looked for: what its snapshot depends on.

        The item itself, the objects loaded with it (inline rows, what they and its blocks choose, renditions),
        what it chose or linked to whether found or not, its project and the project's programs.
        """
        keys = {model_key(type(item), item.pk)} | self.looked_up.get(item.pk, set())
        keys |= _loaded_keys(item, set())
        for block_value in _stream_values(item):
            keys |= _loaded_keys(block_value, set())
        related_pages = list(self.programs_of(item)) if isinstance(item, ProjectPage) else []
        if isinstance(item, EventReportPage) and (project := self.project_of(item)) is not None:
            related_pages += [project, *self.programs_of(project)]
        # The parent, shown or not: a parent that becomes public appears in the page's meta.
        if self._parents is not None and (parent := self._parents.get(item.path[: -Page.steplen])) is not None:
            related_pages.append(parent)
        return keys | {page_key(page.pk) for page in related_pages}

    def shows_image(self, image: models.Model) -> bool:
        """Whether an image a live item chose may be shown to everyone (checked when the batch loaded)."""
        return image.pk in self.public_image_ids

    def load_parents(self) -> None:
        """The parents of the live items, each marked shown or not, in one query (only details show a parent)."""
        if self._parents is None:
            paths = {item.path[: -Page.steplen] for item in self.live_items if isinstance(item, Page)}
            parents = (
                Page.objects.filter(path__in=paths).annotate(
                    shown=models.Exists(self.public_pages.filter(pk=models.OuterRef("pk")))
                )
                if paths
                else []
            )
            self._parents = {parent.path: parent for parent in parents}

    def parent_of(self, page: Page) -> Page | None:
        """The page's parent when the API shows it to this request, else None."""
        self.load_parents()
        parent = self._parents.get(page.path[: -Page.steplen])
        return parent if parent is not None and parent.shown else None

    def project_of(self, report: EventReportPage) -> ProjectPage | None:
        return self._projects_by_path.get(report.path[: -Page.steplen])

    def programs_of(self, project: ProjectPage) -> list[FundingProgramPage]:
        return self._programs_by_project.get(project.pk, [])


def _stream_values(item: models.Model) -> Iterator[object]:
    for field in item._meta.concrete_fields:
        if isinstance(field, StreamField):
            yield getattr(item, field.name)


def _loaded_keys(value: object, seen: set[int]) -> set[Key]:
    """The keys of the model instances in a loaded value: a block value, or an instance and what was loaded with it.

    Django keeps no public list of what an instance has loaded, so its relation caches are read directly
    (read only: nothing here loads or changes them).
    """
    if id(value) in seen:
        return set()
    seen.add(id(value))
    if isinstance(value, models.Model):
        keys = keys_of(value)
        related: Iterable[object] = [
            *value._state.fields_cache.values(),
            *(list(rows) for rows in getattr(value, "_prefetched_objects_cache", {}).values()),
        ]
    elif isinstance(value, str | bytes | int | float | bool) or value is None:
        return set()
    elif isinstance(value, dict):
        keys, related = set(), value.values()
    elif hasattr(value, "__iter__"):
        keys, related = set(), list(value)
    else:
        keys, related = set(), [getattr(value, "value", None)]
    for inner in related:
        keys |= _loaded_keys(inner, seen)
    return keys
