"""A product's post in the shop's channel: publishing it, keeping it true to the stock,
unpublishing it. Used by the admins' Channel screen (publish, unpublish) and by the
order processor's stock watch (`sync_post`), so nothing here needs an update.

The post is the product card (one photo with the caption and the Buy button; an album
with the caption on its first photo, then a short message with the Buy button; or a
text card) sent to `CHANNEL_ID`, inside the forum topic `CHANNEL_THREAD_ID` when set.
The Buy button deep-links to the product in the bot (`?start=p_<id>`). Posts are
written in the shop's default language (Russian), as the channel has one audience.

When every variant is at 0 the caption says so and the button goes; when stock comes
back both return (`models.channel_posts` keeps what the post shows). Telegram's refusals
to let the bot post (not an admin, no right to write, a private or unknown channel, a
closed topic) come back as `ChannelRefused` with the error's name, never as a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loguru import logger
from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.errors import MessageIdInvalid
from pyrogram.errors.rpc_error import RPCError
from pyrogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
)

from bot.language import Language, pick_language
from bot.money import format_price
from bot.screens import edit_message
from bot.shop.card import variant_label
from bot.shop.deeplinks import product_link
from bot.shop.photos import AlbumItem, usable_photos
from bot.text_limits import CAPTION_LIMIT, MESSAGE_LIMIT, cut, telegram_length
from bot.texts import text
from config import Settings
from models.catalogue import (
    Product,
    ProductPhoto,
    ProductVariant,
    cache_photo_file_id,
    get_product,
    list_photos,
    list_variants,
)
from models.channel_posts import (
    LIVE,
    SOLD_OUT,
    ChannelPost,
    create_post,
    delete_post,
    get_post,
    message_ids_of,
    set_post_state,
    wanted_state,
)

#: The language of channel posts: the shop's default.
CHANNEL_LANGUAGE: Language = pick_language(None)

#: Telegram's answers meaning the bot may not post (or edit, or delete) in the channel.
CHANNEL_REFUSALS = frozenset(
    {
        "CHAT_ADMIN_REQUIRED",
        "CHAT_WRITE_FORBIDDEN",
        "CHANNEL_PRIVATE",
        "CHANNEL_INVALID",
        "CHAT_ID_INVALID",
        "PEER_ID_INVALID",
        "CHAT_FORBIDDEN",
        "CHAT_RESTRICTED",
        "USER_BANNED_IN_CHANNEL",
        "CHAT_SEND_MEDIA_FORBIDDEN",
        "CHAT_SEND_PHOTOS_FORBIDDEN",
        "CHAT_SEND_PLAIN_FORBIDDEN",
        "TOPIC_CLOSED",
        "TOPIC_DELETED",
        "MESSAGE_DELETE_FORBIDDEN",
    }
)


class ChannelNotSet(Exception):
    """Raised when publishing while `CHANNEL_ID` is not configured."""

    def __init__(self) -> None:
        super().__init__("CHANNEL_ID is not set")


class ChannelRefused(Exception):
    """Raised when Telegram does not let the bot post, edit or delete in the channel;
    `reason` is Telegram's error name (`CHAT_ADMIN_REQUIRED`...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the channel refused the bot: {reason}")
        self.reason = reason


class ProductGone(Exception):
    """Raised when publishing a product that no longer exists."""

    def __init__(self, product_id: int) -> None:
        super().__init__(f"product {product_id} does not exist")
        self.product_id = product_id


def refusal_name(error: RPCError) -> str | None:
    """The error's name when it is one of `CHANNEL_REFUSALS`, else None."""
    name = error.ID or ""
    return name if name in CHANNEL_REFUSALS else None


@dataclass(frozen=True)
class PostCard:
    product: Product
    variants: list[ProductVariant]
    photos: list[ProductPhoto]


async def load_card(product_id: int) -> PostCard | None:
    product = await get_product(product_id)
    if product is None:
        return None
    return PostCard(product, await list_variants(product_id), await list_photos(product_id))


def post_text(card: PostCard, state: str, settings: Settings, limit: int) -> str:
    """The card's caption: title, description (cut to fit), price, sizes in stock, or
    the sold-out line."""
    language = CHANNEL_LANGUAGE
    in_stock = [variant_label(v.size, v.colour) for v in card.variants if v.stock > 0]
    tail = [format_price(card.product.price, settings.currency)]
    if state == LIVE and in_stock:
        tail.append(text("channel.post.in_stock", language, sizes=", ".join(in_stock)))
    else:
        tail.append(text("channel.post.sold_out", language))
    tail_text = "\n".join(tail)
    head = card.product.title
    description = card.product.description.strip()
    if description:
        room = limit - telegram_length(f"{head}\n\n\n\n{tail_text}")
        description = cut(description, room) if room > 1 else ""
    return cut("\n\n".join(part for part in (head, description, tail_text) if part), limit)


def buy_markup(bot_username: str, product_id: int) -> InlineKeyboardMarkup:
    label = text("channel.post.buy", CHANNEL_LANGUAGE)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, url=product_link(bot_username, product_id))]]
    )


def _button_text(card: PostCard, state: str) -> str:
    key = "channel.post.album_live" if state == LIVE else "channel.post.album_sold_out"
    return text(key, CHANNEL_LANGUAGE, title=card.product.title)


def _bot_username(client: Client) -> str:
    me = client.me
    if me is None or not me.username:
        raise RuntimeError("the bot's username is not known yet (the client is not started)")
    return me.username


async def publish(client: Client, settings: Settings, product_id: int) -> ChannelPost:
    """Post the product's card to the channel and remember the post (the post as it
    stands when the product has one already). Raises `ChannelNotSet`, `ChannelRefused`,
    `ProductGone`."""
    if settings.channel_id is None:
        raise ChannelNotSet
    existing = await get_post(product_id)
    if existing is not None:
        return existing
    card = await load_card(product_id)
    if card is None:
        raise ProductGone(product_id)
    state = await wanted_state(product_id)
    try:
        sent = await _send(client, settings, card, state)
    except RPCError as error:
        reason = refusal_name(error)
        if reason is None:
            raise
        raise ChannelRefused(reason) from error
    caption_id, button_id = sent[0].id, sent[-1].id
    post = await create_post(
        product_id,
        chat_id=settings.channel_id,
        thread_id=settings.channel_thread_id,
        message_ids=[message.id for message in sent],
        caption_message_id=caption_id,
        button_message_id=button_id,
        state=state,
    )
    if post is None:  # published by another admin meanwhile: ours goes
        await client.delete_messages(settings.channel_id, [message.id for message in sent])
        existing = await get_post(product_id)
        if existing is None:
            raise RuntimeError(f"the post of product {product_id} vanished while publishing")
        return existing
    logger.info("product {} published ({} messages)", product_id, len(sent))
    if await wanted_state(product_id) != state:  # the stock changed while we posted
        await sync_post(client, settings, post)
    return post


async def _send(client: Client, settings: Settings, card: PostCard, state: str) -> list[Message]:
    """The post's messages, in order: the caption's first, the button's last."""
    chat_id, thread_id = settings.channel_id, settings.channel_thread_id
    if chat_id is None:
        raise ChannelNotSet
    markup = buy_markup(_bot_username(client), card.product.id) if state == LIVE else None
    photos = await usable_photos(card.photos)
    if len(photos) == 1:
        caption = post_text(card, state, settings, CAPTION_LIMIT)
        photo = photos[0]
        message = await client.send_photo(
            chat_id,
            photo.file_id or photo.source,
            caption=caption,
            parse_mode=ParseMode.DISABLED,
            reply_markup=markup,
            message_thread_id=thread_id,
        )
        await _remember([photo], [_sent(message)])
        return [_sent(message)]
    if photos:
        caption = post_text(card, state, settings, CAPTION_LIMIT)
        album: list[AlbumItem] = [
            InputMediaPhoto(
                photo.file_id or photo.source,
                caption=caption if index == 0 else "",
                parse_mode=ParseMode.DISABLED,
            )
            for index, photo in enumerate(photos)
        ]
        messages = list(await client.send_media_group(chat_id, album, message_thread_id=thread_id))
        await _remember(photos, messages)
        button = await client.send_message(
            chat_id,
            _button_text(card, state),
            parse_mode=ParseMode.DISABLED,
            reply_markup=markup,
            message_thread_id=thread_id,
        )
        return [*messages, _sent(button)]
    message = await client.send_message(
        chat_id,
        post_text(card, state, settings, MESSAGE_LIMIT),
        parse_mode=ParseMode.DISABLED,
        reply_markup=markup,
        message_thread_id=thread_id,
    )
    return [_sent(message)]


def _sent(message: Message | None) -> Message:
    if message is None:
        raise RuntimeError("Telegram returned no message for the post")
    return message


async def _remember(photos: Sequence[ProductPhoto], sent: Sequence[Message]) -> None:
    """Keep the file ids of photos uploaded from their source."""
    for photo, message in zip(photos, sent, strict=False):
        if not photo.file_id and message.photo is not None:
            await cache_photo_file_id(photo.id, message.photo.file_id)


async def sync_post(
    client: Client, settings: Settings, post: ChannelPost, *, refresh: bool = False
) -> bool:
    """Make the post show what the stock calls for (sold out, or back with its button);
    with `refresh`, also when its state is the same (the sizes in stock changed). False
    when nothing was edited. A post deleted by hand in the channel is forgotten.
    Raises `ChannelRefused` when the bot may no longer edit there."""
    state = await wanted_state(int(post.product_id))
    if state == post.state and not refresh:
        return False
    card = await load_card(int(post.product_id))
    if card is None:
        return False  # the product is gone: unpublishing cleans up
    chat_id = int(post.chat_id)
    markup = buy_markup(_bot_username(client), card.product.id) if state == LIVE else None
    album = post.caption_message_id != post.button_message_id
    limit = CAPTION_LIMIT if card.photos else MESSAGE_LIMIT
    try:
        edited = await edit_message(
            client,
            chat_id,
            int(post.caption_message_id),
            post_text(card, state, settings, limit),
            reply_markup=None if album else markup,
            parse_mode=ParseMode.DISABLED,
        )
        if album:
            edited |= await edit_message(
                client,
                chat_id,
                int(post.button_message_id),
                _button_text(card, state),
                reply_markup=markup,
                parse_mode=ParseMode.DISABLED,
            )
    except MessageIdInvalid:
        logger.warning("the post of product {} was deleted in the channel", post.product_id)
        await delete_post(int(post.id))
        return False
    except RPCError as error:
        reason = refusal_name(error)
        if reason is None:
            raise
        raise ChannelRefused(reason) from error
    if state != post.state:
        await set_post_state(int(post.id), state)
        logger.info("post of product {} now {}", post.product_id, state)
    return edited


async def unpublish(client: Client, post: ChannelPost) -> None:
    """Delete the post's messages and forget it. Raises `ChannelRefused` when the bot
    may not delete there (the post is then still remembered)."""
    try:
        await client.delete_messages(int(post.chat_id), message_ids_of(post))
    except MessageIdInvalid:
        logger.info("the post of product {} was deleted by hand already", post.product_id)
    except RPCError as error:
        reason = refusal_name(error)
        if reason is None:
            raise
        raise ChannelRefused(reason) from error
    await delete_post(int(post.id))


__all__ = [
    "SOLD_OUT",
    "ChannelNotSet",
    "ChannelRefused",
    "ProductGone",
    "publish",
    "sync_post",
    "unpublish",
]
