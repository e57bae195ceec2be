"""Point Piccolo at one engine: the tables, its migration table and `piccolo_conf.DB`.

Piccolo finds its engine in two ways. A table uses `Table._meta.db`, resolved once from
`piccolo_conf.DB` and then cached on the class. The migration machinery calls
`engine_finder()` every time, which reads `DB` from the `piccolo_conf` module (or the one
PICCOLO_CONF names), including for the throwaway table classes it builds while
migrating. Binding sets all of them, so `open_database(settings)` migrates and queries
exactly the database that `settings` names (tests point everything at a throwaway one).
"""

from __future__ import annotations

from typing import Any

from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import Finder
from piccolo.engine.base import Engine
from piccolo.table import Table


def bind_engine(engine: Engine[Any]) -> None:
    """Make `engine` the one every registered table and Piccolo itself use from now on."""
    finder = Finder()
    conf = finder.get_piccolo_conf_module()
    if conf is None:
        raise RuntimeError("piccolo_conf cannot be imported; run from the project root")
    conf.DB = engine
    tables: list[type[Table]] = [*finder.get_table_classes(), Migration]
    for table in tables:
        table._meta.db = engine
