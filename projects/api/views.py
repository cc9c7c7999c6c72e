"""The endpoints of the public API: thin subclasses of Wagtail's API v2 viewsets."""

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet, Subquery
from django.http import Http404
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from ..api_shapes.shapes import ID, URL, emits, nullable, obj
from ..models import Office, Organisation, PageAPISnapshot, Person
from ..search.scope import SearchScope, listing_type_tokens
from ..visibility import public_people_condition, restricted_collection_ids
from .batch import ResultBatch, page_joins
from .drafts import draft_for
from .errors import JSONErrorsMixin
from .filters import (
    REPORT_PARAMETERS,
    FoldedFieldFilter,
    LocaleWithFallbackFilter,
    ModifiedSinceFilter,
    RelevanceOrderingFilter,
    ReportFilter,
    SearchFilter,
    positive_id,
)
from .languages import Alternates
from .pagination import CheckedPagination
from .public_pages import public_condition, public_pages, root_translations, site_root
from .serializer_classes import SharedSerializerClasses
from .serializers import (
    LANGUAGE_META_FIELDS,
    SEARCH_META_FIELDS,
    KronikaPageSerializer,
    ResponsiveImageSerializer,
    SearchedDocumentSerializer,
    SnippetSerializer,
)
from .stored import LIVE_FIELDS, current_snapshot, snapshots_allowed


class CompactJSONRenderer(JSONRenderer):
    """JSON without indentation, whatever Wagtail's views ask for."""

    def get_indent(self, accepted_media_type: str, renderer_context: dict) -> None:
        return None


class PublicAPIMixin(SharedSerializerClasses, JSONErrorsMixin):
    """Compact JSON, checked pagination, serializer classes built once per shape, and a 400 with a JSON message
    for any bad input."""

    renderer_classes = [CompactJSONRenderer]
    pagination_class = CheckedPagination
    # Filtered by Kronika's own filters (or not at all, when private), never by Wagtail's exact match.
    fields_filtered_elsewhere: frozenset[str] = frozenset()
    # Default fields only some answers carry: meta.search_snippet is in answers to a search only.
    conditional_fields: frozenset[str] = frozenset(SEARCH_META_FIELDS)

    @classmethod
    def get_available_fields(cls, model, db_fields_only: bool = False) -> list[str]:
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [field for field in fields if field not in cls.fields_filtered_elsewhere]
        return fields

    def detail_view(self, request, pk):
        # Wagtail checks the parameters of listings only; a typo on a detail URL deserves the same 400.
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)

    def find_object(self, queryset: QuerySet, request) -> Any:
        # Wagtail hands ?id= to the database as it came: id=abc would be a ValueError, so a 500.
        if "id" in request.GET:
            if len(request.GET.getlist("id")) > 1:
                raise BadRequestError("find takes one id")
            return queryset.filter(pk=positive_id(request, "id")).first()
        return super().find_object(queryset, request)

    def get_serializer(self, instance=None, *args, **kwargs):
        items = list(instance) if kwargs.get("many") else [instance]
        alternates = self.alternates()
        self.batch = ResultBatch(
            items, self.public_pages(), alternates, self.request, stored_fields=self.stored_fields()
        ).load()
        # The batch may have fetched again, in full, items the query loaded for their snapshots only.
        items = self.batch.items
        return super().get_serializer(items if kwargs.get("many") else items[0], *args, **kwargs)

    def stored_fields(self) -> set[str] | None:
        """The fields to take from snapshots, or None when this endpoint or request does not use them."""
        return None

    def alternates(self) -> Alternates:
        return Alternates(self.public_translations(), self.link)

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        context["batch"] = getattr(self, "batch", None)
        context["requested_locale"] = self.request.GET.get("locale")
        return context


def _stream_fields(model: type[Page]) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if isinstance(field, StreamField)]


class KronikaPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    """Live, public pages: reports, projects, programs and their indexes."""

    base_serializer_class = KronikaPageSerializer
    # Wagtail's own list with Kronika's ordering, locale fallback and search in their places, and its filters added.
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        RelevanceOrderingFilter,
        TranslationOfFilter,
        LocaleWithFallbackFilter,
        ReportFilter,
        FoldedFieldFilter,
        ModifiedSinceFilter,
        SearchFilter,  # last, as in Wagtail: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        REPORT_PARAMETERS, ["fallback", "modified_since"]
    )
    meta_fields = PagesAPIViewSet.meta_fields + ["last_published_at", *LANGUAGE_META_FIELDS, *SEARCH_META_FIELDS]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + LANGUAGE_META_FIELDS + SEARCH_META_FIELDS
    fields_filtered_elsewhere = frozenset(["city", "region", "event_kind"])

    def get_base_queryset(self) -> QuerySet:
        # Wagtail asks for it several times per request; each asks the database for view restrictions.
        if not hasattr(self, "_base_queryset"):
            try:
                if self.typed_rule_applies():
                    self._base_queryset = Page.objects.filter(self.public_condition())
                else:
                    self._base_queryset = public_pages(self.request)
            except ValueError as error:
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def typed_rule_applies(self) -> bool:
        return getattr(settings, "WAGTAIL_I18N_ENABLED", False)

    def site_root(self) -> Page | None:
        if not hasattr(self, "_site_root"):
            self._site_root = site_root(self.request)
        return self._site_root

    def public_condition(self) -> Q:
        if not hasattr(self, "_public_condition"):
            self._public_condition = public_condition(self.request, self.site_root())
        return self._public_condition

    def search_scope(self, queryset: QuerySet) -> SearchScope | None:
        """The listing as the search documents know it, when nothing but the public rule and the type filters
        ``queryset`` (then a search counts its matches from the text index); None for any other filter."""
        if not self.typed_rule_applies() or queryset.model._meta.proxy:
            return None
        if queryset.query.where != self.get_queryset().query.where:
            return None
        root = self.site_root()
        if root is None:
            return None
        return SearchScope(roots=root_translations(root), type_tokens=listing_type_tokens(queryset.model))

    def get_queryset(self) -> QuerySet:
        # Wagtail asks for it three times per listing (parameters, filters, the object); building it is several ms.
        if not hasattr(self, "_queryset"):
            self._queryset = self._public_queryset()
        return self._queryset.all()

    def _public_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if queryset.model is not Page and self.typed_rule_applies():
            # Wagtail narrows a listing of one type with `pk IN (every public page)`, which the database
            # builds in full before counting or ordering; the same rule on the type's own rows lets it walk
            # the path index and stop at the last page it needs, whatever the size of the archive.
            queryset = queryset.model.objects.filter(self.public_condition())
        queryset = queryset.select_related(*page_joins(queryset.model), "api_snapshot")
        if snapshots_allowed(self.request):
            # Decoding the stored blocks of every page would cost more than the rest of a listing served
            # from snapshots; the few pages without one are fetched again in full by the batch.
            queryset = queryset.defer(*_stream_fields(queryset.model))
        return queryset

    def get_object(self) -> Page:
        # No extension point of Wagtail's decides how the specific page is made: its get_object returns
        # `page.specific`, a second query without joins. So this one does DRF's lookup itself, through DRF's
        # public calls, and makes the specific page from what the query loaded: a page served from its snapshot
        # needs no specific fields at all, any other is fetched once, with its joins.
        if (draft := draft_for(self.kwargs.get("pk"))) is not None:
            return draft
        if not hasattr(self, "_specific_object"):
            page = get_object_or_404(self.filter_queryset(self.get_queryset()), pk=self.kwargs["pk"])
            self.check_object_permissions(self.request, page)
            self._specific_object = self._specific(page)
        return self._specific_object

    def _specific(self, page: Page) -> Page:
        model = page.specific_class or type(page)
        if not (snapshots_allowed(self.request) and current_snapshot(page) is not None):
            return model.objects.select_related(*page_joins(model), "api_snapshot").get(pk=page.pk)
        specific = page.specific_deferred
        # Wagtail's specific_deferred copies the generic page's attributes but not the relations its query
        # joined (Django keeps those in the instance's private state): assigning each one, through the
        # relation's public descriptor, caches it on the specific page as it was on the generic one.
        for name in ["api_snapshot", *page_joins(Page)]:
            setattr(specific, name, getattr(page, name))
        return specific

    def stored_fields(self) -> set[str] | None:
        # What a page's snapshot must hold for the page to be answered from it: every field asked for, meta
        # included, but those computed for each request anyway.
        if not snapshots_allowed(self.request):
            return None
        return set(self.get_serializer_class().Meta.fields) - LIVE_FIELDS

    def public_pages(self) -> QuerySet:
        return self.get_base_queryset()

    def public_translations(self) -> QuerySet:
        return self.get_base_queryset()

    def alternates(self) -> Alternates:
        # Each translation's URL as its current snapshot stored it: computing it would load every site's root paths.
        stored_url = PageAPISnapshot.current_for_outer_page().exclude(html_url="")
        return Alternates(
            self.public_translations(), self.link, stored_html_url=Subquery(stored_url.values("html_url")[:1])
        )

    @emits(obj({"id": ID, "html_url": nullable(URL)}))
    def link(self, page: Page) -> dict:
        return {"id": page.pk, "html_url": getattr(page, "stored_html_url", None) or page.get_full_url(self.request)}

    def find_object(self, queryset: QuerySet, request) -> Any:
        """Find by ?html_path= also under a language prefix (/en/projekty/…), as i18n_patterns serves it."""
        page = self._page_at_localised_path(request)
        if page is not None and queryset.filter(pk=page.pk).exists():
            return page
        return super().find_object(queryset, request)

    def _page_at_localised_path(self, request) -> Page | None:
        site = Site.find_for_request(request)
        components = [part for part in request.GET.get("html_path", "").split("/") if part]
        if site is None or not components:
            return None
        locale = Locale.objects.filter(language_code=components[0]).first()
        root = site.root_page.get_translation_or_none(locale) if locale else None
        if root is None:
            return None
        try:
            page, _args, _kwargs = root.specific.route(request, components[1:])
        except Http404:
            return None
        return page


class UntranslatedMixin:
    """Images and documents: no translations, so no alternates."""

    def public_pages(self) -> QuerySet:
        return Page.objects.none()

    def public_translations(self) -> QuerySet:
        return self.get_queryset().none()

    def link(self, item: Any) -> dict:
        return {"id": item.pk}


def _public_media_for_search(view: BaseAPIViewSet) -> QuerySet:
    """Images or documents in no restricted collection, the same for everyone who asks.

    Wagtail's own get_queryset hides the collections this request may not see, so a password entered
    for a collection would change the answer: it is replaced, not extended. The ids form of the rule
    keeps ?search= working (Wagtail's search backends cannot read a subquery).
    """
    return view.model.objects.exclude(collection__in=restricted_collection_ids()).order_by("id")


# Wagtail's list for images and documents, with Kronika's ordering and search in their places.
MEDIA_FILTER_BACKENDS = [FieldsFilter, RelevanceOrderingFilter, SearchFilter]


class PublicImagesAPIViewSet(UntranslatedMixin, PublicAPIMixin, ImagesAPIViewSet):
    """Images outside restricted collections, with their responsive renditions."""

    base_serializer_class = ResponsiveImageSerializer
    filter_backends = MEDIA_FILTER_BACKENDS
    meta_fields = ImagesAPIViewSet.meta_fields + SEARCH_META_FIELDS
    body_fields = ImagesAPIViewSet.body_fields + ["alt", "focal_point", "renditions", "srcset"]
    listing_default_fields = (
        ImagesAPIViewSet.listing_default_fields + ["alt", "renditions", "srcset"] + SEARCH_META_FIELDS
    )

    def get_queryset(self) -> QuerySet:
        return _public_media_for_search(self)


class PublicDocumentsAPIViewSet(UntranslatedMixin, PublicAPIMixin, DocumentsAPIViewSet):
    """Documents outside restricted collections."""

    filter_backends = MEDIA_FILTER_BACKENDS
    base_serializer_class = SearchedDocumentSerializer
    meta_fields = DocumentsAPIViewSet.meta_fields + SEARCH_META_FIELDS
    listing_default_fields = DocumentsAPIViewSet.listing_default_fields + SEARCH_META_FIELDS

    def get_queryset(self) -> QuerySet:
        return _public_media_for_search(self)


class SnippetAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    """A translatable snippet, filtered by locale like pages (with the same fallback)."""

    base_serializer_class = SnippetSerializer
    filter_backends = [FieldsFilter, FoldedFieldFilter, RelevanceOrderingFilter, LocaleWithFallbackFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale", "fallback", "city"])
    meta_fields = BaseAPIViewSet.meta_fields + ["locale", *LANGUAGE_META_FIELDS, *SEARCH_META_FIELDS]
    fields_filtered_elsewhere = frozenset(["city"])

    @classmethod
    def get_listing_default_fields(cls, model) -> list[str]:
        return (
            cls.listing_default_fields
            + ["locale", *LANGUAGE_META_FIELDS, *SEARCH_META_FIELDS]
            + [f.name for f in model.api_fields]
        )

    def public_queryset(self) -> QuerySet:
        return self.model.objects.all()

    def get_queryset(self) -> QuerySet:
        return self.public_queryset().select_related(*self.related).order_by("id")

    def public_pages(self) -> QuerySet:
        return Page.objects.none()

    def public_translations(self) -> QuerySet:
        return self.public_queryset()

    @emits(obj({"id": ID, "detail_url": URL}))
    def link(self, item: Any) -> dict:
        return {
            "id": item.pk,
            "detail_url": get_object_detail_url(self.request.wagtailapi_router, self.request, type(item), item.pk),
        }


class OrganisationsAPIViewSet(SnippetAPIViewSet):
    """Organisations that run, fund, host or take part in projects."""

    name = "organisations"
    model = Organisation
    related = ["locale", "parent"]


class PeopleAPIViewSet(SnippetAPIViewSet):
    """People who made themselves public, with only their public fields."""

    name = "people"
    model = Person
    related = ["locale", "organisation"]
    # Never filterable or sortable: that would reveal hidden e-mails and phones one guess at a time.
    fields_filtered_elsewhere = frozenset(["email", "phone", "office_hours"])

    def public_queryset(self) -> QuerySet:
        return Person.objects.filter(public_people_condition())


class OfficesAPIViewSet(SnippetAPIViewSet):
    """Offices of organisations, with address, phone, e-mail and hours."""

    name = "offices"
    model = Office
    related = ["locale", "organisation"]
    fields_filtered_elsewhere = frozenset(["city", "email", "phone", "office_hours"])
