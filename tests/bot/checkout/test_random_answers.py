"""Property: whatever a shopper types at checkout's questions (control characters, NUL,
10,000 characters, right-to-left text and overrides, zero-width characters, emoji), each
answer is either taken, and the order then placed with clean stored values, or refused
with a clear re-ask; never a handler error (the `fake_telegram` fixture fails the test
on any).

Seeded, so a failure replays: the case's number and text are in the assertion message.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from bot.checkout.inputs import clean_address, clean_comment, clean_name, clean_phone
from bot.texts import text
from config import Settings
from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.text_cleaning import UNSAFE_FORMAT_CHARACTERS
from tests.bot.checkout.shop import (
    EN_CART,
    EN_CHECKOUT,
    order_of,
    put_in_cart,
    shop_settings,
    stock_one_product,
)
from tests.fixtures.app import running_bot

pytestmark = pytest.mark.postgres

SEED = 20261201
CASES = 30

CONTROL = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
RIGHT_TO_LEFT = [*"שלום עולם", *"مرحبا بالعالم", "\u200f", "\u202b", "\u202e", "\u2067"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029"]
EMOJI = ["😀", "👨‍👩‍👧", "🇷🇺", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️", "🧑‍🚀", "🦊"]
PLAIN = [*"Anna Karenina 221B Baker Street", *"Москва, Тверская 1", *"0123456789+()-. "]
POOLS = [CONTROL, RIGHT_TO_LEFT, ZERO_WIDTH, EMOJI, PLAIN, ["\x00"], ["\n", "\r\n", "\t"]]
#: Lengths in characters: short, medium, past every limit, and a 10,000-character paste.
LENGTHS = [(1, 8), (8, 70), (290, 700), (10_000, 10_000)]

#: What a shopper falls back to after a re-ask.
GOOD_NAME, GOOD_ADDRESS = "Anna", "221B Baker Street, London"


def random_answer(rng: random.Random) -> str:
    """Characters drawn from one to three of the pools; never empty, never a /command."""
    pools = rng.sample(POOLS, rng.randint(1, 3))
    low, high = rng.choices(LENGTHS, weights=[4, 4, 2, 1])[0]
    length = rng.randint(low, high)
    answer = "".join(rng.choice(rng.choice(pools)) for _ in range(length))
    answer = answer.lstrip("/")
    return answer or "\x00"


def random_phone(rng: random.Random) -> str:
    """Half the time any text; else a real number with characters slipped in, some of
    which cleaning removes (control characters, overrides) and some it keeps."""
    if rng.random() < 0.5:
        return random_answer(rng)
    digits = f"+44 7700 900{rng.randint(100, 999)}"
    noise = [*CONTROL, "\u202e", "\ufeff", "\u200d", "\u2028", " ", "-"]
    slipped = [rng.choice(noise) if rng.random() < 0.15 else "" for _ in digits]
    return "".join(char + extra for char, extra in zip(digits, slipped, strict=True))


def question(key: str) -> str:
    return text(key, "en")


def reask(problem_key: str, question_key: str) -> str:
    return f"{question(problem_key)}\n\n{question(question_key)}"


def assert_clean(value: str, *, multiline: bool, case: str) -> None:
    """No control character but newlines where the field may have them, no unsafe
    format character, NFC, no surrounding spaces."""
    allowed = {"\n"} if multiline else set()
    for char in value:
        assert unicodedata.category(char) != "Cc" or char in allowed, (case, value)
        assert char not in UNSAFE_FORMAT_CHARACTERS, (case, value)
        assert unicodedata.category(char) != "Cs", (case, value)
    assert value == unicodedata.normalize("NFC", value), (case, value)
    assert value == value.strip(), (case, value)


async def answer_with(
    shopper: SimulatedUser, typed: str, *, problem: str, this: str, following: str, case: str
) -> bool:
    """Type `typed` at question `this`: True when it was taken (the next question,
    `following`, came), False when the question was asked again with why."""
    replies = await shopper.send(typed)
    assert replies, (case, "no reply", typed[:80])
    reply: BotMessage = replies[-1]
    if reply.text == reask(problem, this):
        return False
    assert reply.text == question(following), (case, reply.text, typed[:80])
    return True


async def test_random_text_in_every_answer_places_a_clean_order_or_is_asked_again(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    rng = random.Random(SEED)
    taken = {"name": 0, "phone": 0, "address": 0, "comment": 0}
    async with running_bot(shop_settings(postgres_database), fake_telegram):
        tee = await stock_one_product(stock=CASES)
        for number in range(CASES):
            case = f"case {number} of seed {SEED}"
            shopper = fake_telegram.user(
                8000 + number, lang="en", first_name="Anna", phone="+447700900300"
            )
            await shopper.send("/start")
            await put_in_cart(shopper, tee)
            await shopper.press(EN_CART)
            await shopper.press(EN_CHECKOUT)
            name, address, comment = (random_answer(rng) for _ in range(3))
            phone = random_phone(rng)

            if await answer_with(
                shopper,
                name,
                problem="checkout.bad_name",
                this="checkout.ask_name",
                following="checkout.ask_phone",
                case=case,
            ):
                taken["name"] += 1
            else:
                await shopper.send(GOOD_NAME)
                name = GOOD_NAME
            if await answer_with(
                shopper,
                phone,
                problem="checkout.bad_phone",
                this="checkout.ask_phone",
                following="checkout.ask_delivery",
                case=case,
            ):
                taken["phone"] += 1
            else:
                await shopper.share_contact()
                phone = "+447700900300"
            await shopper.press("🚚 Courier")
            if await answer_with(
                shopper,
                address,
                problem="checkout.bad_address",
                this="checkout.ask_address",
                following="checkout.ask_comment",
                case=case,
            ):
                taken["address"] += 1
            else:
                await shopper.send(GOOD_ADDRESS)
                address = GOOD_ADDRESS
            replies = await shopper.send(comment)
            if replies[-1].text == reask("checkout.bad_comment", "checkout.ask_comment"):
                await shopper.press("Skip")
                comment = ""
            else:
                assert replies[-1].text == question("checkout.confirm_question"), (case, replies)
                taken["comment"] += 1
            await shopper.press("✅ Confirm")
            placed = await shopper.expect_message(timeout=10)

            order = await order_of(shopper)
            assert placed.text.startswith(f"✅ Order #{order.id} is placed!"), (case, placed)
            assert order.customer_name == clean_name(name), case
            assert order.phone == clean_phone(phone), case
            assert order.address == clean_address(address), case
            assert order.comment == (clean_comment(comment) or ""), case
            assert_clean(order.customer_name, multiline=False, case=case)
            assert_clean(order.phone, multiline=False, case=case)
            assert_clean(order.address, multiline=True, case=case)
            assert_clean(order.comment, multiline=True, case=case)
    # The generator must reach both outcomes for every question, or it shows nothing.
    assert all(0 < count < CASES for count in taken.values()), taken
