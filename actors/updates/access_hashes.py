"""Each sender's access hash, noted from their updates, so the bot can write to them
later from the database alone (`runtime.input_peers`: broadcasts, notices).

Kurigram's parsed user keeps the raw user it came from (`User.raw`), which carries the
hash Telegram gives this bot for that user. It is written only when new or changed
(`models.users.save_access_hash`): an in-process memo of the hashes already stored
makes the usual update cost nothing. The memo is bounded (the oldest entries go first),
so it does not grow with every shopper ever seen; a forgotten shopper costs one write
on their next update. A "min" user (Telegram's partial copy, whose hash cannot address
them) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyrogram.raw.types.user import User as RawUser
from pyrogram.types import User

from models.users import save_access_hash

#: Hashes remembered as stored, at most (a few tens of bytes each).
MEMO_SIZE = 100_000


def access_hash_of(user: User) -> int | None:
    """The access hash an update carries for its sender, if it carries a usable one."""
    raw = getattr(user, "raw", None)
    if not isinstance(raw, RawUser) or raw.min or not raw.access_hash:
        return None
    return int(raw.access_hash)


@dataclass
class AccessHashes:
    memo_size: int = MEMO_SIZE
    saved: int = 0  # writes made, for tests and benches
    _stored: dict[int, int] = field(default_factory=dict)

    async def note(self, user: User) -> None:
        """Store the sender's hash unless it is the one stored already (call once the
        user is recorded: the hash of a user not in the table is not kept)."""
        access_hash = access_hash_of(user)
        if access_hash is None or self._stored.get(user.id) == access_hash:
            return
        if await save_access_hash(user.id, access_hash):
            self.saved += 1
            self._remember(user.id, access_hash)

    def stored(self, telegram_id: int, access_hash: int | None) -> None:
        """Note a hash the caller has just stored itself (with the user's row:
        `models.users.record_user`), so `note` does not write it again."""
        if access_hash is not None:
            self._remember(telegram_id, access_hash)

    def _remember(self, telegram_id: int, access_hash: int) -> None:
        self._stored.pop(telegram_id, None)
        while len(self._stored) >= self.memo_size:
            del self._stored[next(iter(self._stored))]
        self._stored[telegram_id] = access_hash
