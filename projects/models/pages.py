"""Page types: funding programs, projects and the event reports that live under them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.coreutils import get_supported_content_language_variant, resolve_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from ..api_shapes.fields import (
    HeroImageField,
    InstanceField,
    OrganisationField,
    project_programs,
    report_programs,
    report_project,
)
from ..blocks import RICH_TEXT_FEATURES, ContactBlock, StoryBlock
from ..conf import base_template, index_parent_page_types
from ..panels import EditorWarningsPanel, RowsPanel, Tab
from ..preloading import chosen_object_ids
from ..save_batches import one_save
from ..translatable import synchronised
from ..visibility import public_media
from .preview_modes import PreviewTargetsMixin

LISTING_PAGE_SIZE = 12


def source_notes_panel() -> RowsPanel:
    """The editors-only notes on gaps in the source and assumptions made for it."""
    return RowsPanel(
        "source_notes",
        heading=_("Source notes"),
        label=_("Note"),
        add_label=_("Add a note"),
        help_text=_("What the source lacks or what you assumed. Editors only: never published."),
    )


def hero_image_panel() -> MultiFieldPanel:
    """The main photo with, beside it, what the page says about it."""
    return MultiFieldPanel(
        [
            FieldPanel("hero_image"),
            FieldPanel("hero_image_alt"),
            FieldRowPanel([FieldPanel("hero_image_caption"), FieldPanel("hero_image_credit")]),
        ],
        heading=_("Main photo"),
    )


def tabs_with_promote_and_settings(*tabs: Tab) -> TabbedInterface:
    """The page type's own tabs, then Wagtail's Promote and Settings."""
    return TabbedInterface(
        [
            *tabs,
            Tab(Page.promote_panels, heading=_("Promote"), name="promote"),
            Tab(Page.settings_panels, heading=_("Settings"), name="settings"),
        ]
    )


class KronikaPage(PreviewTargetsMixin, Page):
    """Fields every Kronika page has: a summary for listings and a hero image."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown in listings, feeds and on partner sites."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # On the page rather than the image: each language describes the photo in its own words, and the same photo
    # may stand for different things on two pages.
    hero_image_alt = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Leave empty if it only decorates."),
    )
    hero_image_caption = models.CharField(_("caption"), max_length=255, blank=True)
    hero_image_credit = models.CharField(_("credit"), max_length=255, blank=True, help_text=_("e.g. fot. Jan Kowalski"))

    search_fields = Page.search_fields + [index.SearchField("summary")]
    api_fields = [APIField("summary"), APIField("hero_image", serializer=HeroImageField())]
    override_translatable_fields = synchronised("hero_image")

    class Meta:
        abstract = True

    @property
    def hero_image_alt_text(self) -> str:
        """The main photo's alt text in the page's language.

        The image's own description is in the source language: only a source-language page falls back on it,
        so an English page never describes its photo in Polish.
        """
        source_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        if self.hero_image_alt or self.hero_image is None or self.locale.language_code != source_language:
            return self.hero_image_alt
        return getattr(self.hero_image, "description", "") or ""

    def save(self, *args, **kwargs):
        # Its inline rows are saved after it, each with a signal: what is derived from it is built once, after the last.
        with one_save():
            return super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # The layout Kronika's templates extend (projects/base.html): the host site's, unless it names another.
        context["kronika_base_template"] = base_template()
        return context

    def editor_warnings(self) -> list[str]:
        """What editors should check: fields publishing needs, photos the public will not see, gaps in the source."""
        notes = getattr(self, "source_notes", None)
        return (
            self.publishing_needs_warnings()
            + self.private_image_warnings()
            + ([str(note) for note in notes.all()] if notes is not None else [])
        )

    def fields_publishing_needs(self) -> list[str]:
        """Labels of the required fields still empty.

        Wagtail lets a draft be saved without them (an imported report waits for the date or city its source
        lacks), and refuses to publish until they are filled: this says so at "Save draft" already.
        """
        return [
            str(capfirst(field.verbose_name))
            for field in self._meta.concrete_fields
            if field.model is not Page
            and field.editable
            and not field.blank
            and not field.primary_key
            and getattr(self, field.attname) in (None, "")
        ]

    def publishing_needs_warnings(self) -> list[str]:
        missing = self.fields_publishing_needs()
        if not missing:
            return []
        return [str(_("To publish, fill in: %(fields)s.") % {"fields": ", ".join(missing)})]

    def private_image_warnings(self) -> list[str]:
        """Photos chosen from a restricted collection: the site and the API leave them out (projects.visibility)."""
        image_model = get_image_model()
        found: dict = {}
        for field in self._meta.concrete_fields:
            if isinstance(field, StreamField):
                chosen_object_ids(field.stream_block, list(getattr(self, field.name).raw_data), found)
        chosen = found.get(image_model, set()) | ({self.hero_image_id} if self.hero_image_id else set())
        if not chosen:
            return []
        public = set(public_media(image_model.objects.filter(pk__in=chosen)).values_list("pk", flat=True))
        hidden = len(chosen - public)
        if not hidden:
            return []
        return [
            ngettext(
                "%(count)d photo of this page is in a private collection: the website and the API leave it out.",
                "%(count)d photos of this page are in a private collection: the website and the API leave them out.",
                hidden,
            )
            % {"count": hidden}
        ]


class IndexPage(KronikaPage):
    """A listing of the pages below it, newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    search_fields = KronikaPage.search_fields + [index.SearchField("intro")]
    api_fields = KronikaPage.api_fields + [APIField("intro")]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    @classmethod
    def clean_parent_page_models(cls) -> list[type[Page]]:
        # The site decides where indexes go (KRONIKA_INDEX_PARENT_PAGE_TYPES), so the app names no site page type.
        return [resolve_model_string(name, cls._meta.app_label) for name in index_parent_page_types()]

    def listed_pages(self) -> models.QuerySet:
        return self.get_children().live().public().specific()

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listed_pages(), LISTING_PAGE_SIZE)
        context["listing"] = paginator.get_page(request.GET.get("page"))
        return context


class FundingProgramIndexPage(IndexPage):
    """The list of funding programs."""

    subpage_types = ["projects.FundingProgramPage"]

    class Meta:
        verbose_name = _("funding program index")
        verbose_name_plural = _("funding program indexes")


class ProjectIndexPage(IndexPage):
    """The list of projects."""

    subpage_types = ["projects.ProjectPage"]

    class Meta:
        verbose_name = _("project index")
        verbose_name_plural = _("project indexes")


class EventReportIndexPage(IndexPage):
    """All event reports of the site, across projects, newest event first; reports of no project live here."""

    subpage_types = ["projects.EventReportPage"]

    class Meta:
        verbose_name = _("event report index")
        verbose_name_plural = _("event report indexes")

    def listed_pages(self) -> models.QuerySet:
        return (
            EventReportPage.objects.live()
            .public()
            .in_site(self.get_site())
            .filter(locale_id=self.locale_id)
            .order_by("-event_date", "-pk")
        )


class FundingProgramPage(KronikaPage):
    """A program that funds projects, such as a government multi-year program."""

    full_name = models.CharField(
        _("full name"), max_length=500, blank=True, help_text=_("The official name, if longer than the title.")
    )
    funder = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_programs",
        help_text=_("Leave empty when the source does not say who funds it."),
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = StreamField(StoryBlock(), blank=True, verbose_name=_("description"))

    content_panels = Page.content_panels + [
        FieldPanel("full_name"),
        FieldPanel("summary"),
        FieldPanel("description"),
    ]
    details_panels = [
        FieldPanel("funder"),
        FieldRowPanel([FieldPanel("first_year"), FieldPanel("last_year")], heading=_("Period")),
        FieldPanel("website"),
        hero_image_panel(),
    ]
    edit_handler = tabs_with_promote_and_settings(
        Tab(content_panels, heading=_("Content"), name="content"),
        Tab(details_panels, heading=_("Details"), name="details"),
    )
    search_fields = KronikaPage.search_fields + [
        index.SearchField("full_name"),
        index.SearchField("description"),
        index.RelatedFields("funder", [index.SearchField("name")]),
    ]
    api_fields = KronikaPage.api_fields + [
        APIField("full_name"),
        APIField("funder", serializer=OrganisationField()),
        APIField("first_year"),
        APIField("last_year"),
        APIField("website"),
        APIField("description"),
    ]
    override_translatable_fields = KronikaPage.override_translatable_fields + synchronised(
        "first_year", "last_year", "website"
    )
    parent_page_types = ["projects.FundingProgramIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("funding program")
        verbose_name_plural = _("funding programs")

    def clean(self) -> None:
        super().clean()
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year cannot come before the first year.")})

    @property
    def period_display(self) -> str:
        if self.first_year and self.last_year:
            return f"{self.first_year}–{self.last_year}"
        return str(self.first_year or self.last_year or "")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class ProjectPage(KronikaPage):
    """A project an organisation runs; its event reports are written below it."""

    official_title = models.CharField(
        _("official title"),
        max_length=500,
        blank=True,
        help_text=_(
            "The title in the funding agreement. Leave empty if the source does not give it: it is then flagged."
        ),
    )
    lead_organisation = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("description"))
    contacts = StreamField(ContactBlock(), blank=True, verbose_name=_("contacts"))

    content_panels = [
        EditorWarningsPanel(),
        *Page.content_panels,
        FieldPanel("official_title"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    organisation_panels = [
        FieldPanel("lead_organisation"),
        RowsPanel("partners", heading=_("Partners"), label=_("Partner"), add_label=_("Add a partner")),
        RowsPanel("coordinators", heading=_("Coordinators"), label=_("Coordinator"), add_label=_("Add a coordinator")),
        FieldPanel("contacts"),
    ]
    details_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("status")], heading=_("Period")),
        RowsPanel("funding", heading=_("Funding"), label=_("Grant"), add_label=_("Add a grant")),
        hero_image_panel(),
        source_notes_panel(),
    ]
    edit_handler = tabs_with_promote_and_settings(
        Tab(content_panels, heading=_("Content"), name="content"),
        Tab(organisation_panels, heading=_("People and organisations"), name="people"),
        Tab(details_panels, heading=_("Details"), name="details"),
    )
    search_fields = KronikaPage.search_fields + [
        index.SearchField("official_title"),
        index.SearchField("body"),
        index.SearchField("contacts"),
        index.RelatedFields("lead_organisation", [index.SearchField("name")]),
        index.RelatedFields("partners", [index.SearchField("display_name")]),
        index.RelatedFields("coordinators", [index.SearchField("public_name")]),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]
    api_fields = KronikaPage.api_fields + [
        APIField("official_title"),
        APIField("lead_organisation", serializer=OrganisationField()),
        APIField("partners"),
        APIField("programs", serializer=InstanceField(project_programs)),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("body"),
        APIField("contacts"),
    ]
    override_translatable_fields = KronikaPage.override_translatable_fields + synchronised(
        "status", "start_date", "end_date", "funding", "source_notes"
    )
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = ["projects.EventReportPage"]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})

    def editor_warnings(self) -> list[str]:
        warnings = super().editor_warnings()
        if not self.official_title:
            warnings.insert(0, str(_("The official title of this project is missing: add it when it is known.")))
        return warnings

    def get_admin_display_title(self) -> str:
        title = super().get_admin_display_title()
        if self.official_title:
            return title
        # Outside the f-string, or makemessages would not find the message.
        missing = _("official title missing")
        return f"{title} ⚠ {missing}"

    def contains_date(self, day) -> bool:
        return (self.start_date is None or self.start_date <= day) and (self.end_date is None or day <= self.end_date)


class EventKind(models.TextChoices):
    NETWORKING = "networking", _("Networking meeting")
    DIALOGUE_SESSION = "dialogue_session", _("Dialogue session")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    CONFERENCE = "conference", _("Conference")
    CONSULTATION = "consultation", _("Consultation")
    CULTURAL = "cultural", _("Cultural event")
    OTHER = "other", _("Other")


class EventReportPage(KronikaPage):
    """A report of one event a project held: when, where, who came, what it was for and what came of it."""

    event_kind = models.CharField(_("kind of event"), max_length=30, choices=EventKind.choices)
    # Nullable so an imported draft can wait for a date its source lacks; publishing still requires it.
    event_date = models.DateField(_("date"), null=True, help_text=_("The day of the event, or its first day."))
    event_end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for events of more than one day.")
    )
    city = models.CharField(_("city"), max_length=100, help_text=_("e.g. Gniezno"))
    region = models.CharField(
        _("county or region"), max_length=100, blank=True, help_text=_("e.g. powiat gnieźnieński")
    )
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("e.g. Sala sesyjna, Starostwo Powiatowe w Gnieźnie")
    )
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True, help_text=_("Leave empty when the source does not say.")
    )
    body = StreamField(StoryBlock(), blank=True, verbose_name=_("report"))
    contacts = StreamField(ContactBlock(), blank=True, verbose_name=_("contacts"))

    content_panels = [
        EditorWarningsPanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        hero_image_panel(),
        FieldPanel("body"),
    ]
    event_panels = [
        FieldPanel("event_kind"),
        FieldRowPanel([FieldPanel("event_date"), FieldPanel("event_end_date")], heading=_("When")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("city"), FieldPanel("region")]), FieldPanel("venue")], heading=_("Where")
        ),
        RowsPanel("goals", heading=_("Goals"), label=_("Goal"), add_label=_("Add a goal")),
        RowsPanel("outcomes", heading=_("Outcomes"), label=_("Outcome"), add_label=_("Add an outcome")),
    ]
    people_panels = [
        RowsPanel("organisers", heading=_("Organisers"), label=_("Organiser"), add_label=_("Add an organiser")),
        RowsPanel("moderators", heading=_("Moderators"), label=_("Moderator"), add_label=_("Add a moderator")),
        FieldPanel("participant_count"),
        RowsPanel(
            "participants",
            heading=_("Participating organisations"),
            label=_("Participant"),
            add_label=_("Add a participating organisation"),
            help_text=_("Choose an organisation, or type its name if it is not in Kronika yet."),
        ),
        FieldPanel("contacts"),
    ]
    notes_panels = [source_notes_panel()]
    edit_handler = tabs_with_promote_and_settings(
        Tab(content_panels, heading=_("Report"), name="report"),
        Tab(event_panels, heading=_("Event"), name="event"),
        Tab(people_panels, heading=_("People and organisations"), name="people"),
        Tab(notes_panels, heading=_("Source notes"), name="notes"),
    )
    search_fields = KronikaPage.search_fields + [
        index.SearchField("body"),
        index.SearchField("city"),
        index.SearchField("region"),
        index.SearchField("venue"),
        index.SearchField("contacts"),
        index.RelatedFields("organisers", [index.SearchField("display_name")]),
        index.RelatedFields("moderators", [index.SearchField("public_name")]),
        index.RelatedFields("participants", [index.SearchField("display_name")]),
        index.RelatedFields("goals", [index.SearchField("text")]),
        index.RelatedFields("outcomes", [index.SearchField("text")]),
        index.FilterField("event_kind"),
        index.FilterField("event_date"),
        index.FilterField("city"),
    ]
    api_fields = KronikaPage.api_fields + [
        APIField("project", serializer=InstanceField(report_project)),
        APIField("programs", serializer=InstanceField(report_programs)),
        APIField("event_kind"),
        APIField("event_date"),
        APIField("event_end_date"),
        APIField("city"),
        APIField("region"),
        APIField("venue"),
        APIField("organisers"),
        APIField("moderators"),
        APIField("participants"),
        APIField("participant_count"),
        APIField("goals"),
        APIField("outcomes"),
        APIField("body"),
        APIField("contacts"),
    ]
    override_translatable_fields = KronikaPage.override_translatable_fields + synchronised(
        "event_kind", "event_date", "event_end_date", "participant_count", "source_notes"
    )
    parent_page_types = ["projects.ProjectPage", "projects.EventReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")
        # Partners list reports newest event first (order=-event_date) and by date range: without an index the
        # database sorts every report to find the first 20.
        indexes = [models.Index(fields=["event_date"], name="report_event_date")]

    def clean(self) -> None:
        super().clean()
        if self.event_date and self.event_end_date and self.event_end_date < self.event_date:
            raise ValidationError({"event_end_date": _("The event cannot end before it starts.")})

    @property
    def project(self) -> ProjectPage | None:
        parent = self.get_parent()
        return parent.specific if parent and parent.specific_class is ProjectPage else None

    def period_warnings(self) -> list[str]:
        """Soft checks that do not stop saving: a date outside the project's period."""
        project = self.project
        if project is None or self.event_date is None or project.contains_date(self.event_date):
            return []
        return [
            str(
                _("The event date %(date)s is outside the project's period (%(start)s – %(end)s).")
                % {"date": self.event_date, "start": project.start_date or "…", "end": project.end_date or "…"}
            )
        ]

    def editor_warnings(self) -> list[str]:
        return self.period_warnings() + super().editor_warnings()
