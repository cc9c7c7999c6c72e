"""The demo's partner side: a preview target for the demo partner's preview page; a second run changes nothing."""

from django.core.management.base import BaseCommand

from home.demo.partners import ensure_demo_preview_target


class Command(BaseCommand):
    help = (
        "Add the preview target “Partner demo” (the page /partners/demo/preview/ of this site, at "
        "WAGTAILADMIN_BASE_URL) to the default site, so editors can preview drafts as a partner's front end would."
    )

    def handle(self, *args, **options) -> None:
        ensure_demo_preview_target(self.stdout.write)
