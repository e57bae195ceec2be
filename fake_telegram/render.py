"""The world as TL: users, channels, messages, photos, and the `Updates` around them.

Messages are rendered from one bot's point of view (`viewer`): its own messages are
`out`, carry `from_id` = the bot, and a private chat's peer is the other user, as
Telegram sends them. Everything returned here still goes through `wire.roundtrip`
before Kurigram sees it.
"""

from __future__ import annotations

from collections.abc import Iterable

from fake_telegram import tl
from fake_telegram.state import (
    DC_ID,
    ChannelRecord,
    StoredFile,
    StoredMessage,
    UserRecord,
    World,
    raw_channel_id,
)


class Renderer:
    def __init__(self, world: World) -> None:
        self.world = world

    # -- peers -------------------------------------------------------------------------

    def user(self, record: UserRecord, *, viewer: int) -> tl.User:
        return tl.User(
            id=record.id,
            is_self=record.id == viewer or None,
            bot=record.is_bot or None,
            bot_info_version=1 if record.is_bot else None,
            bot_nochats=None,
            access_hash=record.access_hash,
            first_name=record.first_name,
            last_name=record.last_name,
            username=record.username,
            lang_code=record.language_code,
            deleted=record.deactivated or None,
            status=None if record.is_bot else tl.UserStatusRecently(),
        )

    def channel(self, record: ChannelRecord) -> tl.Channel:
        return tl.Channel(
            id=record.id,
            title=record.title,
            photo=tl.ChatPhotoEmpty(),
            date=record.date,
            broadcast=record.broadcast or None,
            megagroup=(not record.broadcast) or None,
            forum=record.forum or None,
            access_hash=record.access_hash,
            username=record.username,
            admin_rights=tl.ChatAdminRights(
                change_info=True,
                post_messages=True,
                edit_messages=True,
                delete_messages=True,
                invite_users=True,
                pin_messages=True,
                manage_topics=True,
                other=True,
            )
            if record.bot_is_admin
            else None,
        )

    def peer(self, chat_id: int) -> tl.BasePeer:
        if chat_id > 0:
            return tl.PeerUser(user_id=chat_id)
        return tl.PeerChannel(channel_id=raw_channel_id(chat_id))

    def peers(
        self, user_ids: Iterable[int], chat_ids: Iterable[int], *, viewer: int
    ) -> tuple[list[tl.User], list[tl.Channel]]:
        """The `users` and `chats` vectors that go with an answer or an update."""
        users: list[tl.User] = []
        for user_id in dict.fromkeys([viewer, *user_ids]):
            record = self.world.users.get(user_id)
            if record is not None:
                users.append(self.user(record, viewer=viewer))
        chats: list[tl.Channel] = []
        for chat_id in dict.fromkeys(chat_ids):
            channel = self.world.channel_by_chat_id(chat_id)
            if channel is not None:
                chats.append(self.channel(channel))
        return users, chats

    def peers_of(
        self, messages: Iterable[StoredMessage], *, viewer: int
    ) -> tuple[list[tl.User], list[tl.Channel]]:
        user_ids: list[int] = []
        chat_ids: list[int] = []
        for message in messages:
            if message.chat_id > 0:
                user_ids.append(message.chat_id)
            else:
                chat_ids.append(message.chat_id)
            if message.sender_id is not None:
                user_ids.append(message.sender_id)
            if message.forward_from_id is not None:
                user_ids.append(message.forward_from_id)
            contact = message.media
            if isinstance(contact, tl.MessageMediaContact) and contact.user_id:
                user_ids.append(contact.user_id)
        return self.peers(user_ids, chat_ids, viewer=viewer)

    # -- media -------------------------------------------------------------------------

    def photo(self, stored: StoredFile) -> tl.Photo:
        width, height = stored.width or 800, stored.height or 600
        scale = min(1.0, 320 / max(width, height))
        return tl.Photo(
            id=stored.id,
            access_hash=stored.access_hash,
            file_reference=stored.file_reference,
            date=stored.date,
            sizes=[
                tl.PhotoSize(
                    type="m",
                    w=max(1, int(width * scale)),
                    h=max(1, int(height * scale)),
                    size=max(1, len(stored.data) // 8),
                ),
                tl.PhotoSize(type="x", w=width, h=height, size=len(stored.data)),
            ],
            dc_id=DC_ID,
        )

    def document(self, stored: StoredFile) -> tl.Document:
        return tl.Document(
            id=stored.id,
            access_hash=stored.access_hash,
            file_reference=stored.file_reference,
            date=stored.date,
            mime_type=stored.mime_type,
            size=len(stored.data),
            dc_id=DC_ID,
            attributes=[tl.DocumentAttributeFilename(file_name=stored.name or "file")],
        )

    def media(self, stored: StoredFile) -> tl.BaseMessageMedia:
        if stored.kind == "photo":
            return tl.MessageMediaPhoto(photo=self.photo(stored))
        return tl.MessageMediaDocument(document=self.document(stored))

    # -- messages ----------------------------------------------------------------------

    def message(self, stored: StoredMessage, *, viewer: int) -> tl.BaseMessage:
        if stored.deleted:
            return tl.MessageEmpty(id=stored.id, peer_id=self.peer(stored.chat_id))
        if stored.action is not None:
            return self.service_message(stored, viewer=viewer)
        channel = self.world.channel_by_chat_id(stored.chat_id) if stored.chat_id < 0 else None
        post = channel is not None and channel.broadcast
        from_id: tl.BasePeer | None = None
        if stored.sender_id is not None and not post and (stored.outgoing or channel is not None):
            from_id = tl.PeerUser(user_id=stored.sender_id)
        reply_to: tl.MessageReplyHeader | None = None
        if stored.reply_to_message_id is not None or stored.topic_id is not None:
            reply_to_id = stored.reply_to_message_id or stored.topic_id
            reply_to = tl.MessageReplyHeader(
                forum_topic=True if stored.topic_id is not None else None,
                reply_to_msg_id=reply_to_id,
                reply_to_top_id=stored.topic_id
                if stored.topic_id is not None and stored.topic_id != reply_to_id
                else None,
            )
        fwd_from: tl.MessageFwdHeader | None = None
        if stored.forward_from_id is not None or stored.forward_from_name is not None:
            fwd_from = tl.MessageFwdHeader(
                date=stored.date,
                from_id=tl.PeerUser(user_id=stored.forward_from_id)
                if stored.forward_from_id is not None
                else None,
                from_name=stored.forward_from_name if stored.forward_from_id is None else None,
            )
        return tl.Message(
            id=stored.id,
            peer_id=self.peer(stored.chat_id),
            date=stored.date,
            message=stored.text,
            out=(stored.outgoing and stored.sender_id == viewer) or None,
            post=post or None,
            from_id=from_id,
            fwd_from=fwd_from,
            reply_to=reply_to,
            media=stored.media,
            reply_markup=stored.reply_markup,
            entities=list(stored.entities) or None,
            edit_date=stored.edit_date,
            grouped_id=stored.grouped_id,
            views=1 if post else None,
            forwards=0 if post else None,  # views and forwards share flag 10
        )

    def service_message(self, stored: StoredMessage, *, viewer: int) -> tl.MessageService:
        """A service message of a private chat (what `stored.action` says happened)."""
        sender = stored.sender_id
        return tl.MessageService(
            id=stored.id,
            peer_id=self.peer(stored.chat_id),
            date=stored.date,
            action=stored.action,
            out=(stored.outgoing and sender == viewer) or None,
            from_id=tl.PeerUser(user_id=sender) if sender is not None else None,
            reply_to=tl.MessageReplyHeader(reply_to_msg_id=stored.reply_to_message_id)
            if stored.reply_to_message_id is not None
            else None,
        )

    # -- updates -----------------------------------------------------------------------

    def updates(
        self,
        updates: list[tl.BaseUpdate],
        messages: Iterable[StoredMessage],
        *,
        viewer: int,
        seq: int = 0,
        extra_users: Iterable[int] = (),
        extra_chats: Iterable[int] = (),
    ) -> tl.Updates:
        users, chats = self.peers_of(messages, viewer=viewer)
        more_users, more_chats = self.peers(extra_users, extra_chats, viewer=viewer)
        known_users = {u.id for u in users}
        known_chats = {c.id for c in chats}
        users += [u for u in more_users if u.id not in known_users]
        chats += [c for c in more_chats if c.id not in known_chats]
        return tl.Updates(
            updates=updates,
            users=users,
            chats=chats,
            date=self.world.now(),
            seq=seq,
        )

    def new_message(self, stored: StoredMessage, *, viewer: int, pts: int) -> tl.BaseUpdate:
        rendered = self.message(stored, viewer=viewer)
        if stored.chat_id < 0:
            return tl.UpdateNewChannelMessage(message=rendered, pts=pts, pts_count=1)
        return tl.UpdateNewMessage(message=rendered, pts=pts, pts_count=1)

    def edited_message(self, stored: StoredMessage, *, viewer: int, pts: int) -> tl.BaseUpdate:
        rendered = self.message(stored, viewer=viewer)
        if stored.chat_id < 0:
            return tl.UpdateEditChannelMessage(message=rendered, pts=pts, pts_count=1)
        return tl.UpdateEditMessage(message=rendered, pts=pts, pts_count=1)
