"""What simulated users do, as Telegram delivers it to a bot: full `raw.types.Updates`.

Each action is recorded in the world first (a message the user sent is part of the
chat; a button press is a callback query the bot must answer), then rendered as one
`Updates` with its `users` and `chats` filled, which enters Kurigram through
`client.handle_updates` exactly where the real session would hand it over. Never
`UpdateShortMessage`: Kurigram answers that with `updates.GetDifference`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fake_telegram import tl
from fake_telegram.render import Renderer
from fake_telegram.state import CallbackQueryRecord, StoredMessage, World, access_hash_for

_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?(?=\s|$)")


def command_entities(text: str) -> list[tl.BaseMessageEntity]:
    """A `MessageEntityBotCommand` for a leading `/command` (`/start p_12` -> `/start`)."""
    match = _COMMAND.match(text)
    if match is None:
        return []
    return [tl.MessageEntityBotCommand(offset=0, length=len(match.group(0)))]


class Inbound:
    def __init__(
        self,
        world: World,
        render: Renderer,
        changed: Callable[[int, int], None] | None = None,
    ) -> None:
        self.world = world
        self.render = render
        #: Told (bot id, chat id) when a user's message enters a chat (see
        #: `FakeTelegram.watch_chats`).
        self._changed = changed

    def message(
        self,
        bot_id: int,
        user_id: int,
        *,
        text: str = "",
        media: tl.BaseMessageMedia | None = None,
        reply_to_message_id: int | None = None,
        entities: list[tl.BaseMessageEntity] | None = None,
        grouped_id: int | None = None,
        forward_from_id: int | None = None,
        forward_from_name: str | None = None,
    ) -> tuple[StoredMessage, tl.Updates]:
        """The user sends a private message to the bot (`entities`: its formatting, as
        a Telegram app sends it; a leading /command gets its bot_command entity;
        `grouped_id`: one photo of an album; `forward_from_*`: a forwarded message)."""
        box = self.world.mailbox(bot_id)
        message = StoredMessage(
            id=box.allocate_message_id(),
            chat_id=user_id,
            sender_id=user_id,
            outgoing=False,
            date=self.world.now(),
            text=text,
            entities=[*command_entities(text), *(entities or [])],
            media=media,
            reply_to_message_id=reply_to_message_id,
            grouped_id=grouped_id,
            forward_from_id=forward_from_id,
            forward_from_name=forward_from_name,
        )
        box.add(message)
        if self._changed is not None:
            self._changed(bot_id, user_id)
        pts = box.next_pts()
        update = self.render.new_message(message, viewer=bot_id, pts=pts)
        return message, self.render.updates([update], [message], viewer=bot_id, seq=box.next_seq())

    def contact(self, bot_id: int, user_id: int, phone: str) -> tuple[StoredMessage, tl.Updates]:
        """The user shares their own contact (what a request_contact button sends)."""
        user = self.world.users[user_id]
        user.phone = phone
        media = tl.MessageMediaContact(
            phone_number=phone,
            first_name=user.first_name,
            last_name=user.last_name or "",
            vcard="",
            user_id=user_id,
        )
        return self.message(bot_id, user_id, media=media)

    def callback(
        self, bot_id: int, user_id: int, message: StoredMessage, data: bytes
    ) -> tuple[CallbackQueryRecord, tl.Updates]:
        """The user presses an inline callback button on a bot message."""
        query = CallbackQueryRecord(
            query_id=self.world.random_long(),
            bot_id=bot_id,
            user_id=user_id,
            chat_id=message.chat_id,
            message_id=message.id,
            data=data,
            date=self.world.now(),
        )
        self.world.callback_queries[query.query_id] = query
        update = tl.UpdateBotCallbackQuery(
            query_id=query.query_id,
            user_id=user_id,
            peer=self.render.peer(message.chat_id),
            msg_id=message.id,
            chat_instance=access_hash_for(bot_id ^ message.chat_id),
            data=data,
        )
        chats = [message.chat_id] if message.chat_id < 0 else []
        updates = self.render.updates(
            [update],
            [],
            viewer=bot_id,
            seq=self.world.mailbox(bot_id).next_seq(),
            extra_users=[user_id],
            extra_chats=chats,
        )
        return query, updates
