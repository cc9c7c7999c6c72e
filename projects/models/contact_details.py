"""Contact fields shared by people and offices: typed as written, stored normalised too."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..office_hours import office_hours_as_data, parse_office_hours
from ..phones import normalise_phone, normalise_phone_or_blank


class ContactDetails(models.Model):
    """E-mail, phone and office hours; the normalised forms are derived, never typed."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("As you want it shown, e.g. 61 887-11-66. It is also stored in the international form for links."),
    )
    phone_e164 = models.CharField(_("phone (international form)"), max_length=20, blank=True, editable=False)
    office_hours = models.CharField(
        _("office hours"),
        max_length=120,
        blank=True,
        help_text=_("As you want them shown, e.g. 8:00–16:00 or pon.–pt. 8.00 – 16.00; sob. 9–13."),
    )
    office_hours_ranges = models.JSONField(_("office hours (structured)"), default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # Saves that skip validation (imports, shell) still keep the derived forms in step.
        self.phone_e164 = normalise_phone_or_blank(self.phone)
        self.office_hours_ranges = office_hours_as_data(self.office_hours)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors = {}
        try:
            self.phone_e164 = normalise_phone(self.phone) if self.phone.strip() else ""
        except ValidationError as error:
            errors["phone"] = error
        try:
            self.office_hours_ranges = [r.as_dict() for r in parse_office_hours(self.office_hours)]
        except ValidationError as error:
            errors["office_hours"] = error
        if errors:
            raise ValidationError(errors)
