"""pytest fixture: `fake_telegram`, a fresh `FakeTelegram` that fails the test on handler errors.

Register with `pytest_plugins = ["fake_telegram.pytest_plugin"]` in tests/conftest.py.
A test that expects handler errors takes them with `tg.take_handler_errors()`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fake_telegram.telegram import FakeTelegram


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    tg = FakeTelegram()
    try:
        yield tg
    finally:
        tg.close()
    tg.assert_no_handler_errors()
