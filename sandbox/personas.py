"""Who a visitor of the sandbox can be: simulated Telegram users of the fake world.

The four below exist from the first start (the admin and the superadmin are made so by
the sandbox's settings); a visitor adds more shoppers in the web chat. Ids are far from
real Telegram ids' usual range so a sandbox database is never mistaken for a real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PersonaRole(StrEnum):
    SHOPPER = "shopper"
    ADMIN = "admin"
    SUPERADMIN = "superadmin"


@dataclass(frozen=True)
class Persona:
    user_id: int
    first_name: str
    language: str  # Telegram's language_code: "ru" or "en"
    role: PersonaRole
    phone: str  # what "share contact" sends


RUSSIAN_SHOPPER = Persona(7_000_001, "Анна", "ru", PersonaRole.SHOPPER, "+79990000001")
ENGLISH_SHOPPER = Persona(7_000_002, "Emma", "en", PersonaRole.SHOPPER, "+447700900002")
ADMIN = Persona(7_000_003, "Admin", "en", PersonaRole.ADMIN, "+79990000003")
SUPERADMIN = Persona(7_000_004, "Owner", "en", PersonaRole.SUPERADMIN, "+79990000004")

DEFAULT_PERSONAS = (RUSSIAN_SHOPPER, ENGLISH_SHOPPER, ADMIN, SUPERADMIN)

#: Shoppers a visitor adds get ids from here up.
FIRST_ADDED_SHOPPER_ID = 7_100_000
