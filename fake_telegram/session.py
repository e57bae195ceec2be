"""The seam: a Kurigram `Session` whose `send` talks to the fake instead of a socket.

Everything above `Session.send` stays real: `Session.invoke` (FloodWait
sleep-and-retry, retries on 5xx), `RPCError.raise_it`, `Client.invoke`, the parsers.
`start()` sends what the real one sends after connecting (`InvokeWithLayer(
InitConnection(help.GetConfig))`) and tells the host it is live, so pushed updates
reach its client; `stop()` takes it off again.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any, Protocol

import anyio
import pyrogram
from pyrogram.errors.rpc_error import RPCError
from pyrogram.raw.all import layer
from pyrogram.raw.core.tl_object import TLObject
from pyrogram.session.session import Session, SessionState

from fake_telegram import tl

log = logging.getLogger(__name__)

FAKE_SERVER_ADDRESS = "fake-telegram.invalid"


def fake_auth_key(bot_id: int) -> bytes:
    """A 256-byte auth key, the same for a bot in every process."""
    seed = hashlib.sha256(f"fake-telegram:{bot_id}".encode()).digest()
    return seed * 8


class SessionHost(Protocol):
    """What a fake session needs from the fake Telegram."""

    async def serve(self, bot_id: int, query: TLObject[Any]) -> object: ...

    def session_started(self, session: FakeSession) -> None: ...

    def session_stopped(self, session: FakeSession) -> None: ...


class FakeSession(Session):
    def __init__(
        self,
        client: pyrogram.Client,
        host: SessionHost,
        *,
        bot_id: int,
        dc_id: int,
        is_media: bool = False,
    ) -> None:
        super().__init__(
            client,
            dc_id,
            FAKE_SERVER_ADDRESS,
            443,
            fake_auth_key(bot_id),
            False,
            is_media=is_media,
        )
        self.host = host
        self.bot_id = bot_id

    async def start(self) -> None:
        if self.state in (SessionState.STARTED, SessionState.STARTING):
            return
        await self._set_state(SessionState.STARTING)
        client = self.client
        await self.send(
            tl.InvokeWithLayer(
                layer=layer,
                query=tl.InitConnection(
                    api_id=await client.storage.api_id(),
                    app_version=client.app_version,
                    device_model=client.device_model,
                    system_version=client.system_version,
                    system_lang_code=client.system_lang_code,
                    lang_pack=client.lang_pack,
                    lang_code=client.lang_code,
                    query=tl.HelpGetConfig(),
                ),
            ),
            timeout=self.START_TIMEOUT,
        )
        await self._set_state(SessionState.STARTED)
        self.is_started.set()
        self.host.session_started(self)
        log.info("fake session started for bot %s", self.bot_id)
        if callable(client.connect_handler):
            await client.connect_handler(client, self)

    async def stop(self) -> None:
        self._must_stay_stopped = True
        await self._stop()

    async def _stop(self) -> None:
        if self.state in (SessionState.STOPPED, SessionState.STOPPING):
            return
        await self._set_state(SessionState.STOPPING)
        self.is_started.clear()
        self.host.session_stopped(self)
        await self._set_state(SessionState.STOPPED)
        log.info("fake session stopped for bot %s", self.bot_id)
        client = self.client
        if callable(client.disconnect_handler):
            await client.disconnect_handler(client, self)

    async def restart(self) -> None:
        await self._stop()
        self._must_stay_stopped = False
        await self.start()

    async def send(
        self,
        data: TLObject[Any],
        wait_response: bool = True,
        timeout: float = Session.WAIT_TIMEOUT,  # noqa: ASYNC109 - Kurigram's Session.send
    ) -> Any:
        result: object = None
        with anyio.move_on_after(timeout):
            result = await self.host.serve(self.bot_id, data)
        if not wait_response:
            return None
        if isinstance(result, tl.RpcError):
            # What the real `Session.send` does with an RpcError, to the letter.
            query = (
                data.query
                if isinstance(data, tl.InvokeWithoutUpdates | tl.InvokeWithTakeout)
                else data
            )
            RPCError.raise_it(result, type(query))
        if result is None:
            raise TimeoutError("Request timed out")
        return result
