"""Importing the catalogue: an admin sends a CSV document, the bot checks every line and
has the order processor apply the file (it alone writes stock), then says what changed.

A file with any bad line changes nothing: the answer names the first bad lines and why
(`models.catalogue_import`). The download is held once, in memory, and parsed as it is
decoded, in a worker thread so other updates go on meanwhile. The handler waits for the
order processor's answer at most `IMPORT_WAIT` seconds; past that it says so (the import
may still finish, and sending the same file again is safe).
"""

from __future__ import annotations

from io import BytesIO

import anyio
from pyrogram import Client, filters
from pyrogram.types import Message

from bot.commands import ImportCatalogue, ImportFailed, ImportOutcome
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen
from models.catalogue_import import CatalogueFile, ImportRow, LineError, read_catalogue

MAX_FILE_BYTES = 20 * 1024 * 1024
IMPORT_WAIT = 120.0
CSV_TYPES = frozenset({"text/csv", "text/comma-separated-values", "application/csv"})


async def _is_csv(_filter: object, _client: Client, message: Message) -> bool:
    document = message.document
    if document is None:
        return False
    name = (document.file_name or "").lower()
    return name.endswith(".csv") or document.mime_type in CSV_TYPES


csv_document = filters.create(_is_csv, "CsvDocument")


def error_line(request: Request, error: LineError) -> str:
    column = request.t(f"files.column.{error.column}") if error.column else ""
    return request.t(f"files.bad.{error.code}", line=error.line, column=column, other=error.other)


def refusal(request: Request, checked: CatalogueFile) -> str:
    shown = len(checked.errors)
    first = request.t("files.refused.first", shown=shown) if shown < checked.error_count else ""
    lines = "\n".join(f"• {error_line(request, error)}" for error in checked.errors)
    return request.t("files.refused", count=checked.error_count, first=first, lines=lines)


async def apply_in_processor(request: Request, rows: tuple[ImportRow, ...]) -> ImportOutcome | None:
    """Send the rows to the order processor and wait for its outcome (None: no answer
    within `IMPORT_WAIT`)."""
    reply, outcome = anyio.create_memory_object_stream[ImportOutcome](1)
    with outcome:
        await request.deps.orders.send(ImportCatalogue(request.user_id, rows, reply))
        with anyio.move_on_after(IMPORT_WAIT):
            try:
                return await outcome.receive()
            except anyio.EndOfStream:
                return None
    return None


async def receive_catalogue(request: Request, message: Message) -> None:
    document = message.document
    if document is None:
        return
    if (document.file_size or 0) > MAX_FILE_BYTES:
        await send_screen(request, request.t("files.too_big", megabytes=MAX_FILE_BYTES >> 20))
        return
    await send_screen(request, request.t("files.checking"))
    data = await request.client.download_media(message, in_memory=True)
    if not isinstance(data, BytesIO):
        raise TypeError(f"download_media gave {type(data).__name__}, not BytesIO")
    data.seek(0)
    checked = await anyio.to_thread.run_sync(read_catalogue, data)
    del data
    if not checked.ok:
        await send_screen(request, refusal(request, checked))
        return
    await send_screen(request, request.t("files.applying", lines=len(checked.rows)))
    outcome = await apply_in_processor(request, checked.rows)
    if outcome is None:
        await send_screen(request, request.t("files.no_answer"))
    elif isinstance(outcome, ImportFailed):
        await send_screen(request, request.t("files.import_failed", reason=outcome.reason))
    else:
        await send_screen(
            request, request.t("files.imported", lines=len(checked.rows), **outcome.counts())
        )


def register(router: Router) -> None:
    router.on_message(receive_catalogue, filters.private & csv_document)
