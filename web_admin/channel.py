"""The shop's channel as the web admin's hooks see it: a published product's post is
edited to match a committed change (`bot.admin.channel.posts.sync_post`); the channel
refusing the bot, or Telegram failing, is logged and the post stays as it was."""

from __future__ import annotations

from dataclasses import dataclass

from loguru import logger
from pyrogram import Client
from pyrogram.errors.rpc_error import RPCError

from bot.admin.channel.posts import ChannelRefused, sync_post
from config import Settings
from models.channel_posts import get_post
from web_admin.one_transaction import Job


@dataclass(frozen=True)
class Channel:
    """What editing the shop's channel needs (no client: the channel is left alone)."""

    client: Client | None
    settings: Settings

    def refresh_post(self, product_id: int) -> Job:
        """A job editing the product's channel post, if it has one, to show it as it is."""

        async def refresh() -> None:
            post = await get_post(product_id)
            if post is None or self.client is None:
                return
            try:
                await sync_post(self.client, self.settings, post, refresh=True)
            except (ChannelRefused, RPCError) as failure:
                logger.warning("the post of product {} stays as it was: {}", product_id, failure)

        return refresh
