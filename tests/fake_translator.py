"""A machine translator for tests: marks each string instead of calling a service, and counts its calls."""

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue


class FakeTranslator(BaseMachineTranslator):
    display_name = "Fake"
    calls: list[list[str]] = []

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        FakeTranslator.calls.append([string.data for string in strings])
        return {string: StringValue(f"[{target_locale.language_code}] {string.data}") for string in strings}

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code
