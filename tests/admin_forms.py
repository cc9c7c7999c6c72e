"""POST data and error reading for the Wagtail admin's page and snippet forms."""

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

# Every InlinePanel of a page type: the editor always posts their management forms.
PAGE_FORMSETS = {
    "homepage": [],
    "fundingprogramindexpage": [],
    "projectindexpage": [],
    "eventreportindexpage": [],
    "fundingprogrampage": [],
    "projectpage": ["partners", "coordinators", "funding", "source_notes"],
    "eventreportpage": ["goals", "outcomes", "organisers", "moderators", "participants", "source_notes"],
}


def page_post(model_name: str, fields: dict[str, Any], **formsets: list[dict] | dict) -> dict[str, str]:
    """What the page editor posts: the fields, every inline formset (empty unless given) and no comments."""
    data = {"comments": inline_formset([])}
    for name in PAGE_FORMSETS[model_name]:
        rows = formsets.get(name, [])
        # A ready formset (with existing rows counted as initial) passes through as it is.
        data[name] = rows if isinstance(rows, dict) else inline_formset(rows)
    data.update(fields)
    return nested_form_data(data)


def _messages(error: ValidationError) -> list[str]:
    children = []
    for attribute in ("non_block_errors", "block_errors"):
        nested = getattr(error, attribute, None)
        if nested is None:
            continue
        values = nested.values() if isinstance(nested, dict) else nested.as_data()
        children.extend(values)
    if hasattr(error, "block_errors"):
        return [message for child in children for message in _messages(child)]
    return [str(message) for message in error.messages]


def form_errors(form: BaseForm) -> dict[str, list[str]]:
    """All error messages of a form, its StreamField blocks and its inline formsets, keyed by field.

    Messages are lazy: they are read in English, the language the test editor's admin speaks.
    """
    with translation.override("en"):
        return _form_errors(form)


def _form_errors(form: BaseForm) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, field_errors in form.errors.as_data().items():
        errors[field] = [message for error in field_errors for message in _messages(error)]
    for name, formset in getattr(form, "formsets", {}).items():
        for index, child in enumerate(formset.forms):
            for field, messages in _form_errors(child).items():
                errors[f"{name}-{index}-{field}"] = messages
        if formset.non_form_errors():
            errors[f"{name}-__all__"] = [str(message) for message in formset.non_form_errors()]
    return errors


def all_messages(form: BaseForm) -> list[str]:
    return [message for messages in form_errors(form).values() for message in messages]
