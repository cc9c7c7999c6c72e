"""A draft standing in for its page while the pages endpoint answers in-process (headless preview).

Outside ``serving_draft`` nothing changes: public requests never see a draft.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models import Page

_draft: ContextVar[Page | None] = ContextVar("kronika_api_draft", default=None)


@contextmanager
def serving_draft(page: Page) -> Iterator[None]:
    token = _draft.set(page)
    try:
        yield
    finally:
        _draft.reset(token)


def draft_for(page_id: object) -> Page | None:
    """The draft being served in place of the page with this id, if any."""
    draft = _draft.get()
    return draft if draft is not None and str(draft.pk) == str(page_id) else None
