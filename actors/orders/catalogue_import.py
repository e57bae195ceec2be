"""Applying a catalogue import: the `ImportCatalogue` part of the order processor.

The processor is the only writer of stock, so a CSV import that sets stock runs here,
between orders, as one transaction (`models.catalogue_upsert.apply_catalogue`, audited
in it). The outcome goes back on the command's one-shot reply stream without waiting:
an admin who stopped waiting (the handler timed out) costs a log line, nothing more.

Data the database refuses fails this import alone (`ImportFailed`, nothing changed);
other errors (a lost connection) propagate to the processor's retry, and applying the
same rows again is safe. The result names the variants whose stock went from 0 to more
(`restocked`) and from more to 0 (`sold_out`) for what follows stock (back-in-stock
notices, channel posts).
"""

from __future__ import annotations

import anyio
from loguru import logger

from actors.messages import ImportCatalogue, ImportFailed
from actors.names import ORDER_PROCESSOR
from bot.commands import ImportOutcome
from models.catalogue_upsert import apply_catalogue
from runtime.db_refusals import REFUSED_DATA, refusal_reason

orders_log = logger.bind(actor=ORDER_PROCESSOR)


async def import_catalogue(message: ImportCatalogue) -> ImportOutcome:
    """Apply the import, answer on its reply stream, and return the outcome."""
    outcome: ImportOutcome
    try:
        outcome = await apply_catalogue(message.rows, admin_id=message.admin_id)
    except REFUSED_DATA as error:
        outcome = ImportFailed(refusal_reason(error))
        orders_log.opt(exception=error).error(
            "catalogue import by {} refused by the database", message.admin_id
        )
    else:
        orders_log.info(
            "catalogue import by {}: {} lines, {}",
            message.admin_id,
            len(message.rows),
            outcome.counts(),
        )
    with message.reply:
        try:
            message.reply.send_nowait(outcome)
        except (anyio.BrokenResourceError, anyio.ClosedResourceError, anyio.WouldBlock):
            orders_log.warning("admin {} stopped waiting for the import", message.admin_id)
    return outcome
