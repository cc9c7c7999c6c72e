"""The demo's partner side: a preview target pointing at the demo partner's preview page (/partners/demo/preview/)."""

from collections.abc import Callable

from django.conf import settings
from wagtail.models import Site

from projects.models import PreviewTarget

DEMO_TARGET_NAME = "Partner demo"


def ensure_demo_preview_target(progress: Callable[[str], None]) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    url_template = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/partners/demo/preview/?token={token}"
    _target, created = PreviewTarget.objects.update_or_create(
        site=site, name=DEMO_TARGET_NAME, defaults={"url_template": url_template}
    )
    progress(f"Preview target “{DEMO_TARGET_NAME}” {'added' if created else 'kept'}: {url_template}")
