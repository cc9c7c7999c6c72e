"""The pages the public API may show: live, not restricted for this request, and on the request's site."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.db.models.lookups import In
from django.http import HttpRequest
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, PageViewRestriction

NOTHING = Q(pk__in=[])


def site_root(request: HttpRequest) -> Page | None:
    """The root page of the request's site (or of ?site=); None when no site answers.

    Raises ValueError for a `site` parameter that matches several sites, as Wagtail's does.
    """
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    return None if site is None else site.root_page  # loaded with the site


def root_translations(root: Page) -> QuerySet:
    """The site's root page and its translations: the public pages are those below one of them."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return Page.objects.filter(pk=root.pk)
    return Page.objects.filter(translation_key=root.translation_key)


def public_condition(request: HttpRequest, root: Page | None) -> Q:
    """Wagtail's get_public_pages_queryset as one condition on the page's own columns, for any page model.

    Wagtail keeps the pages below the site's root page and each of its translations. Asked as a
    correlated subquery per page (is one of those roots a prefix of this page's path?), the database
    evaluates it for every live page before it can count, order or stop at the first 20, so a listing
    costs more the more pages there are. Translations of a root page sit at its depth (each is placed
    under the translation of the root's parent), so here the question is whether the first
    ``depth`` steps of the page's path are one of the roots' paths: one small list, computed once per
    query, and a prefix test per page that leaves the database free to walk the path index in order.
    A translation of the root at another depth (moved by hand) is still honoured, by the old subquery,
    which is only asked of pages the first test rejects. View restrictions are prefixes, as in Wagtail.
    ``root`` is the request's site_root.
    """
    condition = Q(live=True)
    for restriction in PageViewRestriction.objects.select_related("page"):
        if not restriction.accept_request(request):
            condition &= ~Q(path__startswith=restriction.page.path)
    if root is None:
        return NOTHING
    translations = root_translations(root)
    prefix = Substr("path", 1, root.depth * Page.steplen)
    below_a_root = In(prefix, translations.filter(depth=root.depth).values("path"))
    below_a_moved_root = Exists(
        translations.exclude(depth=root.depth).filter(path=Substr(OuterRef("path"), 1, Length("path")))
    )
    return condition & (Q(below_a_root) | Q(below_a_moved_root))


def public_pages(request: HttpRequest) -> QuerySet:
    """The public pages as a Page queryset (on a site with one language, Wagtail's own)."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return get_public_pages_queryset(request)
    return Page.objects.filter(public_condition(request, site_root(request)))
