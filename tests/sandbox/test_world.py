"""The web chat's contract: personas by id, and shoppers a visitor adds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fake_telegram import FakeTelegram
from sandbox.personas import DEFAULT_PERSONAS, FIRST_ADDED_SHOPPER_ID, PersonaRole
from sandbox.world import SandboxWorld, UnknownPersona


@pytest.fixture
def world() -> Iterator[SandboxWorld]:
    telegram = FakeTelegram()
    yield SandboxWorld(telegram, channel_id=None)
    telegram.close()


def test_added_shoppers_get_the_next_free_ids_and_exist_in_the_fake(world: SandboxWorld) -> None:
    zoe = world.add_shopper("  Zoe ", "en")
    ivan = world.add_shopper("Иван", "ru")

    assert (zoe.user_id, ivan.user_id) == (FIRST_ADDED_SHOPPER_ID, FIRST_ADDED_SHOPPER_ID + 1)
    assert zoe.first_name == "Zoe" and zoe.role is PersonaRole.SHOPPER
    assert world.personas == [*DEFAULT_PERSONAS, zoe, ivan]
    record = world.person(ivan.user_id).record
    assert (record.first_name, record.language_code, record.phone) == ("Иван", "ru", ivan.phone)


def test_a_restored_list_of_personas_goes_on_from_its_highest_id(world: SandboxWorld) -> None:
    world.add_shopper("Zoe", "en")
    restored = SandboxWorld(world.telegram, None, list(world.personas))

    assert restored.add_shopper("Max", "en").user_id == FIRST_ADDED_SHOPPER_ID + 1


@pytest.mark.parametrize(
    ("name", "language"), [("", "en"), ("   ", "ru"), ("x" * 65, "en"), ("Zoe", "de")]
)
def test_a_bad_name_or_language_is_refused_and_nothing_is_added(
    world: SandboxWorld, name: str, language: str
) -> None:
    with pytest.raises(ValueError, match=r"name|language"):
        world.add_shopper(name, language)
    assert world.personas == list(DEFAULT_PERSONAS)


def test_an_unknown_persona_is_refused(world: SandboxWorld) -> None:
    with pytest.raises(UnknownPersona):
        world.person(12345)
