"""The superadmin's live progress message: edited in place, at most every few seconds.

The message is the one the author pressed Confirm on (its ids are stored on the
broadcast), so after a restart the same message goes on showing the progress. Edits
never stop a broadcast: a flood wait, a deleted message or a network error skips
that edit, and the next one tries again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import anyio
from loguru import logger
from pyrogram import Client
from pyrogram.errors import FloodWait
from pyrogram.errors.rpc_error import RPCError

from actors.names import BROADCAST_SENDER
from bot.callbacks import CallbackCodec
from bot.language import Language
from bot.screens import edit_message
from bot.superadmin.broadcasts.views import ButtonMaker, Snapshot, progress_keyboard, progress_text
from models.broadcasts import Broadcast, language_of


@dataclass
class ProgressMessage:
    client: Client
    chat_id: int | None
    message_id: int | None
    language: Language
    button: ButtonMaker
    _shown: str | None = None

    async def show(self, snapshot: Snapshot) -> None:
        if self.chat_id is None or self.message_id is None:
            return
        body = progress_text(snapshot, self.language)
        keyboard = progress_keyboard(snapshot, self.language, self.button)
        shown = f"{snapshot.status}\n{body}"
        if shown == self._shown:
            return
        actor_log = logger.bind(actor=BROADCAST_SENDER, broadcast=snapshot.broadcast_id)
        try:
            await edit_message(
                self.client, self.chat_id, self.message_id, body, reply_markup=keyboard
            )
        except FloodWait as flood:
            actor_log.info("progress edit skipped: flood wait {} s", flood.value)
            return
        except (RPCError, OSError) as error:
            actor_log.warning("progress edit failed: {!r}", error)
            return
        self._shown = shown


async def progress_message(
    client: Client, codec: CallbackCodec, broadcast: Broadcast
) -> ProgressMessage:
    """The progress message of `broadcast`, in its author's language, with buttons the
    author (whose id the callback data is signed for) can press."""
    language: Language = "en" if await language_of(int(broadcast.author_id)) == "en" else "ru"
    return ProgressMessage(
        client,
        broadcast.progress_chat_id,
        broadcast.progress_message_id,
        language,
        partial(codec.encode, int(broadcast.author_id)),
    )


@dataclass
class RateMeter:
    """Recipients done a second, over the last `window` seconds."""

    window: float = 10.0
    clock: Callable[[], float] = anyio.current_time
    _samples: deque[tuple[float, int]] = field(default_factory=deque)

    def sample(self, done: int) -> float | None:
        now = self.clock()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self.window:
            self._samples.popleft()
        first_time, first_done = self._samples[0]
        if now - first_time < 1.0:
            return None
        return (done - first_done) / (now - first_time)

    def reset(self) -> None:
        self._samples.clear()
