"""Fixtures for the fake Telegram's own tests: the plugin's `fake_telegram` fixture."""

from fake_telegram.pytest_plugin import fake_telegram

__all__ = ["fake_telegram"]
