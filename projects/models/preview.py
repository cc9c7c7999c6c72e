"""Where drafts can be previewed (per site), and the drafts handed out for preview behind a token."""

import string
import uuid

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

# What a URL template may contain: {token} is required.
URL_TEMPLATE_FIELDS = frozenset({"token", "api_url", "page_id", "type", "locale"})


def validate_url_template(value: str) -> None:
    try:
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(value) if name is not None}
    except ValueError as error:
        raise ValidationError(_("The URL template is not well formed: %(error)s"), params={"error": error}) from error
    unknown = fields - URL_TEMPLATE_FIELDS
    if unknown:
        raise ValidationError(
            _("Unknown placeholders %(unknown)s; use {token}, {api_url}, {page_id}, {type} and {locale}."),
            params={"unknown": ", ".join(sorted(f"{{{name}}}" for name in unknown))},
        )
    if "token" not in fields and "api_url" not in fields:
        raise ValidationError(_("The URL template must contain {token} or {api_url}."))
    if not value.startswith(("https://", "http://")):
        raise ValidationError(_("The URL template must start with https:// or http://."))


class PreviewTarget(models.Model):
    """A partner front end on which editors can preview drafts of this site's pages."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The site whose pages preview there."),
    )
    name = models.CharField(_("name"), max_length=60, help_text=_("Shown in the preview's mode menu."))
    url_template = models.CharField(
        _("URL template"),
        max_length=500,
        validators=[validate_url_template],
        help_text=_(
            "The front end's preview address, e.g. https://partner.example.org/preview?token={token}. "
            "Placeholders: {token}, {api_url} (where to fetch the draft), {page_id}, {type}, {locale}."
        ),
    )

    class Meta:
        verbose_name = _("preview target")
        verbose_name_plural = _("preview targets")
        ordering = ["site", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def mode_name(self) -> str:
        return f"target-{self.pk}"


class PreviewDraft(models.Model):
    """A draft as an editor previewed it (Wagtail's revision JSON), readable with a token until it expires."""

    key = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(encoder=DjangoJSONEncoder)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("previewed draft")
        verbose_name_plural = _("previewed drafts")

    def __str__(self) -> str:
        return f"{self.page_id} ({self.expires_at:%Y-%m-%d %H:%M})"
