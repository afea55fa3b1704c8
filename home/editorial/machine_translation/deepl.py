"""DeepL through its official SDK, with the association's glossary."""

import hashlib
import threading

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

import deepl

from home.editorial.machine_translation import glossary_entries

_glossary_ids: dict[str, str] = {}
_lock = threading.Lock()


def glossary_name(entries: dict[str, str]) -> str:
    """Named after its content: a changed glossary file makes (and uses) a new DeepL glossary."""
    digest = hashlib.sha256(repr(sorted(entries.items())).encode()).hexdigest()[:12]
    return f"cdats-zh-en-{digest}"


class DeepLGlossaryTranslator(BaseMachineTranslator):
    display_name = "DeepL"

    def __init__(self, options):
        super().__init__(options)
        self.client = deepl.Translator(options["AUTH_KEY"], server_url=options.get("SERVER_URL") or None)

    def can_translate(self, source_locale, target_locale) -> bool:
        return source_locale.language_code.startswith("zh") and target_locale.language_code.startswith("en")

    def glossary_id(self) -> str:
        """The DeepL glossary of our terms: found by name, created once if missing, remembered per process."""
        entries = glossary_entries()
        name = glossary_name(entries)
        with _lock:
            if name not in _glossary_ids:
                existing = next((g for g in self.client.list_glossaries() if g.name == name), None)
                glossary = existing or self.client.create_glossary(name, "ZH", "EN", entries)
                _glossary_ids[name] = glossary.glossary_id
            return _glossary_ids[name]

    def translate(self, source_locale, target_locale, strings):
        results = self.client.translate_text(
            [string.data for string in strings],
            source_lang="ZH",
            target_lang="EN-GB",
            glossary=self.glossary_id(),
            # Segments carry inline markup (<b>, <a id="a1">): DeepL keeps XML tags in place.
            tag_handling="xml",
        )
        return {string: StringValue(result.text) for string, result in zip(strings, results, strict=True)}
