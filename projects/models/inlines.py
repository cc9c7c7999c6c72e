"""Rows that repeat inside a page: funding, partners, participants, goals and source notes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin

from ..api_shapes.fields import OrganisationField, PublicPersonField
from ..blocks import NOT_PUBLIC_MESSAGE
from ..conf import default_currency
from ..translatable import synchronised
from ..visibility import person_is_public

# Rows made outside the editor (imports, scripts) may share a sort_order, and PostgreSQL returns ties in
# any order: the primary key settles them, so the API gives the same bytes (and ETag) on every request.
ROW_ORDER = ["sort_order", "pk"]


class OrganisationReference(TranslatableMixin, Orderable):
    """An organisation chosen from the snippets, or typed by name when it is not in Kronika."""

    organisation = models.ForeignKey(
        "projects.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(
        _("…or its name"), max_length=255, blank=True, help_text=_("Only when the organisation is not in Kronika yet.")
    )

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("name")])]
    api_fields = [APIField("organisation", serializer=OrganisationField()), APIField("display_name")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        ordering = ROW_ORDER

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.name

    def clean(self) -> None:
        super().clean()
        if self.organisation_id and self.name:
            raise ValidationError({"name": _("Choose an organisation or type a name, not both.")})
        if not self.organisation_id and not self.name.strip():
            raise ValidationError({"organisation": _("Choose an organisation or type its name.")})


class PersonReference(TranslatableMixin, Orderable):
    """A person chosen from the snippets, or typed by name when they are not in Kronika."""

    person = models.ForeignKey(
        "projects.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("…or their name"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("name")])]
    api_fields = [APIField("public_name"), APIField("person", serializer=PublicPersonField())]
    override_translatable_fields = synchronised("name")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        ordering = ROW_ORDER

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name

    @property
    def public_name(self) -> str:
        """The name as published: blank for a chosen person who is not public."""
        if self.person_id:
            return self.person.name if person_is_public(self.person) else ""
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.person_id and self.name:
            raise ValidationError({"name": _("Choose a person or type a name, not both.")})
        if not self.person_id and not self.name.strip():
            raise ValidationError({"person": _("Choose a person or type their name.")})
        if self.person_id and not person_is_public(self.person):
            raise ValidationError({"person": NOT_PUBLIC_MESSAGE})


class Statement(TranslatableMixin, Orderable):
    """One line of a list of goals or outcomes."""

    text = models.CharField(_("text"), max_length=500)

    panels = [FieldPanel("text")]
    api_fields = [APIField("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        ordering = ROW_ORDER

    def __str__(self) -> str:
        return self.text


class SourceNoteKind(models.TextChoices):
    MISSING = "missing", _("Missing in the source")
    ASSUMPTION = "assumption", _("Assumed by the editor")
    CHECK = "check", _("To check")


class SourceNote(Orderable):
    """What the source lacks or what the editor assumed: internal, shown to editors only."""

    kind = models.CharField(_("kind"), max_length=20, choices=SourceNoteKind.choices)
    field_name = models.CharField(_("about the field"), max_length=100, blank=True, help_text=_("e.g. official title"))
    note = models.CharField(_("note"), max_length=500)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("field_name")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ROW_ORDER

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.note}"


class ProjectFunding(Orderable):
    """A grant that pays for the project, under a funding program."""

    page = ParentalKey("projects.ProjectPage", related_name="funding", on_delete=models.CASCADE)
    program = models.ForeignKey(
        "projects.FundingProgramPage",
        verbose_name=_("funding program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, null=True, blank=True, help_text=_("Leave empty when not known.")
    )
    currency = models.CharField(
        _("currency"), max_length=3, default=default_currency, help_text=_("ISO code, e.g. PLN or EUR.")
    )
    agreement_number = models.CharField(_("agreement number"), max_length=100, blank=True)

    panels = [
        FieldPanel("program"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("currency"), FieldPanel("agreement_number")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("funding")
        ordering = ROW_ORDER

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("The amount must be more than zero.")
        self.currency = self.currency.strip().upper()
        if not (len(self.currency) == 3 and self.currency.isascii() and self.currency.isalpha()):
            errors["currency"] = _("Use a three-letter currency code, e.g. PLN or EUR.")
        if not self.program_id and not self.agreement_number and self.amount is None:
            errors["program"] = _("Choose the funding program, or give at least an agreement number or an amount.")
        if errors:
            raise ValidationError(errors)


class ProjectPartner(OrganisationReference):
    page = ParentalKey("projects.ProjectPage", related_name="partners", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=255, blank=True, help_text=_("e.g. partner, co-organiser"))

    api_fields = OrganisationReference.api_fields + [APIField("role")]
    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("name"), FieldPanel("role")])]


class ProjectCoordinator(PersonReference):
    page = ParentalKey("projects.ProjectPage", related_name="coordinators", on_delete=models.CASCADE)


class ProjectSourceNote(SourceNote):
    page = ParentalKey("projects.ProjectPage", related_name="source_notes", on_delete=models.CASCADE)


class ReportOrganiser(OrganisationReference):
    page = ParentalKey("projects.EventReportPage", related_name="organisers", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=255, blank=True, help_text=_("e.g. organiser, project holder, host"))

    api_fields = OrganisationReference.api_fields + [APIField("role")]
    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("name"), FieldPanel("role")])]


class ReportModerator(PersonReference):
    page = ParentalKey("projects.EventReportPage", related_name="moderators", on_delete=models.CASCADE)


class ReportParticipant(OrganisationReference):
    page = ParentalKey("projects.EventReportPage", related_name="participants", on_delete=models.CASCADE)


class ReportGoal(Statement):
    page = ParentalKey("projects.EventReportPage", related_name="goals", on_delete=models.CASCADE)


class ReportOutcome(Statement):
    page = ParentalKey("projects.EventReportPage", related_name="outcomes", on_delete=models.CASCADE)


class ReportSourceNote(SourceNote):
    page = ParentalKey("projects.EventReportPage", related_name="source_notes", on_delete=models.CASCADE)
