"""Keeps secrets out of every text the bot writes: log lines, tracebacks, alerts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK = "***"

# A Telegram bot token (`123456789:AA...`), even one that is not configured here.
BOT_TOKEN_PATTERN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{30,}\b")


class SecretScrubber:
    """Replaces known secret values and anything shaped like a bot token with `***`."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Longest first, so a secret that contains another is masked whole.
        self._secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return BOT_TOKEN_PATTERN.sub(MASK, text)

    def scrub_value(self, value: Any) -> Any:
        """Scrubs strings inside plain containers; other values pass through untouched."""
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, Mapping):
            return {key: self.scrub_value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.scrub_value(item) for item in value)
        return value
