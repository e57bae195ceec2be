"""Piccolo's configuration: `APP_REGISTRY`, and `DB` built from `Settings` on first use.

`DB` is made lazily (module `__getattr__`), so importing this module reads no settings
and touches no database: the Piccolo CLI builds it from `load_settings()` when it first
asks (PostgreSQL when POSTGRES_HOST is set, else SQLite on SQLITE_PATH), and
`runtime.database.open_database` replaces it with the engine it opened
(`runtime.db_binding.bind_engine`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from piccolo.conf.apps import AppRegistry

if TYPE_CHECKING:
    from runtime.db_engine import DatabaseEngine

APP_REGISTRY = AppRegistry(apps=["models.piccolo_app"])


def __getattr__(name: str) -> DatabaseEngine:
    if name != "DB":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from config import load_settings
    from runtime.db_engine import build_engine

    engine = build_engine(load_settings())
    globals()["DB"] = engine
    return engine
