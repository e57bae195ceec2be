"""DB_ECHO: every statement is logged through loguru at DEBUG, not printed."""

from __future__ import annotations

import pytest
from loguru import logger

from config import Settings
from models.users import get_user
from runtime.database import open_database


async def test_echo_goes_to_loguru(database: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    messages: list[str] = []
    sink = logger.add(lambda m: messages.append(m.record["message"]), level="DEBUG")
    try:
        async with open_database(database.model_copy(update={"db_echo": True})):
            messages.clear()
            capsys.readouterr()
            await get_user(123)
    finally:
        logger.remove(sink)
    assert any(m.startswith("SQL #") and '"users"' in m for m in messages), messages
    assert "SELECT" not in capsys.readouterr().out
