"""Admin views: the translation status report, bulk machine translation, and locale-guarded translation views."""

import uuid
from collections import Counter
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

from .locales import target_locales
from .machine import machine_translator, source_objects
from .po import POImportError, import_po, parse_po
from .review import ReviewError, submit_for_review
from .roles import editable_language_codes, user_may_change_locale
from .status import TranslationState, translation_status_map
from .tasks import read_progress, translate_missing_task, write_progress


@dataclass
class StatusRow:
    """One page or snippet with its state in each target locale."""

    object: Page | TranslatableMixin
    type_name: str
    type_label: str
    edit_url: str | None
    states: dict[str, TranslationState]
    translation_ids: dict[str, int]
    # Where each language's badge leads: the translation's editor, or the form that starts a missing one.
    badge_urls: dict[str, str]


@dataclass
class LocaleCoverage:
    """How much of the content one locale has, as counts and percentages for the chart."""

    locale: Locale
    counts: dict[str, int]
    total: int

    def percent(self, state: str) -> float:
        return round(100 * self.counts.get(state, 0) / self.total, 1) if self.total else 0.0

    @property
    def up_to_date_percent(self) -> float:
        return self.percent(TranslationState.UP_TO_DATE)

    @property
    def bars(self) -> list[tuple[str, str, int, float]]:
        shown = [TranslationState.UP_TO_DATE, TranslationState.OUT_OF_DATE, TranslationState.MISSING]
        return [(state.value, state.label, self.counts.get(state, 0), self.percent(state)) for state in shown]


def _type_name(obj: object) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _start_translation_url(obj: Page | TranslatableMixin) -> str:
    if isinstance(obj, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[obj.pk])
    return reverse(
        "wagtail_localize:submit_snippet_translation", args=[obj._meta.app_label, obj._meta.model_name, quote(obj.pk)]
    )


def _translation_edit_urls(objects: list, codes: list[str], finder: AdminURLFinder) -> dict[tuple, str]:
    """{(translation_key, language code): admin edit URL} of every existing translation of the objects."""
    by_model: dict[type, list] = {}
    for obj in objects:
        by_model.setdefault(Page if isinstance(obj, Page) else type(obj), []).append(obj.translation_key)
    urls = {}
    for model, keys in by_model.items():
        translations = model.objects.filter(translation_key__in=keys, locale__language_code__in=codes)
        for translation in translations.select_related("locale"):
            url = finder.get_edit_url(translation)
            if url:
                urls[(translation.translation_key, translation.locale.language_code)] = url
    return urls


def _badge_urls(obj, codes: list[str], edit_urls: dict[tuple, str]) -> dict[str, str]:
    return {code: edit_urls.get((obj.translation_key, code)) or _start_translation_url(obj) for code in codes}


def status_rows(user) -> list[StatusRow]:
    objects = source_objects()
    states = translation_status_map(objects)
    finder = AdminURLFinder(user)
    codes = [locale.language_code for locale in target_locales()]
    translation_ids: dict[tuple, int] = {
        (key, code): pk
        for key, code, pk in Translation.objects.filter(
            source__object_id__in=[obj.translation_key for obj in objects], enabled=True
        ).values_list("source__object_id", "target_locale__language_code", "pk")
    }
    edit_urls = _translation_edit_urls(objects, codes, finder)
    return [
        StatusRow(
            object=obj,
            type_name=_type_name(obj),
            type_label=str(obj._meta.verbose_name),
            edit_url=finder.get_edit_url(obj),
            states={code: states[(obj.translation_key, code)] for code in codes},
            translation_ids={
                code: translation_ids[(obj.translation_key, code)]
                for code in codes
                if isinstance(obj, Page) and (obj.translation_key, code) in translation_ids
            },
            badge_urls=_badge_urls(obj, codes, edit_urls),
        )
        for obj in objects
    ]


class StatusFilterForm(forms.Form):
    locale = forms.ChoiceField(label=gettext_lazy("Locale"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)

    def __init__(self, *args, type_choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = [("", _("All target locales"))] + [
            (locale.language_code, locale.get_display_name()) for locale in target_locales()
        ]
        self.fields["status"].choices = [("", _("Any status"))] + [
            (state.value, state.label) for state in TranslationState if state != TranslationState.SOURCE
        ]
        self.fields["type"].choices = [("", _("All types"))] + type_choices

    def keep(self, row: StatusRow) -> bool:
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("type") and row.type_name != data["type"]:
            return False
        locales = [data["locale"]] if data.get("locale") else list(row.states)
        return not data.get("status") or any(row.states.get(code) == data["status"] for code in locales)


class TranslationStatusReportView(ReportView):
    """Every page and snippet with its state in each locale, filters, and a chart of coverage per locale."""

    page_title = gettext_lazy("Translation status")
    header_icon = "site"
    index_url_name = "kronika_translation_status"
    index_results_url_name = "kronika_translation_status_results"
    template_name = "projects/localization/status_report.html"
    results_template_name = "projects/localization/status_report_results.html"
    paginate_by = 50

    def get_filtered_queryset(self) -> list[StatusRow]:
        self.all_rows = status_rows(self.request.user)
        types = sorted({(row.type_name, row.type_label.capitalize()) for row in self.all_rows}, key=lambda t: t[1])
        self.filter_form = StatusFilterForm(self.request.GET or None, type_choices=types)
        return [row for row in self.all_rows if self.filter_form.keep(row)]

    def get_queryset(self) -> list[StatusRow]:
        return self.get_filtered_queryset()

    def coverage(self) -> list[LocaleCoverage]:
        result = []
        for locale in target_locales():
            counts = Counter(row.states.get(locale.language_code) for row in self.all_rows)
            result.append(LocaleCoverage(locale, dict(counts), len(self.all_rows)))
        return result

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        translator = machine_translator()
        context.update(
            filter_form=self.filter_form,
            coverage=self.coverage(),
            locale_codes=[locale.language_code for locale in target_locales()],
            machine_translator=translator if user_may_bulk_translate(self.request.user) else None,
            machine_translation_off=translator is None,
            reviewable_codes=editable_language_codes(self.request.user) or set(),
            target_locales=target_locales(),
        )
        return context


def user_may_bulk_translate(user) -> bool:
    return user.is_superuser or user.has_perm("wagtail_localize.submit_translation")


@require_POST
def translate_missing_view(request: HttpRequest) -> HttpResponse:
    """Start machine-translating everything missing or out of date in the chosen locale."""
    if machine_translator() is None:
        raise Http404
    if not user_may_bulk_translate(request.user):
        raise PermissionDenied
    locale = next((loc for loc in target_locales() if loc.language_code == request.POST.get("locale")), None)
    if locale is None:
        messages.error(request, _("Choose one of the target locales."))
        return redirect("kronika_translation_status")
    run_id = uuid.uuid4().hex
    write_progress(run_id, locale=locale.language_code, done=0, total=0, current="", finished=False)
    translate_missing_task.enqueue(run_id, locale.language_code, request.user.pk)
    return redirect("kronika_translate_missing_progress", run_id=run_id)


def translate_missing_progress_view(request: HttpRequest, run_id: str) -> HttpResponse:
    progress = read_progress(run_id)
    if progress is None:
        raise Http404
    return TemplateResponse(
        request,
        "projects/localization/translate_missing_progress.html",
        {"progress": progress, "page_title": _("Machine translation"), "header_icon": "site"},
    )


def _guard_target_locale(view):
    """Refuse a translator whose locales do not include the translation's target locale."""

    @wraps(view)
    def guarded(request: HttpRequest, translation_id: int, *args, **kwargs) -> HttpResponse:
        translation = get_object_or_404(Translation.objects.select_related("target_locale"), id=translation_id)
        if not user_may_change_locale(request.user, translation.target_locale):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return guarded


edit_string_translation = _guard_target_locale(edit_translation.edit_string_translation)
edit_override = _guard_target_locale(edit_translation.edit_override)
machine_translate = _guard_target_locale(edit_translation.machine_translate)
stop_translation = _guard_target_locale(edit_translation.stop_translation)


@require_POST
@_guard_target_locale
def upload_pofile(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's PO upload, refusing with a clear message any file that does not fit: nothing changes."""
    translation = get_object_or_404(Translation, id=translation_id)
    if not edit_translation.user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise POImportError(_("Choose a PO file to upload."))
        count = import_po(translation, parse_po(upload.read()), user=request.user)
    except POImportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Imported %(count)d translations from the PO file.") % {"count": count})
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


@require_POST
@_guard_target_locale
def submit_for_review_view(request: HttpRequest, translation_id: int) -> HttpResponse:
    """A translator hands a translated page to the moderation workflow instead of publishing it."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        page = submit_for_review(translation, request.user)
    except ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(page)s” was submitted for review.") % {"page": page.get_admin_display_title()})
    return redirect(get_valid_next_url_from_request(request) or reverse("kronika_translation_status"))
