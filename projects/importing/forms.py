"""The admin form of the importer: where the drafts go, and the files to read."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from ..models import EventReportIndexPage, ProjectPage
from .conf import max_file_bytes
from .readers import SUFFIXES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked like a single FileField."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(sorted(SUFFIXES))}))
        # An empty file gets its own message from the reader; the others are still read.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return [single(item, initial) for item in files if item] or [single(None, initial)]


def parents_for(user) -> list[Page]:
    """Projects and report indexes in the source language under which the user may add pages."""
    source = Locale.get_default()
    candidates = [
        *ProjectPage.objects.filter(locale=source).order_by("title"),
        *EventReportIndexPage.objects.filter(locale=source).order_by("title"),
    ]
    return [page for page in candidates if page.permissions_for_user(user).can_add_subpage()]


class ImportForm(forms.Form):
    parent = forms.TypedChoiceField(
        label=_("Put the drafts under"),
        coerce=int,
        help_text=_("A project, or the report index for reports of no project."),
    )
    files = MultipleFileField(label=_("Files"))

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.parents = {page.pk: page for page in parents_for(user)}
        self.fields["parent"].choices = [
            (page.pk, f"{page.title} ({page.specific_class._meta.verbose_name})") for page in self.parents.values()
        ]
        self.fields["files"].help_text = _(
            ".txt, .md, .html or .docx files, several at once, up to %(limit)s MB each. "
            "You see a preview before anything is created."
        ) % {"limit": max_file_bytes() // (1024 * 1024)}

    def clean_parent(self) -> Page:
        return self.parents[self.cleaned_data["parent"]]
