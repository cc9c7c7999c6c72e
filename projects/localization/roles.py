"""The translator role: edit translations in one's own locales and submit them for review, nothing more.

Pages: the group may edit (not publish) the subtree of each of its locales' home pages, so a translator
submits to the moderation workflow and an editor publishes. Snippets have no subtree: Django's change
permission is global, so a per-locale permission (“Can translate into English”) limits which locale's
snippets and translations a translator may change. Users without any such permission are not limited.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupPagePermission, Locale, Page, Site, TranslatableMixin

from ..models import Office, Organisation, Person

LOCALE_PERMISSION_PREFIX = "translate_into_"
TRANSLATED_SNIPPETS = (Organisation, Person, Office)


class TranslatorSetupError(Exception):
    """The group cannot be set up as asked, e.g. a locale has no home page yet."""


def locale_permission(locale: Locale) -> Permission:
    """The permission to change content in this locale, created on first use."""
    permission, _created = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Locale),
        codename=f"{LOCALE_PERMISSION_PREFIX}{locale.language_code}",
        defaults={"name": f"Can translate into {locale.get_display_name()}"[:255]},
    )
    return permission


def editable_language_codes(user) -> set[str] | None:
    """The language codes a translator may change, or None when the user is not limited to some."""
    if not user.is_active or user.is_superuser:
        return None
    prefix = f"wagtailcore.{LOCALE_PERMISSION_PREFIX}"
    codes = {perm.removeprefix(prefix) for perm in user.get_all_permissions() if perm.startswith(prefix)}
    return codes or None


def user_may_change_locale(user, locale: Locale) -> bool:
    codes = editable_language_codes(user)
    return codes is None or locale.language_code in codes


def user_may_change_instance(user, instance: object) -> bool:
    """Whether the locale of a translatable object is one the user may change."""
    return not isinstance(instance, TranslatableMixin) or user_may_change_locale(user, instance.locale)


def locale_home_pages(locale: Locale) -> list[Page]:
    """The home page of every site, in the locale."""
    roots = Page.objects.filter(pk__in=Site.objects.values("root_page_id"))
    return list(Page.objects.filter(translation_key__in=roots.values("translation_key"), locale=locale))


def group_name(locales: Iterable[Locale]) -> str:
    return f"Translators ({', '.join(sorted(locale.language_code for locale in locales))})"


@transaction.atomic
def setup_translator_group(locales: list[Locale]) -> Group:
    """Create or update the group of translators into these locales; running it again changes nothing."""
    missing = [locale.language_code for locale in locales if not locale_home_pages(locale)]
    if missing:
        raise TranslatorSetupError(
            f"There is no home page in {', '.join(missing)} yet: translate the home page first (setup_locales)."
        )
    return _grant(locales)


@transaction.atomic
def setup_language_translator_group(locale: Locale) -> Group:
    """The group of translators into one language ("Translators (en)"), which an admin gives in Settings → Users.

    Made when the locale is; the locale's home pages are added to what it may edit as soon as they exist
    (setup_locales, or the home page's translation being published). Without them, its members may only
    change the language's snippets.
    """
    return _grant([locale])


def _grant(locales: list[Locale]) -> Group:
    group, _created = Group.objects.get_or_create(name=group_name(locales))
    snippet_permissions = Permission.objects.filter(
        content_type__in=ContentType.objects.get_for_models(*TRANSLATED_SNIPPETS).values(),
        codename__startswith="change_",
    )
    # During the first migrate, the locales come before some permissions exist: a later run adds them.
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(*admin_access, *snippet_permissions, *(locale_permission(locale) for locale in locales))
    change_page = Permission.objects.filter(content_type__app_label="wagtailcore", codename="change_page").first()
    if change_page is not None:
        for locale in locales:
            for page in locale_home_pages(locale):
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=change_page)
    return group
