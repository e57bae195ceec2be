"""The callback key: derived from the bot token (never the token itself), or from a random
secret made once and kept in SESSION_DIR (0600); never a public constant."""

from __future__ import annotations

import hashlib
import stat
import threading
from pathlib import Path

import pytest
from pydantic import SecretStr

from config import Settings
from runtime.callback_key import (
    KEY_FILE,
    CallbackKeyFileInvalid,
    callback_key,
    derive_key,
    stored_secret,
)

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
OTHER_TOKEN = "123456789:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"


def settings(session_dir: Path, token: str | None = None) -> Settings:
    return Settings.model_validate(
        {"bot_token": SecretStr(token) if token else None, "session_dir": session_dir}
    )


def old_development_key() -> bytes:
    """The key every bot without a token used before: computable by anyone."""
    return hashlib.sha256(b"shopbot-callbacks:development").digest()


def test_with_a_token_the_key_is_derived_from_it_and_nothing_is_written(tmp_path: Path) -> None:
    key = callback_key(settings(tmp_path, TOKEN))

    assert len(key) == 32
    assert TOKEN.encode() not in key and key != hashlib.sha256(TOKEN.encode()).digest()
    assert key == callback_key(settings(tmp_path / "elsewhere", TOKEN))  # every replica
    assert key != callback_key(settings(tmp_path, OTHER_TOKEN))  # a new token retires it
    assert key != derive_key(TOKEN.encode(), b"another purpose")
    assert list(tmp_path.iterdir()) == []


def test_without_a_token_a_random_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    key = callback_key(settings(folder))

    kept = folder / KEY_FILE
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert len(kept.read_text().strip()) == 64
    assert callback_key(settings(folder)) == key  # the next start signs alike
    assert callback_key(settings(tmp_path / "another")) != key  # random, not a constant
    assert key not in (old_development_key(), derive_key(b"development"))
    assert [path.name for path in folder.iterdir()] == [KEY_FILE]  # no temporary left


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    found: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: found.append(stored_secret(tmp_path))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and len(set(found)) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == [KEY_FILE]


@pytest.mark.parametrize("content", ["", "development\n", "zz" * 32, "ab" * 16])
def test_a_damaged_key_file_is_named_not_replaced(tmp_path: Path, content: str) -> None:
    (tmp_path / KEY_FILE).write_text(content)
    with pytest.raises(CallbackKeyFileInvalid, match=KEY_FILE):
        callback_key(settings(tmp_path))
    assert (tmp_path / KEY_FILE).read_text() == content
