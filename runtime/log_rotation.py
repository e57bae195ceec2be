"""Numbered log backups: `bot.log` rotates to `bot.log.1`, `bot.log.1` to `bot.log.2`...

loguru names a rotated file after its creation time (`bot.2026-12-05_18-40-00_123456.log`),
which the usual operator commands do not find: `find logs/ -name "bot.log.*" -mtime +30
-delete`, logrotate-style tooling, `ls bot.log.*`. loguru lets a sink's `compression=`
be any callable, called with the path of the file it just rotated away (after closing
it, before opening the new one), so `NumberedBackups` is that callable: it shifts
`bot.log.1 .. bot.log.N-1` up by one, drops what would become `bot.log.N+1`, and moves
the file loguru rotated to `bot.log.1`. The sink needs no `retention=`: the count is
kept here. This is the naming (and the count) of the standard library's
`RotatingFileHandler`, which the seed's LOG_MAX_BYTES / LOG_BACKUP_COUNT come from.

One process owns a log file: replicas sharing a volume need their own LOG_FILE_PATH.
"""

from __future__ import annotations

import os
from pathlib import Path


class NumberedBackups:
    """loguru `compression=` callable keeping `backup_count` numbered backups of `path`."""

    def __init__(self, path: Path, backup_count: int) -> None:
        self.path = path.absolute()
        self.backup_count = backup_count

    def backup(self, number: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{number}")

    def __call__(self, rotated: str) -> None:
        if self.backup_count < 1:
            os.remove(rotated)
            return
        oldest = self.backup(self.backup_count)
        if oldest.exists():
            oldest.unlink()
        for number in range(self.backup_count - 1, 0, -1):
            source = self.backup(number)
            if source.exists():
                source.rename(self.backup(number + 1))
        os.replace(rotated, self.backup(1))
