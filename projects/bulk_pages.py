"""Adds many new pages to the tree at once, in a few statements per batch instead of a dozen per page.

``parent.add_child(instance=page)`` costs one transaction, a full clean, a parent lookup and every
``post_save`` handler per page: fine for an editor, hours for an import of tens of thousands. ``add_children``
writes the same rows (treebeard's path, depth and numchild; the url_path; draft_title and locale as
``Page.save`` sets them; the specific model's own table; the pages' inline rows) with bulk inserts.

What it does not do, on purpose, is anything a ``post_save`` handler would (projects.read_models): search
documents, API snapshots, the change log, the cache generation and renditions. The caller builds those
afterwards, in batches too (``rebuild_search_documents``, ``rebuild_api_snapshots``), as after any import;
pages added this way reach partners' caches and /changes/ only once they are published or the cache expires,
which is why only the benchmark's throwaway content uses it for now.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connections, models, router, transaction
from django.db.models import F
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, TranslatableMixin

from .localization.status import translation_model
from .read_models.translation_states import forget_keys

BATCH_SIZE = 500


class BulkPagesRefused(ValueError):
    """The pages cannot be added as given; nothing was written."""


def add_children(children: Iterable[tuple[Page, Page]], batch_size: int = BATCH_SIZE) -> list[Page]:
    """Save each unsaved ``page`` as the last child of its ``parent``, in order; returns the saved pages.

    Every page must be a new instance of a model that inherits from Page directly (as Kronika's do), with
    its title and slug set; its inline rows (``page.goals = [...]``) are saved with it.
    """
    children = list(children)
    if not children:
        return []
    using = router.db_for_write(Page)
    with transaction.atomic(using=using):
        parents = _fresh_parents({parent.pk for parent, _ in children})
        _check(children, parents)
        _place_in_tree(children, parents)
        for start in range(0, len(children), batch_size):
            batch = [page for _, page in children[start : start + batch_size]]
            rows = _insert(batch, using)
            # As each save's post_save handler would: the translation states of the new objects are computed
            # once the transaction commits (projects.read_models.translation_states), here in one go per batch.
            forget_keys({obj.translation_key: translation_model(obj) for obj in [*batch, *rows]})
        added = defaultdict(int)
        for parent, _ in children:
            added[parent.pk] += 1
        for parent_id, count in added.items():
            Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + count)
    return [page for _, page in children]


def _fresh_parents(parent_ids: set[int]) -> dict[int, Page]:
    """The parents as stored now, locked against concurrent additions where the database can."""
    return {page.pk: page for page in Page.objects.select_for_update().filter(pk__in=parent_ids)}


def _check(children: Sequence[tuple[Page, Page]], parents: dict[int, Page]) -> None:
    taken: dict[int, set[str]] = {}
    for parent, page in children:
        if parent.pk not in parents:
            raise BulkPagesRefused(f"The parent page {parent.pk} does not exist.")
        if page.pk is not None:
            raise BulkPagesRefused(f"“{page.title}” is already saved: only new pages can be added.")
        if type(page)._meta.get_parent_list() not in ([], [Page]):
            raise BulkPagesRefused(f"{type(page).__name__} does not inherit from Page directly.")
        if not page.title or not page.slug:
            raise BulkPagesRefused("Every page needs a title and a slug.")
        if parent.pk not in taken:
            taken[parent.pk] = set(
                Page.objects.filter(
                    path__startswith=parents[parent.pk].path, depth=parents[parent.pk].depth + 1
                ).values_list("slug", flat=True)
            )
        if page.slug in taken[parent.pk]:
            raise BulkPagesRefused(f"The slug “{page.slug}” is already in use under page {parent.pk}.")
        taken[parent.pk].add(page.slug)


def _place_in_tree(children: Sequence[tuple[Page, Page]], parents: dict[int, Page]) -> None:
    """Treebeard's fields and what ``Page.save`` derives from the parent, as ``add_child`` would set them."""
    next_step: dict[int, int] = {}
    for parent_id, parent in parents.items():
        last = parent.get_last_child() if parent.numchild else None
        next_step[parent_id] = last._get_lastpos_in_path() + 1 if last is not None else 1
    for parent, page in children:
        stored = parents[parent.pk]
        page.depth = stored.depth + 1
        page.path = Page._get_path(stored.path, page.depth, next_step[parent.pk])
        next_step[parent.pk] += 1
        page.numchild = 0
        page.url_path = f"{stored.url_path}{page.slug}/"
        page.draft_title = page.draft_title or page.title
        if page.locale_id is None:
            page.locale_id = stored.locale_id


def _insert(pages: Sequence[Page], using: str) -> list[models.Model]:
    """The Page rows, each specific model's own rows, then the pages' inline rows; returns the translatable rows."""
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [Page(**{field.attname: getattr(page, field.attname) for field in page_fields}) for page in pages]
    Page.objects.using(using).bulk_create(rows)
    by_model: dict[type[Page], list[Page]] = defaultdict(list)
    for page, row in zip(pages, rows, strict=True):
        if row.pk is None:
            raise BulkPagesRefused(f"{connections[using].vendor} did not return the new pages' ids.")
        page.id = row.pk
        if type(page) is not Page:
            page.page_ptr_id = row.pk
            by_model[type(page)].append(page)
        page._state.adding = False
        page._state.db = using
    for model, specific_pages in by_model.items():
        _insert_own_rows(model, specific_pages, using)
    return _insert_inline_rows(pages, using)


def _insert_own_rows(model: type[Page], pages: Sequence[Page], using: str) -> None:
    """Django's bulk_create refuses multi-table models; their own table is one insert like any other."""
    fields = list(model._meta.local_concrete_fields)
    size = connections[using].ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        model._base_manager.using(using)._insert(pages[start : start + size], fields=fields, using=using)


def _insert_inline_rows(pages: Sequence[Page], using: str) -> list[models.Model]:
    rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    for page in pages:
        for relation in get_all_child_relations(page):
            for row in getattr(page, relation.get_accessor_name()).all():
                setattr(row, relation.field.attname, page.pk)
                if isinstance(row, TranslatableMixin) and row.locale_id is None:
                    # As wagtail's pre_save handler does: an inline row takes its page's locale.
                    row.locale_id = page.locale_id
                rows[relation.related_model].append(row)
    for model, model_rows in rows.items():
        model._default_manager.using(using).bulk_create(model_rows, batch_size=BATCH_SIZE)
    return [row for model_rows in rows.values() for row in model_rows if isinstance(row, TranslatableMixin)]
