"""What the web admin shows, and how each table may be changed.

Categories, products, photos and variants are edited under the bot's rules
(`catalogue_rules`, `photos`) and every write is audited (`audit_hooks`, or the bot's
own operations for deletes). Orders (with their items), users, admins and the audit log
are read-only: orders move through the order processor's states, users and admins are
managed in the bot, and the log is the record. `PUT` (replace a whole row) and
"delete every row" are refused everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from piccolo.table import Table
from piccolo_admin.endpoints import TableConfig
from piccolo_api.crud.endpoints import PiccoloCRUD
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.crud.validators import Validators
from pyrogram import Client
from starlette.requests import Request

from config import Settings
from models.admins import Admin, AuditLog
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.orders import Order, OrderItem
from models.users import User
from web_admin.acting import refuse
from web_admin.audit_hooks import audit_hooks, fill_defaults
from web_admin.catalogue_rules import category_hooks, product_hooks
from web_admin.channel import Channel
from web_admin.photos import photo_hooks, photo_storage
from web_admin.variant_rules import variant_hooks

CATALOGUE = "Catalogue"
RECORDS = "Records (read-only)"


Validator = Callable[[PiccoloCRUD, Request], Coroutine[Any, Any, Any] | None]


def _read_only(piccolo_crud: PiccoloCRUD, request: Request) -> None:
    raise refuse("Read-only here: this is changed in the bot.", 405)


def _never(piccolo_crud: PiccoloCRUD, request: Request) -> None:
    raise refuse("Not allowed in the web admin.", 405)


def grouped(hooks: Sequence[Hook]) -> list[Hook]:
    """`hooks` with each kind together, in their order: piccolo_api groups hooks with
    `itertools.groupby` unsorted, so a kind that came back later would replace the
    earlier run of it."""
    return sorted(hooks, key=lambda hook: hook.hook_type.value)


def _never_validator() -> Validator:
    return _never


def _editable(table: type[Table], rules: Sequence[Hook], **options: object) -> TableConfig:
    return TableConfig(
        table,
        hooks=grouped([*rules, Hook(HookType.pre_save, fill_defaults), *audit_hooks(table)]),
        validators=Validators(put_single=[_never_validator()], delete_all=[_never_validator()]),
        menu_group=CATALOGUE,
        **options,  # type: ignore[arg-type]
    )


def _read_only_table(table: type[Table]) -> TableConfig:
    refusals: list[Validator] = [_read_only]
    return TableConfig(
        table,
        validators=Validators(
            post_single=refusals,
            put_single=refusals,
            patch_single=refusals,
            delete_single=refusals,
            delete_all=refusals,
        ),
        menu_group=RECORDS,
    )


def table_configs(settings: Settings, media_dir: Path, client: Client | None) -> list[TableConfig]:
    """Every table of the web admin; `media_dir` holds uploaded photos, `client` (when
    given) edits and takes down products' channel posts."""
    channel = Channel(client, settings)
    return [
        _editable(Category, category_hooks()),
        _editable(Product, product_hooks(channel)),
        _editable(ProductPhoto, photo_hooks(media_dir), media_storage=[photo_storage(media_dir)]),
        _editable(ProductVariant, variant_hooks(channel)),
        _read_only_table(Order),
        _read_only_table(OrderItem),
        _read_only_table(User),
        _read_only_table(Admin),
        _read_only_table(AuditLog),
    ]
