"""Filters partners ask for: languages with fallback, search as people type it, and report questions."""

import datetime

from django.db import models
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import LocaleFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError, parse_boolean
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page

from ..api_shapes.shapes import DATE, DATE_TIME, ID, query_parameter
from ..models import (
    EventKind,
    EventReportPage,
    FundingProgramPage,
    Organisation,
    ProjectFunding,
    ProjectPage,
    ReportOrganiser,
    ReportParticipant,
)
from ..search.query import SearchInputError, search_queryset
from ..search.requests import orders_by_relevance, search_of
from .folding import fold_expression, fold_text
from .search_input import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, SEARCH_OPERATORS, requested_search


def _text_parameter(name: str, description: str) -> dict:
    return query_parameter(name, {"type": "string", "minLength": 1, "maxLength": MAX_SEARCH_LENGTH}, description)


def _keep_child_of(source: models.QuerySet, result: models.QuerySet) -> models.QuerySet:
    # Wagtail's child_of filter leaves the parent on the queryset for later filters.
    parent = getattr(source, "_filtered_by_child_of", None)
    if parent is not None:
        result._filtered_by_child_of = parent
    return result


def requested_fallback(request) -> bool:
    try:
        fallback = parse_boolean(request.GET.get("fallback", "false"))
    except ValueError as error:
        raise BadRequestError(f"fallback: {error}") from error
    if fallback and not request.GET.get("locale"):
        raise BadRequestError("fallback=true needs locale=, e.g. locale=en&fallback=true")
    return fallback


def requested_locale(request) -> Locale | None:
    code = request.GET.get("locale")
    if code is None:
        return None
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        known = ", ".join(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
        raise BadRequestError(f"locale '{code}' is not one of: {known}")
    return locale


class LocaleWithFallbackFilter(LocaleFilter):
    """?locale=X as Wagtail has it; with &fallback=true also the source-language items not live in X."""

    def filter_queryset(self, request, queryset, view):
        fallback = requested_fallback(request)
        locale = requested_locale(request)
        if locale is None:
            return queryset
        if not fallback:
            return _keep_child_of(queryset, queryset.filter(locale=locale))
        source = Locale.get_default()
        translated_keys = view.public_translations().filter(locale=locale).values("translation_key")
        missing_in_locale = models.Q(locale=source) & ~models.Q(translation_key__in=translated_keys)
        return _keep_child_of(queryset, queryset.filter(models.Q(locale=locale) | missing_in_locale))

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            query_parameter(
                "locale",
                {"type": "string", "enum": list(get_content_languages())},
                "Only items in this language.",
            ),
            query_parameter(
                "fallback",
                {"type": "string", "enum": ["true", "false", "1", "0"], "default": "false"},
                "With locale=: also the source-language items not translated into it, flagged meta.fallback=true.",
            ),
        ]


def _search_parameters(how: str) -> list[dict]:
    return [
        query_parameter(
            "search",
            {"type": "string", "minLength": 1, "maxLength": MAX_SEARCH_LENGTH},
            f"Words to find, {how}; at most {MAX_SEARCH_WORDS} words.",
        ),
        query_parameter(
            "search_operator",
            {"type": "string", "enum": list(SEARCH_OPERATORS), "default": "and"},
            "Whether every word (and) or any word (or) must match.",
        ),
    ]


class SearchFilter(BaseFilterBackend):
    """?search= through Kronika's search documents (projects.search), best match first unless ?order= says otherwise.

    The query is checked at the API boundary first (search_input), then analysed like the documents.
    """

    def filter_queryset(self, request, queryset, view):
        if requested_search(request) is None:
            return queryset
        try:
            search = search_of(request)
        except SearchInputError as error:
            raise BadRequestError(str(error)) from error
        # A listing that only the public rule and the type filter narrow counts its matches from the text index.
        scope = view.search_scope(queryset) if hasattr(view, "search_scope") else None
        searched = search_queryset(queryset, search, rank=orders_by_relevance(request), scope=scope)
        return _keep_child_of(queryset, searched)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return _search_parameters(
            "in every text of the item, ignoring case and diacritics, in any inflected form; best match first "
            "(order=relevance) unless order= says otherwise"
        )


class RelevanceOrderingFilter(OrderingFilter):
    """Wagtail's ?order=, plus order=relevance: best match first, for a search (the default when searching)."""

    def filter_queryset(self, request, queryset, view):
        if request.GET.get("order") != "relevance":
            return super().filter_queryset(request, queryset, view)
        if "search" not in request.GET:
            raise BadRequestError("order=relevance needs search=")
        return queryset


def _iso_date(request, name: str) -> datetime.date | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError as error:
        raise BadRequestError(f"{name} must be a date like 2023-10-25, not '{raw}'") from error


def positive_id(request, name: str) -> int | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18 or int(raw) < 1:
        raise BadRequestError(f"{name} must be a positive whole number, not '{raw}'")
    return int(raw)


def _under_any(paths: list[str]) -> models.Q:
    """Pages below any of the given tree paths (none when the list is empty)."""
    condition = models.Q(pk__in=[])
    for path in paths:
        condition |= models.Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    return condition


def _public_translations_of(view, model: type[Page], pk: int, name: str) -> list[Page]:
    """The live, public page with this id and its translations, so a filter works in every locale."""
    page = model.objects.filter(pk=pk, pk__in=view.get_base_queryset().values("pk")).first()
    if page is None:
        raise BadRequestError(f"{name}: there is no published {model._meta.verbose_name} with id {pk}")
    return list(model.objects.filter(translation_key=page.translation_key))


class FoldedFieldFilter(BaseFilterBackend):
    """?city= (whole value) and ?region= (part of it), ignoring case and diacritics."""

    exact_fields = ("city",)
    partial_fields = ("region",)

    def filter_queryset(self, request, queryset, view):
        for name in self.exact_fields + self.partial_fields:
            if name not in request.GET:
                continue
            value = request.GET[name].strip()
            if not value or len(value) > MAX_SEARCH_LENGTH:
                raise BadRequestError(f"{name} must be 1 to {MAX_SEARCH_LENGTH} characters")
            if not _has_field(queryset.model, name):
                raise BadRequestError(f"{name} cannot filter {queryset.model._meta.verbose_name_plural}")
            lookup = "exact" if name in self.exact_fields else "contains"
            annotation = f"kronika_folded_{name}"
            queryset = _keep_child_of(
                queryset,
                queryset.annotate(**{annotation: fold_expression(models.F(name))}).filter(
                    **{f"{annotation}__{lookup}": fold_text(value)}
                ),
            )
        return queryset

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            _text_parameter("city", "The city, whole, ignoring case and diacritics (reports, organisations, offices)."),
            _text_parameter("region", "Part of the county or region, ignoring case and diacritics (reports)."),
        ]


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.concrete_fields)


REPORT_PARAMETERS = frozenset(
    ["event_date_from", "event_date_to", "project", "program", "organisation", "event_kind", "city", "region"]
)


class ReportFilter(BaseFilterBackend):
    """Event reports by date range, project, program, organisation and kind of event."""

    def filter_queryset(self, request, queryset, view):
        asked = REPORT_PARAMETERS.intersection(request.GET.keys())
        if not asked:
            return queryset
        if not issubclass(queryset.model, EventReportPage):
            raise BadRequestError(f"{', '.join(sorted(asked))} filter event reports: add type=projects.EventReportPage")
        condition = models.Q()
        date_from, date_to = _iso_date(request, "event_date_from"), _iso_date(request, "event_date_to")
        if date_from and date_to and date_to < date_from:
            raise BadRequestError("event_date_to is before event_date_from")
        if date_from:
            # An event of several days counts when any of its days is in the range.
            condition &= models.Q(event_end_date__gte=date_from) | models.Q(
                event_end_date__isnull=True, event_date__gte=date_from
            )
        if date_to:
            condition &= models.Q(event_date__lte=date_to)
        if "event_kind" in request.GET:
            kind = request.GET["event_kind"]
            if kind not in EventKind.values:
                raise BadRequestError(f"event_kind must be one of: {', '.join(EventKind.values)}")
            condition &= models.Q(event_kind=kind)
        if (project_id := positive_id(request, "project")) is not None:
            projects = _public_translations_of(view, ProjectPage, project_id, "project")
            condition &= _under_any([project.path for project in projects])
        if (program_id := positive_id(request, "program")) is not None:
            programs = _public_translations_of(view, FundingProgramPage, program_id, "program")
            paths = ProjectPage.objects.filter(
                pk__in=ProjectFunding.objects.filter(program__in=programs).values("page_id")
            ).values_list("path", flat=True)
            condition &= _under_any(list(paths))
        if (organisation_id := positive_id(request, "organisation")) is not None:
            condition &= self._organisation_condition(organisation_id)
        return _keep_child_of(queryset, queryset.filter(condition))

    def _organisation_condition(self, organisation_id: int) -> models.Q:
        """Reports an organisation organised or took part in, or held under a project it leads."""
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            raise BadRequestError(f"organisation: there is no organisation with id {organisation_id}")
        same = Organisation.objects.filter(translation_key=organisation.translation_key).values("pk")
        organised = ReportOrganiser.objects.filter(organisation__in=same)
        took_part = ReportParticipant.objects.filter(organisation__in=same)
        led_paths = ProjectPage.objects.filter(lead_organisation__in=same).values_list("path", flat=True)
        return (
            models.Q(pk__in=organised.values("page_id"))
            | models.Q(pk__in=took_part.values("page_id"))
            | _under_any(list(led_paths))
        )

    def get_schema_operation_parameters(self, view) -> list[dict]:
        needs_type = " Needs type=projects.EventReportPage."
        return [
            query_parameter(
                "event_date_from",
                DATE,
                "Reports of events on or after this day (any day of a longer event)." + needs_type,
            ),
            query_parameter("event_date_to", DATE, "Reports of events that began on or before this day." + needs_type),
            query_parameter("project", ID, "Reports of this project (in any of its languages)." + needs_type),
            query_parameter("program", ID, "Reports of projects this program funds." + needs_type),
            query_parameter(
                "organisation",
                ID,
                "Reports this organisation organised or took part in, or held under a project it leads." + needs_type,
            ),
            query_parameter(
                "event_kind", {"type": "string", "enum": list(EventKind.values)}, "The kind of event." + needs_type
            ),
        ]


class ModifiedSinceFilter(BaseFilterBackend):
    """?modified_since=ISO datetime: pages (re)published at or after it."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("modified_since")
        if raw is None:
            return queryset
        try:
            moment = datetime.datetime.fromisoformat(raw)
        except ValueError as error:
            raise BadRequestError(
                f"modified_since must be a date and time like 2024-01-31T12:00:00Z, not '{raw}'"
            ) from error
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return _keep_child_of(queryset, queryset.filter(last_published_at__gte=moment))

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            query_parameter(
                "modified_since",
                DATE_TIME,
                "Pages (re)published at or after this moment; without a time zone it is the site's.",
            )
        ]
