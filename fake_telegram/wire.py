"""TL on the wire: serialisation round trips, request names and peers.

Every answer and update Kurigram sees goes through `roundtrip`
(`TLObject.read(BytesIO(obj.write()))`): Kurigram's parsers rely on wire semantics (an
absent vector reads back as an empty list, flags drop `False`), and an answer the fake
built wrong (e.g. two fields sharing one flag bit) fails here instead of in a parser.
Requests are only serialised, not read back: `Vector.read` guesses the element type of
a bare vector from its average size, so `[InputMessageID(id=5)]` at the end of a
request reads back as `[5]`.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pyrogram.raw.core.primitives.bool import Bool
from pyrogram.raw.core.primitives.vector import Vector
from pyrogram.raw.core.tl_object import TLObject

from fake_telegram import tl
from fake_telegram.state import channel_chat_id


def roundtrip(value: object) -> Any:
    """Serialise and read back a TL object, a list of TL objects or a bool."""
    data: bytes
    if isinstance(value, bool):
        data = Bool(value)
    elif isinstance(value, list):
        data = Vector(value)
    elif isinstance(value, TLObject):
        data = value.write()
    else:
        raise TypeError(f"not a TL value: {value!r}")
    return TLObject.read(BytesIO(data))


def unwrap(query: TLObject[Any]) -> TLObject[Any]:
    """The function inside InvokeWithLayer / InitConnection / InvokeWithoutUpdates / ..."""
    while True:
        name = query.QUALNAME
        inner = getattr(query, "query", None)
        wrapper = name.startswith("functions.Invoke") or name == "functions.InitConnection"
        if not (wrapper and isinstance(inner, TLObject)):
            return query
        query = inner


def function_name(query: TLObject[Any]) -> str:
    """`messages.SendMessage` for `functions.messages.SendMessage` (Kurigram's own spelling)."""
    return ".".join(query.QUALNAME.split(".")[1:])


def peer_id(peer: object, *, self_id: int) -> int | None:
    """Bot API style id (user id, -chat id, -100... channel id) of any Peer / InputPeer /
    InputUser / InputChannel, or None when it names no peer."""
    if isinstance(peer, tl.InputPeerSelf | tl.InputUserSelf):
        return self_id
    user_id = getattr(peer, "user_id", None)
    if isinstance(user_id, int):
        return user_id
    channel_id = getattr(peer, "channel_id", None)
    if isinstance(channel_id, int):
        return channel_chat_id(channel_id)
    chat_id = getattr(peer, "chat_id", None)
    if isinstance(chat_id, int):
        return -chat_id
    return None


def request_peer(query: TLObject[Any], *, self_id: int) -> int | None:
    """The chat a request is about, for failure rules and request logs."""
    for attribute in ("peer", "channel", "user_id"):
        value = getattr(query, attribute, None)
        if isinstance(value, TLObject):
            return peer_id(value, self_id=self_id)
    if isinstance(query, tl.UsersGetFullUser):
        return peer_id(query.id, self_id=self_id)
    return None
