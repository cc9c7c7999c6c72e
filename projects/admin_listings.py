"""Flat admin listings of event reports and projects, across the page tree, with the filters editors ask for.

Reports live under their projects, so Wagtail's page explorer shows them one project at a time and its
page-type usage list mixes languages without a date, a city or a kind. These listings show every report
(and project) the editor may explore, in one table with those columns, filtered and sorted by date.
"""

import django_filters
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField
from django_filters.widgets import SuffixedMultiWidget
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, LocaleColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale, Page

from .admin_dates import KronikaDateField, KronikaDateInput
from .localization.status import translation_status_map
from .models import (
    EventKind,
    EventReportPage,
    FundingProgramPage,
    ProjectFunding,
    ProjectPage,
    ProjectStatus,
    StoredTranslationState,
    TranslationState,
)


class DateRangeInput(SuffixedMultiWidget):
    """Two date fields, from and to, that read dates as Polish editors type them."""

    template_name = "wagtailadmin/widgets/range_input.html"
    suffixes = ["from", "to"]

    def __init__(self, attrs: dict | None = None) -> None:
        widgets = (
            KronikaDateInput(attrs={"placeholder": _("Date from")}),
            KronikaDateInput(attrs={"placeholder": _("Date to")}),
        )
        super().__init__(widgets, attrs)

    def decompress(self, value: slice | None) -> list:
        return [value.start, value.stop] if value else [None, None]


class KronikaDateRangeField(DateRangeField):
    widget = DateRangeInput

    def __init__(self, *args, **kwargs) -> None:
        # DateRangeField builds two plain DateFields; these read 10.03.2024 in every admin language.
        super(DateRangeField, self).__init__((KronikaDateField(), KronikaDateField()), *args, **kwargs)


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = KronikaDateRangeField


def _under_any(pages: models.QuerySet) -> models.Q:
    """Pages below any of the given pages."""
    condition = models.Q(pk__in=[])
    for path, depth in pages.values_list("path", "depth"):
        condition |= models.Q(path__startswith=path, depth__gt=depth)
    return condition


def _in_every_language(page: Page) -> models.QuerySet:
    return Page.objects.filter(translation_key=page.translation_key)


def _funded_project_ids(program: Page) -> models.QuerySet:
    """Ids of the projects a program funds, whichever language either is in."""
    return ProjectFunding.objects.filter(program__in=_in_every_language(program)).values("page_id")


def source_pages(model: type[Page]) -> models.QuerySet:
    """The pages of a type in the source language, for choosing one in a filter."""
    return model.objects.filter(locale=Locale.get_default()).order_by("title")


def with_translation_state(pages: models.QuerySet) -> models.QuerySet:
    """Each page with its stored translation state in its own language (source, up to date, out of date)."""
    state = StoredTranslationState.objects.filter(
        translation_key=OuterRef("translation_key"), language_code=OuterRef("locale__language_code")
    ).values("state")[:1]
    return pages.select_related("locale").annotate(translation_state=Subquery(state))


def own_state(page: Page) -> str:
    """The page's state in its own language: stored, or computed when its change has not been stored yet."""
    stored = getattr(page, "translation_state", None)
    if stored:
        return stored
    return translation_status_map([page]).get((page.translation_key, page.locale.language_code), "")


class TranslationStateColumn(Column):
    """The page's translation state in its own language."""

    def get_value(self, instance: Page) -> str:
        value = own_state(instance)
        return TranslationState(value).label if value else "—"


class TranslationStateFilter(django_filters.ChoiceFilter):
    def filter(self, qs: models.QuerySet, value: str) -> models.QuerySet:
        if not value:
            return qs
        pages = with_translation_state(qs)
        not_stored = [page for page in pages.filter(translation_state__isnull=True) if own_state(page) == value]
        return pages.filter(models.Q(translation_state=value) | models.Q(pk__in=[page.pk for page in not_stored]))


TRANSLATION_STATE_CHOICES = [
    (state.value, state.label) for state in TranslationState if state != TranslationState.MISSING
]


class ReportFilterSet(WagtailFilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("Project"), queryset=lambda request: source_pages(ProjectPage), method="filter_project"
    )
    program = django_filters.ModelChoiceFilter(
        label=_("Funding program"), queryset=lambda request: source_pages(FundingProgramPage), method="filter_program"
    )
    event_date = DateRangeFilter(label=_("Date of the event"))
    city = django_filters.CharFilter(label=_("City"), lookup_expr="icontains")
    event_kind = django_filters.ChoiceFilter(label=_("Kind of event"), choices=EventKind.choices)
    translation_state = TranslationStateFilter(label=_("Translation"), choices=TRANSLATION_STATE_CHOICES)

    class Meta:
        model = EventReportPage
        fields = []

    def filter_project(self, queryset: models.QuerySet, name: str, project: ProjectPage) -> models.QuerySet:
        return queryset.filter(_under_any(_in_every_language(project)))

    def filter_program(self, queryset: models.QuerySet, name: str, program: FundingProgramPage) -> models.QuerySet:
        return queryset.filter(_under_any(ProjectPage.objects.filter(pk__in=_funded_project_ids(program))))


class ReportIndexView(IndexView):
    def get_base_queryset(self) -> models.QuerySet:
        return with_translation_state(super().get_base_queryset())


class ReportListingViewSet(PageListingViewSet):
    """Every event report in one table: project, date, place, kind, language, status and translation."""

    model = EventReportPage
    index_view_class = ReportIndexView
    name = "event_reports"
    icon = "doc-full-inverse"
    menu_label = _("Event reports")
    menu_order = 110
    add_to_admin_menu = True
    filterset_class = ReportFilterSet
    columns = [
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        ParentPageColumn("parent", label=_("Project")),
        DateColumn("event_date", label=_("Date"), sort_key="event_date", width="10%"),
        Column("city", label=_("City"), sort_key="city"),
        Column("event_kind", label=_("Kind"), accessor="get_event_kind_display"),
        LocaleColumn(label=_("Language")),
        PageStatusColumn("status", label=_("Status"), sort_key="live"),
        TranslationStateColumn("translation_state", label=_("Translation")),
    ]

    def get_index_view_kwargs(self, **kwargs) -> dict:
        return super().get_index_view_kwargs(default_ordering="-event_date", **kwargs)


class ProjectFilterSet(WagtailFilterSet):
    program = django_filters.ModelChoiceFilter(
        label=_("Funding program"), queryset=lambda request: source_pages(FundingProgramPage), method="filter_program"
    )
    status = django_filters.ChoiceFilter(label=_("Status of the project"), choices=ProjectStatus.choices)
    translation_state = TranslationStateFilter(label=_("Translation"), choices=TRANSLATION_STATE_CHOICES)

    class Meta:
        model = ProjectPage
        fields = []

    def filter_program(self, queryset: models.QuerySet, name: str, program: FundingProgramPage) -> models.QuerySet:
        return queryset.filter(pk__in=_funded_project_ids(program))


class ProjectIndexView(IndexView):
    def get_base_queryset(self) -> models.QuerySet:
        return with_translation_state(super().get_base_queryset()).select_related("lead_organisation")


class ProjectListingViewSet(PageListingViewSet):
    """Every project in one table: lead organisation, period, status, language and translation."""

    model = ProjectPage
    index_view_class = ProjectIndexView
    name = "project_listing"
    icon = "folder-open-inverse"
    menu_label = _("Projects")
    menu_order = 105
    add_to_admin_menu = True
    filterset_class = ProjectFilterSet
    columns = [
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        Column("lead_organisation", label=_("Lead organisation")),
        DateColumn("start_date", label=_("Start date"), sort_key="start_date", width="10%"),
        DateColumn("end_date", label=_("End date"), sort_key="end_date", width="10%"),
        Column("status", label=_("Status of the project"), accessor="get_status_display", sort_key="status"),
        LocaleColumn(label=_("Language")),
        PageStatusColumn("live_status", label=_("Status"), sort_key="live"),
        TranslationStateColumn("translation_state", label=_("Translation")),
    ]

    def get_index_view_kwargs(self, **kwargs) -> dict:
        return super().get_index_view_kwargs(default_ordering="-start_date", **kwargs)
