"""One-time sign-in links for the web admin, and the web admin's users.

An admin asks the bot for a link (`/web`); the link carries a random token that is
stored only as its SHA-256 hash (`token_hash`, unique index), valid for
`SIGN_IN_VALID_FOR` and good for one use: `redeem_sign_in_token` marks it used in the
same statement that checks it, so two tabs racing with one link sign in once.

Each Telegram admin who signs in gets a Piccolo `BaseUser` (what piccolo_admin's
sessions point at), created on first use, named `telegram:<id>`. It has no usable
password (its hash is not a hash): there is no password login, only these links.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import BigInt, BigSerial, Timestamptz, Varchar
from piccolo.table import Table

#: How long a sign-in link stays valid.
SIGN_IN_VALID_FOR = timedelta(minutes=5)
#: What a web user's username starts with (the rest is the Telegram id).
USERNAME_PREFIX = "telegram:"
#: Not a pbkdf2 hash, so no password ever matches it (and nothing is hashed to make it).
NO_PASSWORD = "pbkdf2_sha256$disabled"


class WebSignInToken(Table, tablename="web_sign_in_tokens"):
    id = BigSerial(primary_key=True)
    token_hash = Varchar(length=64)
    telegram_id = BigInt()
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_sign_in_token(telegram_id: int, now: datetime) -> str:
    """A new token for `telegram_id`, valid from `now` for `SIGN_IN_VALID_FOR`; only
    its hash is stored, so the token itself is returned once, here. Tokens expired a
    while ago are forgotten on the way."""
    await delete_stale_sign_in_tokens(now)
    token = secrets.token_urlsafe(32)
    await WebSignInToken.insert(
        WebSignInToken(
            token_hash=hash_token(token),
            telegram_id=telegram_id,
            created_at=now,
            expires_at=now + SIGN_IN_VALID_FOR,
        )
    ).run()
    return token


async def redeem_sign_in_token(token: str, now: datetime) -> int | None:
    """The Telegram id the token was made for, marking it used; None when it is unknown,
    used already or expired (nothing changes then)."""
    rows = await (
        WebSignInToken.update({WebSignInToken.used_at: now})
        .where(
            WebSignInToken.token_hash == hash_token(token),
            WebSignInToken.used_at.is_null(),
            WebSignInToken.expires_at > now,
        )
        .returning(WebSignInToken.telegram_id)
        .run()
    )
    return int(rows[0]["telegram_id"]) if rows else None


async def delete_stale_sign_in_tokens(now: datetime) -> None:
    """Forget tokens that can no longer be used (expired a while ago)."""
    await WebSignInToken.delete().where(WebSignInToken.expires_at < now - SIGN_IN_VALID_FOR).run()


def web_username(telegram_id: int) -> str:
    return f"{USERNAME_PREFIX}{telegram_id}"


def telegram_id_of(username: str) -> int | None:
    """The Telegram id behind a web user's name; None for any other user."""
    if not username.startswith(USERNAME_PREFIX):
        return None
    number = username.removeprefix(USERNAME_PREFIX)
    return int(number) if number.isdigit() else None


async def get_or_create_web_user(telegram_id: int) -> int:
    """The id of the `BaseUser` tied to this Telegram admin, created on first use."""
    username = web_username(telegram_id)
    row = await BaseUser.select(BaseUser.id).where(BaseUser.username == username).first().run()
    if row is not None:
        return int(row["id"])
    await (
        BaseUser.insert(
            BaseUser(  # type: ignore[no-untyped-call]
                username=username,
                password=NO_PASSWORD,
                email=f"{telegram_id}@telegram.invalid",
                active=True,
                admin=True,
                superuser=False,
            )
        )
        .on_conflict(target=BaseUser.username, action="DO NOTHING")
        .run()
    )
    created = await BaseUser.select(BaseUser.id).where(BaseUser.username == username).first().run()
    if created is None:  # inserted just now, or by a racing request: cannot be missing
        raise LookupError(f"the web user {username} was not created")
    return int(created["id"])


async def telegram_id_of_user(user_id: int) -> int | None:
    """The Telegram id of the web user `user_id`; None when there is no such web user."""
    row = await BaseUser.select(BaseUser.username).where(BaseUser.id == user_id).first().run()
    return None if row is None else telegram_id_of(str(row["username"]))
