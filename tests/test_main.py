"""End to end: `main.serve` on a real database, real Kurigram over the fake Telegram."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import anyio
import pytest
from loguru import logger

import models.user_activity
from config import Settings
from fake_telegram import FakeTelegram
from main import RunningBot, run_until_stopped, serve
from models.users import User
from runtime.database import open_database
from tests.fixtures.app import bot_settings, running_bot
from tests.fixtures.database import make_settings

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)

if TYPE_CHECKING:
    from loguru import Message

ROOT = Path(__file__).resolve().parent.parent


async def http_get(port: int, path: str) -> tuple[int, bytes]:
    def fetch() -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    return await anyio.to_thread.run_sync(fetch)


async def test_russian_and_english_users_are_welcomed_in_their_language_and_recorded(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        alice = fake_telegram.user(1001, lang="ru", first_name="Алиса")
        bob = fake_telegram.user(1002, lang="en", first_name="Bob")

        await alice.send("/start")
        await bob.send("/start")

        assert alice.last_message.text.startswith("Здравствуйте, Алиса!")
        assert bob.last_message.text.startswith("Hello, Bob!")
        stored = await User.select(User.telegram_id, User.language, User.first_name).order_by(
            User.telegram_id
        )
        assert [(row["telegram_id"], row["language"], row["first_name"]) for row in stored] == [
            (1001, "ru", "Алиса"),
            (1002, "en", "Bob"),
        ]


async def last_active_of(telegram_id: int) -> datetime:
    row = await User.select(User.last_active_at).where(User.telegram_id == telegram_id).first()
    assert row is not None
    value: datetime = row["last_active_at"]
    return value


async def test_the_senders_last_active_time_is_written_at_most_once_a_minute(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        carol = fake_telegram.user(1003, lang="en", first_name="Carol")
        await carol.send("/start")
        assert await last_active_of(1003) > LONG_AGO  # written when first seen
        await User.update({User.last_active_at: LONG_AGO}).where(User.telegram_id == 1003)

        await carol.send("just saying hi")

        assert await last_active_of(1003) == LONG_AGO  # not again within the minute


async def test_last_active_times_still_queued_are_written_when_the_bot_stops(
    database: Settings, fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models.user_activity, "WRITE_EVERY", 0.0)  # queue every update
    async with running_bot(bot_settings(database), fake_telegram):
        dave = fake_telegram.user(1004, lang="en", first_name="Dave")
        await dave.send("/start")
        await User.update({User.last_active_at: LONG_AGO}).where(User.telegram_id == 1004)
        await dave.send("just saying hi")  # queued for the next flush
    async with open_database(database):
        assert await last_active_of(1004) > LONG_AGO


async def test_health_and_metrics_answer_while_the_bot_runs_on_postgresql_and_redis(
    postgres_database: Settings, redis_cache: object, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(postgres_database).model_copy(
        update={"redis_host": "127.0.0.1", "redis_port": 6379}
    )
    async with running_bot(settings, fake_telegram) as bot:
        assert bot.http_port is not None
        status, body = await http_get(bot.http_port, "/health")
        assert status == 200
        health = json.loads(body)
        assert health["status"] == "ok" and health["database"] == "up"
        assert set(health["actors"].values()) == {"running"}
        assert len(health["actors"]) == 5
        assert health["cache"] == "redis: up"

        status, body = await http_get(bot.http_port, "/metrics")
        assert status == 200
        assert b'shopbot_actor_up{actor="update_reader"} 1.0' in body
        assert b'shopbot_mailbox_depth{mailbox="order_processor"}' in body


async def test_startup_logs_the_two_lines_operators_look_for(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    seen: list[str] = []
    sink = logger.add(lambda message: seen.append(message.record["message"]), level="INFO")
    try:
        async with running_bot(bot_settings(database), fake_telegram):
            pass
    finally:
        logger.remove(sink)
    assert "✓ Database tables created successfully" in seen
    assert "✓ Bot started successfully" in seen
    assert seen.index("✓ Database tables created successfully") < seen.index(
        "✓ Bot started successfully"
    )
    assert "SIGTERM received, stopping" in seen


def run_main(tmp_path: Path, env_lines: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / ".env").write_text(env_lines)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key.upper() not in {name.upper() for name in Settings.model_fields}
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_telegram_credentials_exit_2_saying_what_to_put_in_env(tmp_path: Path) -> None:
    # In development the same start runs the sandbox (tests/sandbox/test_entry.py).
    result = run_main(tmp_path, "ENVIRONMENT=production\nLOG_FILE_PATH=\n")

    assert result.returncode == 2
    assert "Telegram credentials are missing: BOT_TOKEN, API_ID, API_HASH" in result.stderr
    assert "Put them in .env" in result.stderr
    assert "Enter phone number or bot token" not in result.stdout + result.stderr


def test_a_bad_setting_exits_2_naming_the_variable_without_the_secret(tmp_path: Path) -> None:
    result = run_main(
        tmp_path, "BOT_TOKEN=oops-SECRET-TOKEN-VALUE\nHTTP_PORT=eighty\nLOG_FILE_PATH=\n"
    )

    assert result.returncode == 2
    assert "HTTP_PORT: invalid value; expected a port number" in result.stderr
    assert "eighty" not in result.stderr
    assert "BOT_TOKEN: invalid value" in result.stderr
    assert "SECRET-TOKEN-VALUE" not in result.stdout + result.stderr


def test_main_exits_0_after_sigterm(sqlite_database: Settings, fake_telegram: FakeTelegram) -> None:
    """`main`'s own loop and exit code: SIGTERM arrives once the bot reports started."""

    def stop_when_started(message: Message) -> None:
        if message.record["message"] == "✓ Bot started successfully":
            os.kill(os.getpid(), signal.SIGTERM)

    sink = logger.add(stop_when_started, level="SUCCESS")
    try:
        exit_code = run_until_stopped(bot_settings(sqlite_database), fake_telegram.client_factory())
    finally:
        logger.remove(sink)
    assert exit_code == 0


def test_main_exits_1_when_the_database_cannot_be_opened(
    tmp_path: Path, fake_telegram: FakeTelegram
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the database folder should be")
    settings = make_settings(sqlite_path=blocked / "shop.sqlite3", log_file_path=None)

    assert run_until_stopped(settings, fake_telegram.client_factory()) == 1


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
async def test_sigterm_and_sigint_stop_the_bot_gracefully(
    sqlite_database: Settings, fake_telegram: FakeTelegram, signal_number: signal.Signals
) -> None:
    settings = bot_settings(sqlite_database)
    with anyio.fail_after(15):
        async with anyio.create_task_group() as tasks:
            bot: RunningBot = await tasks.start(
                partial(serve, settings, fake_telegram.client_factory(), observer=fake_telegram)
            )
            os.kill(os.getpid(), signal_number)
    assert bot.supervisor.running_children() == []
    assert not bot.supervisor.stats.crashes
