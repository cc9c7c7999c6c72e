"""Preview modes of pages: the site's own templates first, then each preview target of the page's site."""

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Page

from .preview import PreviewDraft, PreviewTarget
from .preview_tokens import expiry, make_token

TARGET_PREFIX = "target-"


def targets_for(page: Page) -> list[PreviewTarget]:
    """The preview targets of the page's site; none for a page never saved (the front end could not read it)."""
    if page.pk is None:
        return []
    site = page.get_site()
    return list(PreviewTarget.objects.filter(site=site)) if site is not None else []


def preview_url(request: HttpRequest, page: Page, target: PreviewTarget) -> str:
    """Store the draft as previewed, and fill the target's URL template with a fresh token for it."""
    PreviewDraft.objects.filter(expires_at__lt=timezone.now()).delete()
    draft = PreviewDraft.objects.create(page_id=page.pk, content=page.serializable_data(), expires_at=expiry())
    token = make_token(str(draft.key), page.pk)
    api_url = request.build_absolute_uri(reverse("kronika-preview") + "?" + urlencode({"token": token}))
    # Each value is URL-encoded, so it can stand in a query string: {api_url} carries its own "?token=".
    return target.url_template.format(
        token=quote(token, safe=""),
        api_url=quote(api_url, safe=""),
        page_id=page.pk,
        type=quote(page._meta.label, safe=""),
        locale=page.locale.language_code if page.locale_id else "",
    )


class PreviewTargetsMixin:
    """Adds a preview mode per preview target of the page's site; the default mode stays the site's templates."""

    @property
    def preview_modes(self) -> list[tuple[str, str]]:
        modes = list(super().preview_modes)
        return modes + [(target.mode_name, target.name) for target in targets_for(self)]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        if mode_name.startswith(TARGET_PREFIX):
            target = next((t for t in targets_for(self) if t.mode_name == mode_name), None)
            if target is not None:
                return HttpResponseRedirect(preview_url(request, self, target))
        return super().serve_preview(request, mode_name)
