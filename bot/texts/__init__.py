"""Every text a user reads, in Russian and English, one module per feature.

Each feature module defines `RU` and `EN` (same keys, same placeholders: a test checks).
Keys are prefixed by feature (`cart.total`), so modules never collide.
"""

from bot.language import Language
from bot.texts import admin, broadcast, cart, catalog, checkout, common, menu, orders, superadmin

FEATURES = (common, menu, catalog, cart, superadmin, broadcast, checkout, orders, admin)


def _merge(language: Language) -> dict[str, str]:
    merged: dict[str, str] = {}
    for feature in FEATURES:
        table: dict[str, str] = feature.RU if language == "ru" else feature.EN
        overlap = merged.keys() & table.keys()
        if overlap:
            raise ValueError(f"text keys defined twice: {sorted(overlap)}")
        merged.update(table)
    return merged


TEXTS: dict[Language, dict[str, str]] = {"ru": _merge("ru"), "en": _merge("en")}


def text(key: str, language: Language, **values: object) -> str:
    return TEXTS[language][key].format(**values)
