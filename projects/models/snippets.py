"""Organisations, people and offices: chosen by pages and blocks, so each fact lives in one place."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TabbedInterface
from wagtail.api import APIField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from ..api_shapes.fields import InstanceField, OrganisationField
from ..api_shapes.representations import (
    contact_email,
    contact_hours,
    contact_phone,
    office_address,
    person_email,
    person_phone,
)
from ..panels import Tab
from ..translatable import synchronised
from ..visibility import public_email, public_phone
from .contact_details import ContactDetails


class OrganisationKind(models.TextChoices):
    FOUNDATION = "foundation", _("Foundation")
    ASSOCIATION = "association", _("Association")
    INFORMAL_GROUP = "informal_group", _("Informal group")
    SOCIAL_ECONOMY = "social_economy", _("Social economy entity")
    SOCIAL_WELFARE = "social_welfare", _("Social welfare institution")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    CHURCH = "church", _("Church organisation")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """An organisation that runs, funds, hosts or takes part in projects and events."""

    name = models.CharField(_("name"), max_length=255, help_text=_("Full name, as the organisation writes it."))
    acronym = models.CharField(
        _("acronym"), max_length=30, blank=True, help_text=_("Short form people use, e.g. MOPS or WOES.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
        help_text=_("The larger organisation this one belongs to, e.g. the association that runs a centre."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("city"), FieldPanel("website")]),
        FieldPanel("parent"),
    ]
    api_fields = [
        APIField("name"),
        APIField("acronym"),
        APIField("kind"),
        APIField("city"),
        APIField("website"),
        APIField("parent", serializer=OrganisationField()),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("acronym"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = synchronised("acronym", "kind", "website")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name

    def clean(self) -> None:
        super().clean()
        seen = {self.pk} if self.pk is not None else set()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"parent": _("An organisation cannot be part of itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Person(TranslatableMixin, index.Indexed, ContactDetails):
    """A member of staff or a coordinator people can contact; choose what of them is public."""

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=255, blank=True, help_text=_("e.g. Koordynatorka projektu."))
    department = models.CharField(_("department"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    is_public = models.BooleanField(
        _("shown publicly"),
        default=True,
        help_text=_("Untick to keep this person out of the website, the API and feeds entirely."),
    )
    show_email = models.BooleanField(_("show e-mail publicly"), default=True)
    show_phone = models.BooleanField(_("show phone publicly"), default=True)
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("For the team only: never shown on the website or sent through the API."),
    )

    edit_handler = TabbedInterface(
        [
            Tab(
                [
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("role"), FieldPanel("department")]),
                    FieldPanel("organisation"),
                ],
                heading=_("Person"),
                name="person",
            ),
            Tab(
                [FieldPanel("email"), FieldPanel("phone"), FieldPanel("office_hours")],
                heading=_("Contact"),
                name="contact",
            ),
            Tab(
                [
                    MultiFieldPanel(
                        [FieldPanel("is_public"), FieldPanel("show_email"), FieldPanel("show_phone")],
                        heading=_("What is public"),
                    ),
                    FieldPanel("internal_notes"),
                ],
                heading=_("Privacy"),
                name="privacy",
            ),
        ]
    )
    # Only what a person made public: e-mail and phone are null unless shown; internal fields never.
    api_fields = [
        APIField("name"),
        APIField("role"),
        APIField("department"),
        APIField("organisation", serializer=OrganisationField()),
        APIField("email", serializer=InstanceField(person_email)),
        APIField("phone", serializer=InstanceField(person_phone)),
        APIField("office_hours", serializer=InstanceField(contact_hours)),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("department"),
        index.FilterField("organisation"),
        index.FilterField("is_public"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = synchronised(
        "name", "email", "phone", "office_hours", "is_public", "show_email", "show_phone", "internal_notes"
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name

    @property
    def public_email(self) -> str:
        return public_email(self)

    @property
    def public_phone(self) -> str:
        return public_phone(self)


class Office(TranslatableMixin, index.Indexed, ContactDetails):
    """An office of an organisation where people can call, write or come in."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="offices"
    )
    name = models.CharField(
        _("name"), max_length=255, help_text=_("How people know it, e.g. Konin or Biuro w Poznaniu.")
    )
    street_address = models.CharField(_("street address"), max_length=255, help_text=_("e.g. ul. Wrzosowa 7"))
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")])],
            heading=_("Address"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("office_hours")], heading=_("Contact")),
    ]
    api_fields = [
        APIField("name"),
        APIField("organisation", serializer=OrganisationField()),
        APIField("address", serializer=InstanceField(office_address)),
        APIField("email", serializer=InstanceField(contact_email)),
        APIField("phone", serializer=InstanceField(contact_phone)),
        APIField("office_hours", serializer=InstanceField(contact_hours)),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.SearchField("street_address"),
        index.FilterField("organisation"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = synchronised(
        "street_address", "postal_code", "city", "email", "phone", "office_hours"
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.organisation.name}: {self.name}"

    @property
    def address_lines(self) -> list[str]:
        return [self.street_address, f"{self.postal_code} {self.city}".strip()]
