"""A draft in the public API's detail shape: the pages endpoint itself answers, with the draft in the page's place."""

import json

from wagtail.models import Page

from ..api.caching import api_detail_path
from ..api.drafts import serving_draft
from ..api.inprocess import anonymous_site_request, call_view
from ..api.stored import recording


def draft_detail(page: Page) -> dict | None:
    """What /api/v2/pages/<id>/?fields=* would answer if the draft were live; None when its site is unknown.

    The request is anonymous, so chosen people, organisations and pages are shown only as the public API shows
    them. Snapshots are not read (they hold the live version): ``recording`` builds the page live.
    """
    site = page.get_site()
    path = api_detail_path("pages", page.pk)
    request = anonymous_site_request(site, path, {"fields": "*"}) if site is not None and path else None
    if request is None:
        return None
    with serving_draft(page), recording():
        response = call_view(request)
    if response is None or response.status_code != 200:
        return None
    return json.loads(response.content)
