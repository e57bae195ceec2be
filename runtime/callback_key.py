"""The key that signs the bot's callback data (`bot.callbacks.CallbackCodec`).

It is derived (HKDF-SHA256, RFC 5869, with a purpose label), never the raw secret it
comes from:

* with a bot token, from the token: buttons stay valid across restarts and replicas,
  and a new token retires the old ones;
* without one (development, the sandbox, tests), from a random secret generated once
  and kept in SESSION_DIR as `callback.key` (mode 0600, written atomically, so
  processes starting together agree on one), so buttons outlive a restart there too.

There is no public fallback: data signed by a key anyone could compute would let anyone
forge any user's presses.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from config import Settings

KEY_FILE = "callback.key"
PURPOSE = b"shopbot/callback-data/v2"
SALT = b"shopbot"
SECRET_BYTES = 32


class CallbackKeyFileInvalid(Exception):
    """Raised when SESSION_DIR's callback key file exists but does not hold a key (64
    hexadecimal characters); deleting it makes a new one (and retires the buttons
    already sent)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} does not hold a callback key; delete it to make a new one")
        self.path = path


def derive_key(secret: bytes, purpose: bytes = PURPOSE) -> bytes:
    """32 bytes for `purpose` from `secret` (HKDF-SHA256: extract, then one block of
    expand)."""
    pseudo_random = hmac.new(SALT, secret, hashlib.sha256).digest()
    return hmac.new(pseudo_random, purpose + b"\x01", hashlib.sha256).digest()


def callback_key(settings: Settings) -> bytes:
    """The callback key for these settings (see the module docstring)."""
    if settings.bot_token is not None:
        return derive_key(settings.bot_token.get_secret_value().encode())
    return derive_key(stored_secret(settings.session_dir))


def stored_secret(folder: Path) -> bytes:
    """The random secret kept in `folder`, made (0600) the first time."""
    path = folder / KEY_FILE
    if not path.exists():
        _create(path)
    text = path.read_text().strip()
    if len(text) != 2 * SECRET_BYTES:
        raise CallbackKeyFileInvalid(path)
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise CallbackKeyFileInvalid(path) from None


def _create(path: Path) -> None:
    """Write a new secret to `path` unless another process just did: the secret is
    written in full to a private temporary file, which is then linked into place (a
    link never replaces an existing file)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".callback-key-")
    try:
        with os.fdopen(descriptor, "w") as file:  # mkstemp makes it 0600
            file.write(secrets.token_hex(SECRET_BYTES) + "\n")
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
