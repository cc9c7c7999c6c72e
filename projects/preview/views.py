"""The preview endpoint: ``/api/preview/?token=…`` answers the previewed draft, as the API's detail would.

Never cached (``private, no-store``); a missing, forged, expired or used-up token is a JSON 4xx. The token
names one draft of one page and nothing else accepts it.
"""

from django.http import HttpRequest, JsonResponse
from django.utils import timezone

from ..models import PreviewDraft
from ..models.preview_tokens import read_token
from .representation import draft_detail

NO_STORE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=status, headers=NO_STORE)


def draft_preview(request: HttpRequest) -> JsonResponse:
    if request.method not in ("GET", "HEAD"):
        return _error(405, "Only GET is allowed.")
    unknown = sorted(set(request.GET) - {"token"})
    if unknown:
        return _error(400, f"query parameter is not allowed: {', '.join(unknown)}")
    token = request.GET.get("token", "")
    if not token:
        return _error(400, "token= is required: the preview address the editor's front end was given carries it.")
    found = read_token(token)
    draft = (
        PreviewDraft.objects.filter(key=found[0], page_id=found[1], expires_at__gt=timezone.now())
        .select_related("page")
        .first()
        if found
        else None
    )
    if draft is None:
        return _error(403, "The preview token is invalid or has expired: preview the page again in the admin.")
    page = draft.page.specific.with_content_json(draft.content)
    detail = draft_detail(page)
    if detail is None:
        return _error(404, "This page belongs to no site the API serves.")
    return JsonResponse(detail, headers=NO_STORE, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
