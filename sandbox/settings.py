"""The sandbox's settings and files, derived from the configured `Settings`.

Everything the sandbox keeps lives in one folder, `sandbox/` next to SQLITE_PATH
(`data/sandbox/` by default): the shop's SQLite database, the fake Telegram's saved world,
the demo photos, the web admin's uploads and the session folder (callback key, lease
file). PostgreSQL and Redis are used when POSTGRES_HOST / REDIS_HOST are set, as by the
live bot. The sandbox never
uses the Telegram credentials, listens on 127.0.0.1 only, makes the admin and superadmin
personas so, takes payments with a test provider token (the fake's payment flow) and
turns the web admin on (the admin persona's `/web` opens it beside the web chat).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from config import Settings
from sandbox.personas import ADMIN, SUPERADMIN

#: Telegram's test providers' tokens look like this; the fake accepts any non-empty one.
TEST_PAYMENT_PROVIDER_TOKEN = "284685063:TEST:sandbox"
LOCALHOST = "127.0.0.1"


@dataclass(frozen=True)
class SandboxPaths:
    """The sandbox's files, all under `folder`."""

    folder: Path

    @classmethod
    def of(cls, settings: Settings) -> SandboxPaths:
        return cls(settings.sqlite_path.parent / "sandbox")

    @property
    def shop_database(self) -> Path:
        return self.folder / "shop.sqlite3"

    @property
    def world(self) -> Path:
        return self.folder / "world.sqlite3"

    @property
    def photos(self) -> Path:
        return self.folder / "demo_photos"

    @property
    def sessions(self) -> Path:
        return self.folder / "sessions"

    @property
    def media(self) -> Path:
        """Photos uploaded in the web admin."""
        return self.folder / "media"

    def reset(self) -> list[Path]:
        """Delete the shop's SQLite database, the saved world, the demo photos and uploads (the
        session folder stays: its callback key is not state); the paths deleted."""
        deleted = []
        for database in (self.shop_database, self.world):
            for path in (database, *(Path(f"{database}{end}") for end in ("-wal", "-shm"))):
                if path.exists():
                    path.unlink()
                    deleted.append(path)
        for folder in (self.photos, self.media):
            if folder.is_dir():
                shutil.rmtree(folder)
                deleted.append(folder)
        return deleted


def sandbox_settings(
    settings: Settings, paths: SandboxPaths, *, channel_id: int, channel_thread_id: int
) -> Settings:
    """`settings` as the sandbox runs them (see the module docstring)."""
    paths.folder.mkdir(parents=True, exist_ok=True)
    return settings.model_copy(
        update={
            "bot_token": None,
            "api_id": None,
            "api_hash": None,
            "sqlite_path": paths.shop_database,
            "session_dir": paths.sessions,
            "http_host": LOCALHOST,
            "admin_ids": [ADMIN.user_id],
            "superadmin_ids": [SUPERADMIN.user_id],
            "channel_id": channel_id,
            "channel_thread_id": channel_thread_id,
            "payment_provider_token": SecretStr(TEST_PAYMENT_PROVIDER_TOKEN),
            # The web admin is on: the admin persona's /web opens it on the same port.
            "web_admin": True,
            "web_admin_url": None,
            "media_dir": paths.media,
        }
    )
