"""The world is plain data, and the extension points make gaps visible."""

from __future__ import annotations

import pickle

import pytest
from pyrogram.raw.types.data_json import DataJSON
from pyrogram.raw.types.input_media_dice import InputMediaDice
from pyrogram.raw.types.input_media_invoice import InputMediaInvoice
from pyrogram.raw.types.invoice import Invoice
from pyrogram.raw.types.labeled_price import LabeledPrice

from fake_telegram import FakeTelegram, tl
from tests.fake_telegram.helpers import running


async def test_world_survives_pickling(fake_telegram: FakeTelegram) -> None:
    fake_telegram.user(42, first_name="Алиса")
    async with running(fake_telegram.make_client()) as client:
        await client.send_message(42, "Ваш заказ принят")
    copy = pickle.loads(pickle.dumps(fake_telegram.world))
    with FakeTelegram(world=copy) as revived:
        alice = revived.user(42)
        assert [m.text for m in alice.messages] == ["Ваш заказ принят"]
        assert revived.world.random_ids == fake_telegram.world.random_ids


async def test_invoices_are_sent_and_their_payload_stays_with_the_fake(
    fake_telegram: FakeTelegram,
) -> None:
    fake_telegram.user(42)
    invoice = InputMediaInvoice(
        title="Футболка",
        description="Белая, M",
        invoice=Invoice(currency="RUB", prices=[LabeledPrice(label="Футболка", amount=199000)]),
        payload=b"order:1",
        provider="provider-token",
        provider_data=DataJSON(data="{}"),
    )
    async with running(fake_telegram.make_client()) as client:
        peer = await client.resolve_peer(42)
        await client.invoke(tl.MessagesSendMedia(peer=peer, media=invoice, message="", random_id=1))
    shown = fake_telegram.user(42).last_message
    assert shown.media_kind == "invoice"
    assert fake_telegram.payments.invoice_of(shown).payload == b"order:1"


async def test_unknown_input_media_are_an_explicit_gap_with_an_extension_point(
    fake_telegram: FakeTelegram,
) -> None:
    fake_telegram.user(42)
    dice = InputMediaDice(emoticon="🎲")
    async with running(fake_telegram.make_client()) as client:
        peer = await client.resolve_peer(42)
        send = tl.MessagesSendMedia(peer=peer, media=dice, message="", random_id=1)
        with pytest.raises(NotImplementedError, match="InputMediaDice"):
            await client.invoke(send)

        def dice_media(_bot_id: int, media: InputMediaDice) -> tl.BaseMessageMedia:
            return tl.MessageMediaContact(
                phone_number="", first_name=media.emoticon, last_name="", vcard="", user_id=0
            )

        fake_telegram.media.register(InputMediaDice, dice_media)
        await client.invoke(send)
    assert fake_telegram.user(42).last_message.media_kind == "contact"  # the stand-in
