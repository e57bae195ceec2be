"""Every text a user reads, in Russian and English, one module per feature.

Each feature module (found, not listed: add a file) defines `RU` and `EN` (same keys, same
placeholders: a test checks). Keys are prefixed by feature (`cart.total`), so modules
never collide.
"""

import importlib
import pkgutil
from types import ModuleType

from bot.language import Language


def _feature_modules() -> tuple[ModuleType, ...]:
    """Every module of this package, found rather than listed, so a new feature adds its
    texts by adding a file."""
    return tuple(
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    )


FEATURES = _feature_modules()


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
