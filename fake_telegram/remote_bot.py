"""Run the real app (`main.serve`) against a fake Telegram in another process.

    python -m fake_telegram.remote_bot --connect 127.0.0.1:PORT [--bot-id ID]

Settings come from the environment and `.env` as for `main.py` (the Telegram
credentials are not needed: the client is a fake one, logged in already). The test
process runs `fake_telegram.remote.serve_remote(tg)`; this process can be killed at any
moment (SIGKILL) and started again, and Telegram's memory is still there. `main.py`
stays free of test hooks: this module builds the client and the observer and calls
`main.serve` like `main.run_until_stopped` does.

Exit codes as `main.py`: 0 after SIGTERM/SIGINT, 1 when the bot failed, 2 for bad
settings.
"""

from __future__ import annotations

import argparse
import sys

from pyrogram import Client

from config import Settings
from fake_telegram.client import build_client, session_string
from fake_telegram.remote import connect_remote
from fake_telegram.telegram import DEFAULT_BOT_ID
from main import EXIT_CONFIG, run_to_exit_code, serve, settings_or_explain
from models import telegram_sessions
from runtime.lease import build_lease
from runtime.logs import configure_from_settings
from runtime.telegram import SESSION_NAME
from runtime.telegram_storage import DatabaseStorage


async def run(settings: Settings, address: str, bot_id: int) -> None:
    async with connect_remote(address) as host:
        host.watch_dispatcher_errors()

        def client_factory() -> Client:
            # As in production: on PostgreSQL the session lives in the database, so a
            # replica that takes over has it (seeded here with the fake's login).
            storage = (
                DatabaseStorage(
                    SESSION_NAME,
                    telegram_sessions,
                    seed_session_string=session_string(bot_id=bot_id),
                )
                if settings.uses_postgres
                else None
            )
            return build_client(host, bot_id=bot_id, storage=storage)

        await serve(
            settings,
            client_factory,
            observer=host,
            lease=build_lease(settings, bot_id),
            settle_gc=True,  # a process of its own, as main.py's
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fake_telegram.remote_bot")
    parser.add_argument("--connect", required=True, help="HOST:PORT of serve_remote()")
    parser.add_argument("--bot-id", type=int, default=DEFAULT_BOT_ID)
    args = parser.parse_args(argv)
    settings = settings_or_explain()
    if settings is None:
        return EXIT_CONFIG
    configure_from_settings(settings)
    return run_to_exit_code(run, settings, args.connect, args.bot_id)


if __name__ == "__main__":
    sys.exit(main())
