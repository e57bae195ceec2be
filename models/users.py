"""Shoppers as Telegram shows them: who they are, their language, when they were seen.

`record_user` is called when the update reader does not have a sender cached (and on
/start), so it is one statement (an upsert, with the access hash the update carries).
Ban and language are cached in process (`models.user_statuses`): their writers here take
the cache and forget the user.
`users.id` is the internal key other tables reference; handlers know the Telegram id,
hence the `telegram_id` arguments here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from piccolo.columns import BigInt, Boolean, Serial, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow
from models.text_cleaning import clean_text, cut_to
from models.user_statuses import UserStatusCache
from runtime.db_raw import fetch_rows

SUPPORTED_LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"


class User(Table, tablename="users"):
    id = Serial(primary_key=True)
    telegram_id = BigInt(unique=True)
    username = Varchar(length=64, null=True, default=None)
    first_name = Varchar(length=255, default="")
    last_name = Varchar(length=255, null=True, default=None)
    language = Varchar(length=8, default=DEFAULT_LANGUAGE)
    phone = Varchar(length=32, null=True, default=None)
    #: Telegram's hash of the user for this bot (`save_access_hash`); None until known.
    access_hash = BigInt(null=True, default=None)
    is_banned = Boolean(default=False)
    bot_blocked_at = Timestamptz(null=True, default=None)
    last_active_at = Timestamptz()
    created_at = Timestamptz()


@dataclass(frozen=True)
class UserStatus:
    """What the update reader needs about a sender on every update."""

    is_banned: bool
    language: str


#: `record_user`'s upsert, one plain statement on both engines (Piccolo's insert builds a
#: `User` and maps every column on each first visit): every column is written on
#: insert; on conflict only the names, `last_active_at`, `bot_blocked_at` (cleared) and,
#: when one is given, the access hash change.
_RECORD_USER = (
    "INSERT INTO users (telegram_id, username, first_name, last_name, language, phone,"
    " access_hash, is_banned, bot_blocked_at, last_active_at, created_at)"
    " VALUES ({{}}, {{}}, {{}}, {{}}, {{}}, NULL, {{}}, FALSE, NULL, {{}}, {{}})"
    " ON CONFLICT (telegram_id) DO UPDATE SET first_name = excluded.first_name,"
    " last_name = excluded.last_name, username = excluded.username,"
    " last_active_at = excluded.last_active_at, bot_blocked_at = NULL{access_hash}"
    " RETURNING is_banned, language"
)
_REFRESH_ACCESS_HASH = ", access_hash = excluded.access_hash"


async def record_user(
    telegram_id: int,
    *,
    first_name: str,
    last_name: str | None,
    username: str | None,
    language: str,
    access_hash: int | None = None,
) -> UserStatus:
    """Insert the user, or refresh their names; either way mark them active.

    `access_hash` (Telegram's hash of the user for this bot), when given, is stored in
    the same statement (`actors.updates.access_hashes`); None keeps the one stored.

    `language` is the language of a new user (from Telegram's language_code); a known
    user keeps the one stored, which they may have chosen in the bot. A message from a
    user also means they have not blocked the bot (any more), so `bot_blocked_at` is
    cleared. `is_banned`, `phone` and `created_at` are kept. The names are stored cleaned
    (`models.text_cleaning`) and cut to their columns: a NUL byte in a profile must not
    lock its owner out.
    """
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}: use one of {SUPPORTED_LANGUAGES}")
    now = utcnow()
    rows = await fetch_rows(
        User,
        _RECORD_USER.format(access_hash=_REFRESH_ACCESS_HASH if access_hash is not None else ""),
        telegram_id,
        _profile_text(username, User.username),
        _profile_text(first_name, User.first_name) or "",
        _profile_text(last_name, User.last_name),
        language,
        access_hash,
        now,
        now,
    )
    return UserStatus(bool(rows[0]["is_banned"]), str(rows[0]["language"]))


def _profile_text(raw: str | None, column: Varchar) -> str | None:
    """A name from a Telegram profile as stored: cleaned, cut to `column`; None if empty."""
    cleaned = clean_text(raw or "")
    if column.length is not None:
        cleaned = cut_to(cleaned, column.length)
    return cleaned or None


async def touch_last_active(telegram_id: int) -> UserStatus | None:
    """Move `last_active_at` to now and read back what every update needs, in one
    statement; None for a user the shop has not recorded yet."""
    rows = await (
        User.update({User.last_active_at: utcnow()})
        .where(User.telegram_id == telegram_id)
        .returning(User.is_banned, User.language)
        .run()
    )
    if not rows:
        return None
    return UserStatus(bool(rows[0]["is_banned"]), str(rows[0]["language"]))


async def set_language(statuses: UserStatusCache, telegram_id: int, language: str) -> None:
    """Store the user's language; their next update reads in it (`statuses` forgets them)."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}: use one of {SUPPORTED_LANGUAGES}")
    try:
        await User.update({User.language: language}).where(User.telegram_id == telegram_id).run()
    finally:
        statuses.forget(telegram_id)


async def get_user(telegram_id: int) -> User | None:
    return await User.objects().where(User.telegram_id == telegram_id).first().run()


async def users_id_of(telegram_id: int) -> int | None:
    """`users.id` (the key carts and orders reference) of a Telegram user, if recorded."""
    row = await User.select(User.id).where(User.telegram_id == telegram_id).first().run()
    return None if row is None else int(row["id"])


async def set_phone(telegram_id: int, phone: str | None) -> None:
    """Once per checkout (the contact step): one plain statement, not Piccolo's builder."""
    await fetch_rows(User, "UPDATE users SET phone = {} WHERE telegram_id = {}", phone, telegram_id)


async def set_banned(statuses: UserStatusCache, telegram_id: int, banned: bool) -> bool:
    """Ban or unban; False when there is no such user. The user's next update sees it
    (`statuses` forgets them; inside a transaction, forget again after the commit)."""
    try:
        rows = await (
            User.update({User.is_banned: banned})
            .where(User.telegram_id == telegram_id)
            .returning(User.id)
            .run()
        )
    finally:
        statuses.forget(telegram_id)
    return bool(rows)


async def mark_bot_blocked(telegram_id: int, at: datetime | None = None) -> None:
    """Record that Telegram refused a message because the user blocked the bot."""
    await (
        User.update({User.bot_blocked_at: at or utcnow()})
        .where(User.telegram_id == telegram_id)
        .run()
    )


async def save_access_hash(telegram_id: int, access_hash: int) -> bool:
    """Store the user's access hash (Telegram's, for this bot); False when there is no
    such user (not recorded yet). Callers write only a new or changed hash
    (`actors.updates.access_hashes`)."""
    rows = await (
        User.update({User.access_hash: access_hash})
        .where(User.telegram_id == telegram_id)
        .returning(User.id)
        .run()
    )
    return bool(rows)


async def get_access_hash(telegram_id: int) -> int | None:
    """The user's stored access hash; None when unknown (or no such user)."""
    row = await User.select(User.access_hash).where(User.telegram_id == telegram_id).first().run()
    return None if row is None or row["access_hash"] is None else int(row["access_hash"])
