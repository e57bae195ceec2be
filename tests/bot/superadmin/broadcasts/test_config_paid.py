"""BROADCAST_PAID: above Telegram's free 30 msg/s only with paid broadcasts, up to 1000."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import SettingsError, load_settings


def settings_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: str) -> object:
    for name in ("BROADCAST_RATE", "BROADCAST_PAID"):
        monkeypatch.delenv(name, raising=False)
    env = tmp_path / ".env"
    env.write_text(lines)
    return load_settings(env)


def test_over_30_a_second_needs_paid_broadcasts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SettingsError) as refused:
        settings_from(tmp_path, monkeypatch, "BROADCAST_RATE=100\n")
    assert refused.value.problems == [
        "BROADCAST_RATE: invalid value; expected messages per second, a number greater than 0:"
        " at most 30 (Telegram's free limit), or at most 1000 with BROADCAST_PAID=true"
    ]
    paid = settings_from(tmp_path, monkeypatch, "BROADCAST_RATE=1000\nBROADCAST_PAID=true\n")
    assert paid.broadcast_rate == 1000 and paid.broadcast_paid  # type: ignore[attr-defined]
    free = settings_from(tmp_path, monkeypatch, "BROADCAST_RATE=30\n")
    assert free.broadcast_rate == 30 and not free.broadcast_paid  # type: ignore[attr-defined]
    with pytest.raises(SettingsError):
        settings_from(tmp_path, monkeypatch, "BROADCAST_RATE=1001\nBROADCAST_PAID=true\n")
