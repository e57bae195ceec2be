"""Answers raw TL functions the way Telegram answers a bot.

`TelegramRpc.answer(bot_id, query)` changes the world and returns the TL answer, or
raises `RpcFailure` (answered as an `RpcError`). Sends come back as Telegram returns
them to a bot: an `Updates` with `UpdateMessageID` + `UpdateNewMessage` (or
`UpdateNewChannelMessage`), which Kurigram's high-level methods parse into full
`Message` objects. A function the fake does not know raises `NotImplementedError`
naming it; `register` is the extension point for new ones (invoices and
pre-checkout answers come in a later issue).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from fake_telegram import tl
from fake_telegram.failures import RpcFailure
from fake_telegram.media import MediaConverter
from fake_telegram.render import Renderer
from fake_telegram.state import (
    DC_ID,
    ChannelRecord,
    MessageVersion,
    StoredMessage,
    UserRecord,
    World,
)
from fake_telegram.wire import function_name, peer_id, roundtrip

Answer = Any  # a TL object, a list of TL objects or a bool: whatever the function returns
FunctionT = TypeVar("FunctionT")
ChatListener = Callable[[int, int], None]  # (bot id, chat id): a chat changed

MESSAGE_LENGTH_MAX = 4096
CAPTION_LENGTH_MAX = 1024
CALLBACK_DATA_MAX = 64
ALBUM_SIZE_MAX = 10
#: How many missed updates one `updates.getDifference` answer holds when the client
#: sets no `pts_limit` (Telegram slices long differences too).
DIFFERENCE_SLICE = 100


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def wire_markup(markup: tl.BaseReplyMarkup | None) -> tl.BaseReplyMarkup | None:
    """The markup as Telegram keeps it: read back from the wire, not the client's object."""
    return None if markup is None else cast(tl.BaseReplyMarkup, roundtrip(markup))


def wire_entities(entities: list[tl.BaseMessageEntity] | None) -> list[tl.BaseMessageEntity]:
    return [cast(tl.BaseMessageEntity, roundtrip(e)) for e in entities or []]


class TelegramRpc:
    def __init__(
        self, world: World, render: Renderer, media: MediaConverter, on_chat_change: ChatListener
    ) -> None:
        self.world = world
        self.render = render
        self.media = media
        self._changed = on_chat_change
        # Kurigram knows RANDOM_ID_DUPLICATE as 400 and 500; see failures.py.
        self.random_id_duplicate_code = 400
        self._handlers: dict[type[Any], Callable[[int, Any], Answer]] = {}
        for function, handler in self._builtin_handlers():
            self._handlers[function] = handler

    def register(
        self, function: type[FunctionT], handler: Callable[[int, FunctionT], Answer]
    ) -> None:
        """Answer another TL function: `handler(bot_id, query)` returns the answer."""
        self._handlers[function] = handler

    def answer(self, bot_id: int, query: object) -> Answer:
        handler = self._handlers.get(type(query))
        if handler is None:
            name = function_name(query) if isinstance(query, tl.TLObject) else type(query).__name__
            raise NotImplementedError(
                f"the fake Telegram does not answer {name} yet "
                "(add it in fake_telegram/rpc.py or with TelegramRpc.register)"
            )
        return handler(bot_id, query)

    def _builtin_handlers(self) -> list[tuple[type[Any], Callable[[int, Any], Answer]]]:
        return [
            (tl.HelpGetConfig, self._get_config),
            (tl.UpdatesGetState, self._get_state),
            (tl.UpdatesGetDifference, self._get_difference),
            (tl.UpdatesGetChannelDifference, self._get_channel_difference),
            (tl.UsersGetUsers, self._get_users),
            (tl.UsersGetFullUser, self._get_full_user),
            (tl.ContactsResolveUsername, self._resolve_username),
            (tl.MessagesGetChats, self._get_chats),
            (tl.MessagesGetFullChat, self._get_full_chat),
            (tl.ChannelsGetChannels, self._get_channels),
            (tl.ChannelsGetFullChannel, self._get_full_channel),
            (tl.BotsSetBotCommands, self._set_bot_commands),
            (tl.BotsGetBotCommands, self._get_bot_commands),
            (tl.BotsResetBotCommands, self._reset_bot_commands),
            (tl.MessagesSetTyping, self._set_typing),
            (tl.MessagesSendMessage, self._send_message),
            (tl.MessagesSendMedia, self._send_media),
            (tl.MessagesSendMultiMedia, self._send_multi_media),
            (tl.MessagesUploadMedia, self._upload_media),
            (tl.MessagesEditMessage, self._edit_message),
            (tl.MessagesDeleteMessages, self._delete_messages),
            (tl.ChannelsDeleteMessages, self._channels_delete_messages),
            (tl.MessagesGetMessages, self._get_messages),
            (tl.ChannelsGetMessages, self._channels_get_messages),
            (tl.MessagesSetBotCallbackAnswer, self._set_bot_callback_answer),
            (tl.UploadSaveFilePart, self._save_file_part),
            (tl.UploadSaveBigFilePart, self._save_big_file_part),
            (tl.UploadGetFile, self._get_file),
        ]

    # -- peers -------------------------------------------------------------------------

    def _user(self, bot_id: int, input_user: object) -> UserRecord:
        """The user an InputUser / InputPeerUser names; PEER_ID_INVALID for an unknown
        user or a wrong access hash (0 passes: a bot may name a user by id alone, as
        Kurigram's own `users.GetUsers` lookup does)."""
        user_id = peer_id(input_user, self_id=bot_id)
        record = self.world.users.get(user_id) if user_id is not None and user_id > 0 else None
        if record is None:
            raise RpcFailure("PEER_ID_INVALID")
        access_hash = getattr(input_user, "access_hash", 0)
        if access_hash and access_hash != record.access_hash:
            raise RpcFailure("PEER_ID_INVALID")
        return record

    def _channel(self, bot_id: int, input_channel: object) -> ChannelRecord:
        chat_id = peer_id(input_channel, self_id=bot_id)
        channel = self.world.channel_by_chat_id(chat_id) if chat_id is not None else None
        if channel is None or chat_id is None or chat_id > 0:
            raise RpcFailure("CHANNEL_INVALID")
        return channel

    def _chat_id(self, bot_id: int, input_peer: object) -> int:
        """The chat an InputPeer names; PEER_ID_INVALID when Telegram would not know it."""
        chat_id = peer_id(input_peer, self_id=bot_id)
        if chat_id is None:
            raise RpcFailure("PEER_ID_INVALID")
        if chat_id > 0:
            self._user(bot_id, input_peer)
        elif self.world.channel_by_chat_id(chat_id) is None:
            raise RpcFailure(
                "CHANNEL_INVALID" if chat_id < -1_000_000_000_000 else "PEER_ID_INVALID"
            )
        return chat_id

    def _send_target(self, bot_id: int, input_peer: object) -> int:
        """The chat a bot may send to, or the error Telegram answers a send with."""
        chat_id = self._chat_id(bot_id, input_peer)
        if chat_id > 0:
            user = self.world.users[chat_id]
            if user.deactivated:
                raise RpcFailure("INPUT_USER_DEACTIVATED")
            if user.blocked_bot:
                raise RpcFailure("USER_IS_BLOCKED")
            if user.is_bot:
                raise RpcFailure("USER_IS_BOT")
        else:
            channel = self.world.channel_by_chat_id(chat_id)
            if channel is not None and not channel.bot_is_admin and channel.broadcast:
                raise RpcFailure("CHAT_WRITE_FORBIDDEN")
        return chat_id

    # -- session, users, chats ---------------------------------------------------------

    def _get_config(self, _bot_id: int, _query: tl.HelpGetConfig) -> tl.Config:
        now = self.world.now()
        return tl.Config(
            date=now,
            expires=now + 3600,
            test_mode=False,
            this_dc=DC_ID,
            dc_options=[
                tl.DcOption(id=dc, ip_address=f"127.0.0.{dc}", port=443) for dc in range(1, 6)
            ],
            dc_txt_domain_name="fake-telegram.invalid",
            chat_size_max=200,
            megagroup_size_max=200000,
            forwarded_count_max=100,
            online_update_period_ms=210000,
            offline_blur_timeout_ms=5000,
            offline_idle_timeout_ms=30000,
            online_cloud_timeout_ms=300000,
            notify_cloud_delay_ms=30000,
            notify_default_delay_ms=1500,
            push_chat_period_ms=60000,
            push_chat_limit=2,
            edit_time_limit=172800,
            revoke_time_limit=172800,
            revoke_pm_time_limit=172800,
            rating_e_decay=2419200,
            stickers_recent_limit=200,
            channels_read_media_period=604800,
            call_receive_timeout_ms=20000,
            call_ring_timeout_ms=90000,
            call_connect_timeout_ms=30000,
            call_packet_timeout_ms=10000,
            me_url_prefix="https://t.me/",
            caption_length_max=CAPTION_LENGTH_MAX,
            message_length_max=MESSAGE_LENGTH_MAX,
            webfile_dc_id=4,
        )

    def _get_state(self, bot_id: int, _query: tl.UpdatesGetState) -> tl.UpdatesState:
        box = self.world.mailbox(bot_id)
        return tl.UpdatesState(
            pts=box.pts, qts=0, date=self.world.now(), seq=box.seq, unread_count=0
        )

    def _get_difference(self, bot_id: int, query: tl.UpdatesGetDifference) -> Answer:
        """What the bot missed since `query.pts`, from its update log: new messages and
        other updates (queries), at most `pts_limit` (else DIFFERENCE_SLICE) at a time as
        a `DifferenceSlice` whose `intermediate_state` is where to go on from;
        `DifferenceTooLong` past `pts_total_limit`; `DifferenceEmpty` when nothing is new."""
        box = self.world.mailbox(bot_id)
        now = self.world.now()
        if query.pts_total_limit is not None and box.pts - query.pts > query.pts_total_limit:
            return tl.UpdatesDifferenceTooLong(pts=box.pts)
        missed = box.logged_after(query.pts)
        if not missed:
            return tl.UpdatesDifferenceEmpty(date=now, seq=box.seq)
        limit = max(1, query.pts_limit or DIFFERENCE_SLICE)
        part = missed[:limit]
        messages = [e.update.message for e in part if isinstance(e.update, tl.UpdateNewMessage)]
        others = [e.update for e in part if not isinstance(e.update, tl.UpdateNewMessage)]
        users = list({getattr(u, "id", 0): u for e in part for u in e.users}.values())
        chats = list({getattr(c, "id", 0): c for e in part for c in e.chats}.values())
        if len(missed) > limit:
            last = part[-1]
            return tl.UpdatesDifferenceSlice(
                new_messages=messages,
                new_encrypted_messages=[],
                other_updates=others,
                chats=chats,
                users=users,
                intermediate_state=tl.UpdatesState(
                    pts=last.pts, qts=0, date=now, seq=last.seq, unread_count=0
                ),
            )
        return tl.UpdatesDifference(
            new_messages=messages,
            new_encrypted_messages=[],
            other_updates=others,
            chats=chats,
            users=users,
            state=tl.UpdatesState(pts=box.pts, qts=0, date=now, seq=box.seq, unread_count=0),
        )

    def _get_channel_difference(
        self, bot_id: int, query: tl.UpdatesGetChannelDifference
    ) -> tl.UpdatesChannelDifferenceEmpty:
        channel = self._channel(bot_id, query.channel)
        return tl.UpdatesChannelDifferenceEmpty(pts=channel.pts, final=True)

    def _get_users(self, bot_id: int, query: tl.UsersGetUsers) -> list[tl.BaseUser]:
        found: list[tl.BaseUser] = []
        for input_user in query.id:
            user_id = peer_id(input_user, self_id=bot_id)
            record = self.world.users.get(user_id) if user_id is not None else None
            access_hash = getattr(input_user, "access_hash", 0)
            if record is not None and access_hash in (0, record.access_hash):
                found.append(self.render.user(record, viewer=bot_id))
        return found

    def _get_full_user(self, bot_id: int, query: tl.UsersGetFullUser) -> tl.UsersUserFull:
        record = self._user(bot_id, query.id)
        bot_info = None
        if record.is_bot:
            commands = self.world.mailbox(record.id).commands.get(("default", ""), [])
            bot_info = tl.BotInfo(
                user_id=record.id,
                description="",
                commands=[tl.BotCommand(command=c, description=d) for c, d in commands],
            )
        return tl.UsersUserFull(
            full_user=tl.UserFull(
                id=record.id,
                settings=tl.PeerSettings(),
                notify_settings=tl.PeerNotifySettings(),
                common_chats_count=0,
                blocked=record.blocked_bot or None,
                bot_info=bot_info,
            ),
            chats=[],
            users=[self.render.user(record, viewer=bot_id)],
        )

    def _resolve_username(
        self, bot_id: int, query: tl.ContactsResolveUsername
    ) -> tl.ContactsResolvedPeer:
        user = self.world.user_by_username(query.username)
        if user is not None:
            return tl.ContactsResolvedPeer(
                peer=tl.PeerUser(user_id=user.id),
                chats=[],
                users=[self.render.user(user, viewer=bot_id)],
            )
        channel = self.world.channel_by_username(query.username)
        if channel is not None:
            return tl.ContactsResolvedPeer(
                peer=tl.PeerChannel(channel_id=channel.id),
                chats=[self.render.channel(channel)],
                users=[],
            )
        raise RpcFailure("USERNAME_NOT_OCCUPIED")

    def _get_chats(self, _bot_id: int, _query: tl.MessagesGetChats) -> tl.MessagesChats:
        return tl.MessagesChats(chats=[])  # the fake has no basic groups

    def _get_full_chat(self, _bot_id: int, _query: tl.MessagesGetFullChat) -> Answer:
        raise RpcFailure("CHAT_ID_INVALID")  # the fake has no basic groups

    def _get_channels(self, bot_id: int, query: tl.ChannelsGetChannels) -> tl.MessagesChats:
        return tl.MessagesChats(
            chats=[self.render.channel(self._channel(bot_id, c)) for c in query.id]
        )

    def _get_full_channel(
        self, bot_id: int, query: tl.ChannelsGetFullChannel
    ) -> tl.MessagesChatFull:
        channel = self._channel(bot_id, query.channel)
        return tl.MessagesChatFull(
            full_chat=tl.ChannelFull(
                id=channel.id,
                about="",
                read_inbox_max_id=0,
                read_outbox_max_id=0,
                unread_count=0,
                chat_photo=tl.PhotoEmpty(id=0),
                notify_settings=tl.PeerNotifySettings(),
                bot_info=[],
                pts=channel.pts,
                participants_count=1,
            ),
            chats=[self.render.channel(channel)],
            users=[],
        )

    # -- bot settings ------------------------------------------------------------------

    @staticmethod
    def _scope_key(scope: object, lang_code: str) -> tuple[str, str]:
        if isinstance(scope, tl.BotCommandScopeDefault):
            return ("default", lang_code)
        return (repr(scope), lang_code)

    def _set_bot_commands(self, bot_id: int, query: tl.BotsSetBotCommands) -> bool:
        key = self._scope_key(query.scope, query.lang_code)
        self.world.mailbox(bot_id).commands[key] = [
            (c.command, c.description) for c in query.commands
        ]
        return True

    def _get_bot_commands(self, bot_id: int, query: tl.BotsGetBotCommands) -> list[tl.BotCommand]:
        key = self._scope_key(query.scope, query.lang_code)
        commands = self.world.mailbox(bot_id).commands.get(key, [])
        return [tl.BotCommand(command=c, description=d) for c, d in commands]

    def _reset_bot_commands(self, bot_id: int, query: tl.BotsResetBotCommands) -> bool:
        key = self._scope_key(query.scope, query.lang_code)
        self.world.mailbox(bot_id).commands.pop(key, None)
        return True

    def _set_typing(self, bot_id: int, query: tl.MessagesSetTyping) -> bool:
        self._send_target(bot_id, query.peer)
        return True

    # -- sending -----------------------------------------------------------------------

    def _check_text(self, text: str, *, caption: bool) -> None:
        limit = CAPTION_LENGTH_MAX if caption else MESSAGE_LENGTH_MAX
        if utf16_length(text) > limit:
            raise RpcFailure("MEDIA_CAPTION_TOO_LONG" if caption else "MESSAGE_TOO_LONG")

    @staticmethod
    def _check_markup(markup: object) -> None:
        if isinstance(markup, tl.ReplyInlineMarkup):
            for row in markup.rows:
                for button in row.buttons:
                    kind = getattr(button, "type", None)
                    if isinstance(kind, tl.InlineButtonTypeCallback) and not (
                        0 < len(kind.data) <= CALLBACK_DATA_MAX
                    ):
                        raise RpcFailure("BUTTON_DATA_INVALID")
                    if not getattr(button, "text", ""):
                        raise RpcFailure("BUTTON_TEXT_INVALID")

    @staticmethod
    def _check_not_scheduled(query: object) -> None:
        if getattr(query, "schedule_date", None) is not None:
            raise NotImplementedError("the fake Telegram does not schedule messages yet")

    def _check_random_id(self, bot_id: int, chat_id: int, random_id: int) -> None:
        if random_id in self.world.random_ids.get((bot_id, chat_id), {}):
            raise RpcFailure("RANDOM_ID_DUPLICATE", self.random_id_duplicate_code)

    def _reply_to(self, chat_id: int, reply_to: object) -> tuple[int | None, int | None]:
        """(reply_to_message_id, topic_id) of a send."""
        if not isinstance(reply_to, tl.InputReplyToMessage):
            return None, None
        channel = self.world.channel_by_chat_id(chat_id) if chat_id < 0 else None
        topics = channel.topics if channel is not None and channel.forum else {}
        if reply_to.top_msg_id is not None and reply_to.top_msg_id in topics:
            return reply_to.reply_to_msg_id, reply_to.top_msg_id
        if reply_to.reply_to_msg_id in topics:
            return None, reply_to.reply_to_msg_id
        replied = channel.messages.get(reply_to.reply_to_msg_id) if channel is not None else None
        topic = replied.topic_id if replied is not None else None
        return reply_to.reply_to_msg_id, topic

    def _store(
        self,
        bot_id: int,
        chat_id: int,
        *,
        text: str,
        entities: list[tl.BaseMessageEntity] | None,
        media: tl.BaseMessageMedia | None,
        reply_markup: tl.BaseReplyMarkup | None,
        random_id: int,
        reply_to: object,
        grouped_id: int | None = None,
    ) -> tuple[StoredMessage, int]:
        """Store an outgoing bot message; returns it and its pts."""
        channel = self.world.channel_by_chat_id(chat_id) if chat_id < 0 else None
        box = self.world.mailbox(bot_id)
        message_id = channel.allocate_message_id() if channel else box.allocate_message_id()
        reply_to_id, topic_id = self._reply_to(chat_id, reply_to)
        message = StoredMessage(
            id=message_id,
            chat_id=chat_id,
            sender_id=bot_id,
            outgoing=True,
            date=self.world.now(),
            text=text,
            entities=wire_entities(entities),
            media=media,
            reply_markup=wire_markup(reply_markup),
            reply_to_message_id=reply_to_id,
            topic_id=topic_id,
            grouped_id=grouped_id,
            random_id=random_id,
        )
        if channel is not None:
            channel.messages[message_id] = message
            channel.pts += 1
            pts = channel.pts
        else:
            box.add(message)
            pts = box.next_pts()
        self.world.random_ids.setdefault((bot_id, chat_id), {})[random_id] = message_id
        return message, pts

    def _sent(self, bot_id: int, sent: list[tuple[StoredMessage, int]]) -> tl.Updates:
        updates: list[tl.BaseUpdate] = []
        for message, _pts in sent:
            if message.random_id is not None:
                updates.append(tl.UpdateMessageID(id=message.id, random_id=message.random_id))
        for message, pts in sent:
            updates.append(self.render.new_message(message, viewer=bot_id, pts=pts))
        for chat_id in dict.fromkeys(m.chat_id for m, _ in sent):
            self._changed(bot_id, chat_id)
        return self.render.updates(updates, [m for m, _ in sent], viewer=bot_id)

    def _send_message(self, bot_id: int, query: tl.MessagesSendMessage) -> tl.Updates:
        self._check_not_scheduled(query)
        chat_id = self._send_target(bot_id, query.peer)
        if not query.message.strip():
            raise RpcFailure("MESSAGE_EMPTY")
        self._check_text(query.message, caption=False)
        self._check_markup(query.reply_markup)
        self._check_random_id(bot_id, chat_id, query.random_id)
        sent = self._store(
            bot_id,
            chat_id,
            text=query.message,
            entities=query.entities,
            media=None,
            reply_markup=query.reply_markup,
            random_id=query.random_id,
            reply_to=query.reply_to,
        )
        return self._sent(bot_id, [sent])

    def _send_media(self, bot_id: int, query: tl.MessagesSendMedia) -> tl.Updates:
        self._check_not_scheduled(query)
        chat_id = self._send_target(bot_id, query.peer)
        self._check_text(query.message, caption=True)
        self._check_markup(query.reply_markup)
        self._check_random_id(bot_id, chat_id, query.random_id)
        media = self.media.convert(bot_id, query.media)
        sent = self._store(
            bot_id,
            chat_id,
            text=query.message,
            entities=query.entities,
            media=media,
            reply_markup=query.reply_markup,
            random_id=query.random_id,
            reply_to=query.reply_to,
        )
        return self._sent(bot_id, [sent])

    def _send_multi_media(self, bot_id: int, query: tl.MessagesSendMultiMedia) -> tl.Updates:
        self._check_not_scheduled(query)
        chat_id = self._send_target(bot_id, query.peer)
        if not 2 <= len(query.multi_media) <= ALBUM_SIZE_MAX:
            raise RpcFailure("MULTI_MEDIA_TOO_LONG" if query.multi_media else "MEDIA_EMPTY")
        items: list[tuple[tl.InputSingleMedia, tl.BaseMessageMedia]] = []
        for single in query.multi_media:
            if not isinstance(single, tl.InputSingleMedia):
                raise NotImplementedError(f"the fake Telegram does not support {single.QUALNAME}")
            self._check_text(single.message, caption=True)
            self._check_random_id(bot_id, chat_id, single.random_id)
            if not isinstance(single.media, tl.InputMediaPhoto | tl.InputMediaDocument):
                raise RpcFailure("MEDIA_INVALID")  # albums take already uploaded media
            items.append((single, self.media.convert(bot_id, single.media)))
        if len({s.random_id for s, _ in items}) != len(items):
            raise RpcFailure("RANDOM_ID_DUPLICATE", self.random_id_duplicate_code)
        grouped_id = self.world.allocate_grouped_id()
        sent = [
            self._store(
                bot_id,
                chat_id,
                text=single.message,
                entities=single.entities,
                media=media,
                reply_markup=None,
                random_id=single.random_id,
                reply_to=query.reply_to,
                grouped_id=grouped_id,
            )
            for single, media in items
        ]
        return self._sent(bot_id, sent)

    def _upload_media(self, bot_id: int, query: tl.MessagesUploadMedia) -> tl.BaseMessageMedia:
        self._chat_id(bot_id, query.peer)
        return self.media.convert(bot_id, query.media)

    # -- editing and deleting ----------------------------------------------------------

    def _own_message(self, bot_id: int, chat_id: int, message_id: int) -> StoredMessage:
        message = self.world.find_message(bot_id, chat_id, message_id)
        if message is None or message.deleted:
            raise RpcFailure("MESSAGE_ID_INVALID")
        if not message.outgoing or message.sender_id != bot_id:
            raise RpcFailure("MESSAGE_AUTHOR_REQUIRED")
        return message

    def _edit_message(self, bot_id: int, query: tl.MessagesEditMessage) -> tl.Updates:
        self._check_not_scheduled(query)
        chat_id = self._chat_id(bot_id, query.peer)
        message = self._own_message(bot_id, chat_id, query.id)
        text = query.message if query.message is not None else message.text
        entities = wire_entities(query.entities) if query.message is not None else message.entities
        markup = wire_markup(query.reply_markup)
        media = (
            self.media.convert(bot_id, query.media) if query.media is not None else message.media
        )
        has_media = media is not None and not isinstance(media, tl.MessageMediaEmpty)
        if not has_media and not text.strip():
            raise RpcFailure("MESSAGE_EMPTY")
        self._check_text(text, caption=has_media)
        self._check_markup(query.reply_markup)
        if (
            query.media is None
            and text == message.text
            and entities == message.entities
            and markup == message.reply_markup
        ):
            raise RpcFailure("MESSAGE_NOT_MODIFIED")
        message.text = text
        message.entities = entities
        message.media = media
        message.reply_markup = markup
        message.edit_date = self.world.now()
        message.edits.append(
            MessageVersion(date=message.edit_date, text=text, media=media, reply_markup=markup)
        )
        channel = self.world.channel_by_chat_id(chat_id) if chat_id < 0 else None
        if channel is not None:
            channel.pts += 1
            pts = channel.pts
        else:
            pts = self.world.mailbox(bot_id).next_pts()
        self._changed(bot_id, chat_id)
        update = self.render.edited_message(message, viewer=bot_id, pts=pts)
        return self.render.updates([update], [message], viewer=bot_id)

    def _delete_messages(
        self, bot_id: int, query: tl.MessagesDeleteMessages
    ) -> tl.MessagesAffectedMessages:
        box = self.world.mailbox(bot_id)
        deleted = 0
        for message_id in query.id:
            message = box.messages.get(message_id)
            if message is not None and not message.deleted:
                message.deleted = True
                deleted += 1
                self._changed(bot_id, message.chat_id)
        pts = box.next_pts(deleted) if deleted else box.pts
        return tl.MessagesAffectedMessages(pts=pts, pts_count=deleted)

    def _channels_delete_messages(
        self, bot_id: int, query: tl.ChannelsDeleteMessages
    ) -> tl.MessagesAffectedMessages:
        channel = self._channel(bot_id, query.channel)
        deleted = 0
        for message_id in query.id:
            message = channel.messages.get(message_id)
            if message is not None and not message.deleted:
                if not channel.bot_is_admin and message.sender_id != bot_id:
                    raise RpcFailure("MESSAGE_DELETE_FORBIDDEN")
                message.deleted = True
                deleted += 1
        if deleted:
            channel.pts += deleted
            self._changed(bot_id, channel.chat_id)
        return tl.MessagesAffectedMessages(pts=channel.pts, pts_count=deleted)

    # -- reading -----------------------------------------------------------------------

    def _pick(
        self, ids: list[tl.BaseInputMessage], lookup: Callable[[int], StoredMessage | None]
    ) -> list[StoredMessage | int]:
        picked: list[StoredMessage | int] = []
        for input_message in ids:
            wanted: int | None = None
            if isinstance(input_message, tl.InputMessageID):
                wanted = input_message.id
            elif isinstance(input_message, tl.InputMessageReplyTo):
                origin = lookup(input_message.id)
                wanted = origin.reply_to_message_id if origin is not None else None
            message = lookup(wanted) if wanted is not None else None
            picked.append(message if message is not None else (wanted or 0))
        return picked

    def _render_picked(
        self, bot_id: int, picked: list[StoredMessage | int]
    ) -> tuple[list[tl.BaseMessage], list[tl.User], list[tl.Channel]]:
        found = [m for m in picked if isinstance(m, StoredMessage)]
        rendered = [
            self.render.message(m, viewer=bot_id)
            if isinstance(m, StoredMessage)
            else tl.MessageEmpty(id=m)
            for m in picked
        ]
        users, chats = self.render.peers_of(found, viewer=bot_id)
        return rendered, users, chats

    def _get_messages(self, bot_id: int, query: tl.MessagesGetMessages) -> tl.MessagesMessages:
        box = self.world.mailbox(bot_id)
        picked = self._pick(query.id, box.messages.get)
        messages, users, chats = self._render_picked(bot_id, picked)
        return tl.MessagesMessages(messages=messages, topics=[], chats=chats, users=users)

    def _channels_get_messages(
        self, bot_id: int, query: tl.ChannelsGetMessages
    ) -> tl.MessagesChannelMessages:
        channel = self._channel(bot_id, query.channel)
        picked = self._pick(query.id, channel.messages.get)
        messages, users, chats = self._render_picked(bot_id, picked)
        if not any(isinstance(c, tl.Channel) and c.id == channel.id for c in chats):
            chats.append(self.render.channel(channel))
        return tl.MessagesChannelMessages(
            pts=channel.pts,
            count=len(messages),
            messages=messages,
            topics=[],
            chats=chats,
            users=users,
        )

    # -- callback queries --------------------------------------------------------------

    def _set_bot_callback_answer(self, bot_id: int, query: tl.MessagesSetBotCallbackAnswer) -> bool:
        record = self.world.callback_queries.get(query.query_id)
        if record is None or record.bot_id != bot_id or record.answered:
            raise RpcFailure("QUERY_ID_INVALID")
        if query.message is not None and utf16_length(query.message) > 200:
            raise RpcFailure("MESSAGE_TOO_LONG")
        record.answered = True
        record.answer_text = query.message
        record.alert = bool(query.alert)
        record.url = query.url
        record.cache_time = query.cache_time
        self._changed(bot_id, record.chat_id)
        return True

    # -- files -------------------------------------------------------------------------

    def _save_file_part(self, _bot_id: int, query: tl.UploadSaveFilePart) -> bool:
        self.media.save_part(query.file_id, query.file_part, query.bytes)
        return True

    def _save_big_file_part(self, _bot_id: int, query: tl.UploadSaveBigFilePart) -> bool:
        self.media.save_part(query.file_id, query.file_part, query.bytes, query.file_total_parts)
        return True

    def _get_file(self, _bot_id: int, query: tl.UploadGetFile) -> tl.UploadFile:
        stored = self.media.find_file(query.location)
        chunk = stored.data[query.offset : query.offset + query.limit]
        file_type: tl.BaseStorageFileType = (
            tl.StorageFileJpeg() if stored.kind == "photo" else tl.StorageFileUnknown()
        )
        return tl.UploadFile(type=file_type, mtime=stored.date, bytes=chunk)
