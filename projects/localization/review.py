"""Submitting a translated page for review: wagtail-localize's editor can only publish, not start a workflow."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation

from .sync import save_draft


class ReviewError(Exception):
    """The translation cannot be submitted for review; the message says why."""


@transaction.atomic
def submit_for_review(translation: Translation, user) -> Page:
    """Save the translated strings as a draft revision of the page and start its moderation workflow."""
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise ReviewError(_("Only pages go through review; snippets are saved as they are translated."))
    if not page.permissions_for_user(user).can_edit():
        raise ReviewError(_("You may not edit this page."))
    if page.workflow_in_progress:
        raise ReviewError(_("This translation is already waiting for review."))
    workflow = page.get_workflow()
    if workflow is None:
        raise ReviewError(_("No moderation workflow covers this page: ask an editor to publish it."))
    try:
        save_draft(translation, user=user)
    except ValidationError as error:
        raise ReviewError("; ".join(error.messages)) from error
    page = Page.objects.get(pk=page.pk).specific
    workflow.start(page, user)
    return page
