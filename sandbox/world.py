"""What the sandbox process hands to its web chat: the fake Telegram and who can use it.

`sandbox/run.py` builds one `SandboxWorld` (the fake Telegram the real app runs against,
the bot, the shop channel and the personas) and passes it to the web chat's factory
(`sandbox.web.app.build_web_chat(world)`), which serves it beside /health and /metrics.
The web chat reads chats from `world.telegram` and acts through its simulated users.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fake_telegram import FakeTelegram, SimulatedUser
from sandbox.personas import DEFAULT_PERSONAS, FIRST_ADDED_SHOPPER_ID, Persona, PersonaRole

LANGUAGES = ("ru", "en")


class UnknownPersona(LookupError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"no persona has the id {user_id}")
        self.user_id = user_id


@dataclass
class SandboxWorld:
    telegram: FakeTelegram
    #: The shop channel's Bot API id (-100...), None when the sandbox runs without one.
    channel_id: int | None
    personas: list[Persona] = field(default_factory=lambda: list(DEFAULT_PERSONAS))

    def __post_init__(self) -> None:
        for persona in self.personas:
            self._introduce(persona)

    @property
    def bot_id(self) -> int:
        return self.telegram.bot_id

    def persona(self, user_id: int) -> Persona:
        for persona in self.personas:
            if persona.user_id == user_id:
                return persona
        raise UnknownPersona(user_id)

    def person(self, user_id: int) -> SimulatedUser:
        """The simulated Telegram user behind a persona (raises UnknownPersona)."""
        persona = self.persona(user_id)
        return self.telegram.user(persona.user_id)

    def add_shopper(self, first_name: str, language: str) -> Persona:
        """A new shopper persona with the next free id (name and language checked)."""
        name = first_name.strip()
        if not name or len(name) > 64:
            raise ValueError("a shopper's name is 1 to 64 characters")
        if language not in LANGUAGES:
            raise ValueError(f"language is one of {', '.join(LANGUAGES)}")
        user_id = max([FIRST_ADDED_SHOPPER_ID - 1, *(p.user_id for p in self.personas)]) + 1
        persona = Persona(user_id, name, language, PersonaRole.SHOPPER, f"+7999{user_id:07d}")
        self.personas.append(persona)
        self._introduce(persona)
        return persona

    def _introduce(self, persona: Persona) -> None:
        self.telegram.user(
            persona.user_id,
            first_name=persona.first_name,
            lang=persona.language,
            phone=persona.phone,
        )
