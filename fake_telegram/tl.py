"""Typed names for the raw TL objects the fake uses.

Kurigram's `pyrogram.raw.types` / `functions` / `base` packages re-export their classes
without `__all__`, which mypy --strict (no implicit re-export) rejects. This module
imports each class from the module that defines it. Spelling: `types.X` -> `X`,
`types.ns.X` / `functions.ns.X` -> `NsX` (`MessagesSendMessage`, `UsersUserFull`),
`base.X` -> `BaseX`. A new name: import it from its module (`raw.types.X.__module__`)
under that spelling and add it to `__all__`.

`raw.base.X` is a union under TYPE_CHECKING built from names mypy cannot see (the same
re-export problem), so mypy reads it as a variable, not a type: `BaseX` here is
`TLObject[Any]`; narrow with isinstance on the concrete `types` names.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from pyrogram.raw.core.tl_object import TLObject
from pyrogram.raw.functions.bots.get_bot_commands import GetBotCommands as BotsGetBotCommands
from pyrogram.raw.functions.bots.reset_bot_commands import ResetBotCommands as BotsResetBotCommands
from pyrogram.raw.functions.bots.set_bot_commands import SetBotCommands as BotsSetBotCommands
from pyrogram.raw.functions.channels.delete_messages import DeleteMessages as ChannelsDeleteMessages
from pyrogram.raw.functions.channels.get_channels import GetChannels as ChannelsGetChannels
from pyrogram.raw.functions.channels.get_full_channel import (
    GetFullChannel as ChannelsGetFullChannel,
)
from pyrogram.raw.functions.channels.get_messages import GetMessages as ChannelsGetMessages
from pyrogram.raw.functions.contacts.resolve_username import (
    ResolveUsername as ContactsResolveUsername,
)
from pyrogram.raw.functions.help.get_config import GetConfig as HelpGetConfig
from pyrogram.raw.functions.init_connection import InitConnection
from pyrogram.raw.functions.invoke_with_layer import InvokeWithLayer
from pyrogram.raw.functions.invoke_with_takeout import InvokeWithTakeout
from pyrogram.raw.functions.invoke_without_updates import InvokeWithoutUpdates
from pyrogram.raw.functions.messages.delete_messages import DeleteMessages as MessagesDeleteMessages
from pyrogram.raw.functions.messages.edit_message import EditMessage as MessagesEditMessage
from pyrogram.raw.functions.messages.get_chats import GetChats as MessagesGetChats
from pyrogram.raw.functions.messages.get_full_chat import GetFullChat as MessagesGetFullChat
from pyrogram.raw.functions.messages.get_messages import GetMessages as MessagesGetMessages
from pyrogram.raw.functions.messages.send_media import SendMedia as MessagesSendMedia
from pyrogram.raw.functions.messages.send_message import SendMessage as MessagesSendMessage
from pyrogram.raw.functions.messages.send_multi_media import (
    SendMultiMedia as MessagesSendMultiMedia,
)
from pyrogram.raw.functions.messages.set_bot_callback_answer import (
    SetBotCallbackAnswer as MessagesSetBotCallbackAnswer,
)
from pyrogram.raw.functions.messages.set_bot_precheckout_results import (
    SetBotPrecheckoutResults as MessagesSetBotPrecheckoutResults,
)
from pyrogram.raw.functions.messages.set_typing import SetTyping as MessagesSetTyping
from pyrogram.raw.functions.messages.upload_media import UploadMedia as MessagesUploadMedia
from pyrogram.raw.functions.updates.get_channel_difference import (
    GetChannelDifference as UpdatesGetChannelDifference,
)
from pyrogram.raw.functions.updates.get_difference import GetDifference as UpdatesGetDifference
from pyrogram.raw.functions.updates.get_state import GetState as UpdatesGetState
from pyrogram.raw.functions.upload.get_file import GetFile as UploadGetFile
from pyrogram.raw.functions.upload.save_big_file_part import (
    SaveBigFilePart as UploadSaveBigFilePart,
)
from pyrogram.raw.functions.upload.save_file_part import SaveFilePart as UploadSaveFilePart
from pyrogram.raw.functions.users.get_full_user import GetFullUser as UsersGetFullUser
from pyrogram.raw.functions.users.get_users import GetUsers as UsersGetUsers
from pyrogram.raw.types.bot_command import BotCommand
from pyrogram.raw.types.bot_command_scope_default import BotCommandScopeDefault
from pyrogram.raw.types.bot_info import BotInfo
from pyrogram.raw.types.button_type_default import ButtonTypeDefault
from pyrogram.raw.types.button_type_request_phone import ButtonTypeRequestPhone
from pyrogram.raw.types.channel import Channel
from pyrogram.raw.types.channel_full import ChannelFull
from pyrogram.raw.types.chat_admin_rights import ChatAdminRights
from pyrogram.raw.types.chat_photo_empty import ChatPhotoEmpty
from pyrogram.raw.types.config import Config
from pyrogram.raw.types.contacts.resolved_peer import ResolvedPeer as ContactsResolvedPeer
from pyrogram.raw.types.dc_option import DcOption
from pyrogram.raw.types.document import Document
from pyrogram.raw.types.document_attribute_filename import DocumentAttributeFilename
from pyrogram.raw.types.inline_button_type_callback import InlineButtonTypeCallback
from pyrogram.raw.types.inline_button_type_url import InlineButtonTypeUrl
from pyrogram.raw.types.input_document_file_location import InputDocumentFileLocation
from pyrogram.raw.types.input_file import InputFile
from pyrogram.raw.types.input_file_big import InputFileBig
from pyrogram.raw.types.input_media_contact import InputMediaContact
from pyrogram.raw.types.input_media_document import InputMediaDocument
from pyrogram.raw.types.input_media_invoice import InputMediaInvoice
from pyrogram.raw.types.input_media_photo import InputMediaPhoto
from pyrogram.raw.types.input_media_uploaded_document import InputMediaUploadedDocument
from pyrogram.raw.types.input_media_uploaded_photo import InputMediaUploadedPhoto
from pyrogram.raw.types.input_message_id import InputMessageID
from pyrogram.raw.types.input_message_reply_to import InputMessageReplyTo
from pyrogram.raw.types.input_peer_self import InputPeerSelf
from pyrogram.raw.types.input_photo_file_location import InputPhotoFileLocation
from pyrogram.raw.types.input_reply_to_message import InputReplyToMessage
from pyrogram.raw.types.input_single_media import InputSingleMedia
from pyrogram.raw.types.input_user_self import InputUserSelf
from pyrogram.raw.types.message import Message
from pyrogram.raw.types.message_action_payment_sent_me import MessageActionPaymentSentMe
from pyrogram.raw.types.message_empty import MessageEmpty
from pyrogram.raw.types.message_entity_bot_command import MessageEntityBotCommand
from pyrogram.raw.types.message_fwd_header import MessageFwdHeader
from pyrogram.raw.types.message_media_contact import MessageMediaContact
from pyrogram.raw.types.message_media_document import MessageMediaDocument
from pyrogram.raw.types.message_media_empty import MessageMediaEmpty
from pyrogram.raw.types.message_media_invoice import MessageMediaInvoice
from pyrogram.raw.types.message_media_photo import MessageMediaPhoto
from pyrogram.raw.types.message_reply_header import MessageReplyHeader
from pyrogram.raw.types.message_service import MessageService
from pyrogram.raw.types.messages.affected_messages import (
    AffectedMessages as MessagesAffectedMessages,
)
from pyrogram.raw.types.messages.channel_messages import ChannelMessages as MessagesChannelMessages
from pyrogram.raw.types.messages.chat_full import ChatFull as MessagesChatFull
from pyrogram.raw.types.messages.chats import Chats as MessagesChats
from pyrogram.raw.types.messages.messages import Messages as MessagesMessages
from pyrogram.raw.types.payment_charge import PaymentCharge
from pyrogram.raw.types.peer_channel import PeerChannel
from pyrogram.raw.types.peer_notify_settings import PeerNotifySettings
from pyrogram.raw.types.peer_settings import PeerSettings
from pyrogram.raw.types.peer_user import PeerUser
from pyrogram.raw.types.photo import Photo
from pyrogram.raw.types.photo_empty import PhotoEmpty
from pyrogram.raw.types.photo_size import PhotoSize
from pyrogram.raw.types.reply_inline_markup import ReplyInlineMarkup
from pyrogram.raw.types.reply_keyboard_hide import ReplyKeyboardHide
from pyrogram.raw.types.reply_keyboard_markup import ReplyKeyboardMarkup
from pyrogram.raw.types.rpc_error import RpcError
from pyrogram.raw.types.storage.file_jpeg import FileJpeg as StorageFileJpeg
from pyrogram.raw.types.storage.file_unknown import FileUnknown as StorageFileUnknown
from pyrogram.raw.types.update_bot_callback_query import UpdateBotCallbackQuery
from pyrogram.raw.types.update_bot_precheckout_query import UpdateBotPrecheckoutQuery
from pyrogram.raw.types.update_edit_channel_message import UpdateEditChannelMessage
from pyrogram.raw.types.update_edit_message import UpdateEditMessage
from pyrogram.raw.types.update_message_id import UpdateMessageID
from pyrogram.raw.types.update_new_channel_message import UpdateNewChannelMessage
from pyrogram.raw.types.update_new_message import UpdateNewMessage
from pyrogram.raw.types.updates.channel_difference_empty import (
    ChannelDifferenceEmpty as UpdatesChannelDifferenceEmpty,
)
from pyrogram.raw.types.updates.difference import Difference as UpdatesDifference
from pyrogram.raw.types.updates.difference_empty import DifferenceEmpty as UpdatesDifferenceEmpty
from pyrogram.raw.types.updates.difference_slice import DifferenceSlice as UpdatesDifferenceSlice
from pyrogram.raw.types.updates.difference_too_long import (
    DifferenceTooLong as UpdatesDifferenceTooLong,
)
from pyrogram.raw.types.updates.state import State as UpdatesState
from pyrogram.raw.types.updates_t import Updates
from pyrogram.raw.types.upload.file import File as UploadFile
from pyrogram.raw.types.user import User
from pyrogram.raw.types.user_full import UserFull
from pyrogram.raw.types.user_status_recently import UserStatusRecently
from pyrogram.raw.types.users.user_full import UserFull as UsersUserFull

BaseChat: TypeAlias = TLObject[Any]  # raw.base.Chat
BaseInputFile: TypeAlias = TLObject[Any]  # raw.base.InputFile
BaseInputMessage: TypeAlias = TLObject[Any]  # raw.base.InputMessage
BaseMessage: TypeAlias = TLObject[Any]  # raw.base.Message
BaseMessageAction: TypeAlias = TLObject[Any]  # raw.base.MessageAction
BaseMessageEntity: TypeAlias = TLObject[Any]  # raw.base.MessageEntity
BaseMessageMedia: TypeAlias = TLObject[Any]  # raw.base.MessageMedia
BasePeer: TypeAlias = TLObject[Any]  # raw.base.Peer
BaseReplyMarkup: TypeAlias = TLObject[Any]  # raw.base.ReplyMarkup
BaseStorageFileType: TypeAlias = TLObject[Any]  # raw.base.storage.FileType
BaseUpdate: TypeAlias = TLObject[Any]  # raw.base.Update
BaseUser: TypeAlias = TLObject[Any]  # raw.base.User

__all__ = [
    "BaseChat",
    "BaseInputFile",
    "BaseInputMessage",
    "BaseMessage",
    "BaseMessageAction",
    "BaseMessageEntity",
    "BaseMessageMedia",
    "BasePeer",
    "BaseReplyMarkup",
    "BaseStorageFileType",
    "BaseUpdate",
    "BaseUser",
    "BotCommand",
    "BotCommandScopeDefault",
    "BotInfo",
    "BotsGetBotCommands",
    "BotsResetBotCommands",
    "BotsSetBotCommands",
    "ButtonTypeDefault",
    "ButtonTypeRequestPhone",
    "Channel",
    "ChannelFull",
    "ChannelsDeleteMessages",
    "ChannelsGetChannels",
    "ChannelsGetFullChannel",
    "ChannelsGetMessages",
    "ChatAdminRights",
    "ChatPhotoEmpty",
    "Config",
    "ContactsResolveUsername",
    "ContactsResolvedPeer",
    "DcOption",
    "Document",
    "DocumentAttributeFilename",
    "HelpGetConfig",
    "InitConnection",
    "InlineButtonTypeCallback",
    "InlineButtonTypeUrl",
    "InputDocumentFileLocation",
    "InputFile",
    "InputFileBig",
    "InputMediaContact",
    "InputMediaDocument",
    "InputMediaInvoice",
    "InputMediaPhoto",
    "InputMediaUploadedDocument",
    "InputMediaUploadedPhoto",
    "InputMessageID",
    "InputMessageReplyTo",
    "InputPeerSelf",
    "InputPhotoFileLocation",
    "InputReplyToMessage",
    "InputSingleMedia",
    "InputUserSelf",
    "InvokeWithLayer",
    "InvokeWithTakeout",
    "InvokeWithoutUpdates",
    "Message",
    "MessageActionPaymentSentMe",
    "MessageEmpty",
    "MessageEntityBotCommand",
    "MessageFwdHeader",
    "MessageMediaContact",
    "MessageMediaDocument",
    "MessageMediaEmpty",
    "MessageMediaInvoice",
    "MessageMediaPhoto",
    "MessageReplyHeader",
    "MessageService",
    "MessagesAffectedMessages",
    "MessagesChannelMessages",
    "MessagesChatFull",
    "MessagesChats",
    "MessagesDeleteMessages",
    "MessagesEditMessage",
    "MessagesGetChats",
    "MessagesGetFullChat",
    "MessagesGetMessages",
    "MessagesMessages",
    "MessagesSendMedia",
    "MessagesSendMessage",
    "MessagesSendMultiMedia",
    "MessagesSetBotCallbackAnswer",
    "MessagesSetBotPrecheckoutResults",
    "MessagesSetTyping",
    "MessagesUploadMedia",
    "PaymentCharge",
    "PeerChannel",
    "PeerNotifySettings",
    "PeerSettings",
    "PeerUser",
    "Photo",
    "PhotoEmpty",
    "PhotoSize",
    "ReplyInlineMarkup",
    "ReplyKeyboardHide",
    "ReplyKeyboardMarkup",
    "RpcError",
    "StorageFileJpeg",
    "StorageFileUnknown",
    "TLObject",
    "UpdateBotCallbackQuery",
    "UpdateBotPrecheckoutQuery",
    "UpdateEditChannelMessage",
    "UpdateEditMessage",
    "UpdateMessageID",
    "UpdateNewChannelMessage",
    "UpdateNewMessage",
    "Updates",
    "UpdatesChannelDifferenceEmpty",
    "UpdatesDifference",
    "UpdatesDifferenceEmpty",
    "UpdatesDifferenceSlice",
    "UpdatesDifferenceTooLong",
    "UpdatesGetChannelDifference",
    "UpdatesGetDifference",
    "UpdatesGetState",
    "UpdatesState",
    "UploadFile",
    "UploadGetFile",
    "UploadSaveBigFilePart",
    "UploadSaveFilePart",
    "User",
    "UserFull",
    "UserStatusRecently",
    "UsersGetFullUser",
    "UsersGetUsers",
    "UsersUserFull",
]
