"""`python main.py check`: the seed's production checklist, one line a check, on real
PostgreSQL and Redis; exit 0 only when every line holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import Settings
from runtime.cache import RedisCache
from runtime.database import open_database

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
API_HASH = "0123456789abcdef0123456789abcdef"

EVERY_LINE = [
    ".env valid",
    "ENVIRONMENT=production",
    "LOG_FORMAT=json",
    "LOG_LEVEL is not DEBUG",
    "database reachable",
    "migrations current",
    "seed indexes present",
    "Redis reachable",
    "superadmins set",
    "log directory writable",
    "logs rotate",
    "Telegram credentials present",
]


def production_env(tmp_path: Path, database: Settings) -> dict[str, str]:
    return {
        "ENVIRONMENT": "production",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        "LOG_FILE_PATH": str(tmp_path / "logs" / "bot.log"),
        "POSTGRES_HOST": "127.0.0.1",
        "POSTGRES_PORT": "5432",
        "POSTGRES_DB": database.postgres_db,
        "POSTGRES_USER": database.postgres_user,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "SUPERADMIN_IDS": "123456789",
        "BOT_TOKEN": TOKEN,
        "API_ID": "12345",
        "API_HASH": API_HASH,
    }


def run_check(
    tmp_path: Path, values: dict[str, str], *arguments: str, secrets_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python main.py check` in `tmp_path` with these `.env` values and nothing else of
    the developer's environment."""
    (tmp_path / ".env").write_text("".join(f"{key}={value}\n" for key, value in values.items()))
    environment = {
        key: value
        for key, value in os.environ.items()
        if key.lower() not in Settings.model_fields and key != "SECRETS_DIR"
    }
    environment["SECRETS_DIR"] = str(secrets_dir or tmp_path / "no-secrets")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", *arguments],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def lines(stdout: str) -> dict[str, tuple[bool, str]]:
    """title -> (ticked, the rest of its line and its fix)."""
    found: dict[str, tuple[bool, str]] = {}
    title = ""
    for line in stdout.splitlines():
        if line.startswith("✓ "):
            title, _, rest = line[2:].partition(" (")
            found[title] = (True, rest)
        elif line.startswith("✗ "):
            title, _, rest = line[2:].partition(": ")
            found[title] = (False, rest)
        elif line.startswith("    ") and title:
            ok, rest = found[title]
            found[title] = (ok, f"{rest}\n{line.strip()}")
    return found


@pytest.mark.postgres
async def test_a_production_configuration_passes_every_line_and_exits_0(
    tmp_path: Path, postgres_database: Settings, redis_cache: RedisCache
) -> None:
    async with open_database(postgres_database):
        pass  # migrated, as the bot leaves it

    result = run_check(tmp_path, production_env(tmp_path, postgres_database))

    assert result.returncode == 0, result.stdout + result.stderr
    found = lines(result.stdout)
    assert list(found) == EVERY_LINE
    assert all(ok for ok, _ in found.values()), result.stdout
    assert "idx_products_available_category" in found["seed indexes present"][1]
    assert "bot.log.1 .. bot.log.5" in found["logs rotate"][1]


@pytest.mark.postgres
async def test_a_broken_configuration_names_each_failing_line_with_its_fix_and_exits_1(
    tmp_path: Path, postgres_database: Settings
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the log directory should be")
    values = production_env(tmp_path, postgres_database) | {
        "ENVIRONMENT": "development",
        "LOG_FORMAT": "text",
        "LOG_LEVEL": "DEBUG",
        "LOG_FILE_PATH": str(blocked / "logs" / "bot.log"),
        "LOG_BACKUP_COUNT": "0",
        "REDIS_PORT": "1",
        "SUPERADMIN_IDS": "",
        "BOT_TOKEN": "",
    }

    result = run_check(tmp_path, values)  # the database exists but was never migrated

    assert result.returncode == 1
    found = lines(result.stdout)
    assert list(found) == EVERY_LINE
    failing = [title for title, (ok, _) in found.items() if not ok]
    assert failing == [
        "ENVIRONMENT=production",
        "LOG_FORMAT=json",
        "LOG_LEVEL is not DEBUG",
        "migrations current",
        "seed indexes present",
        "Redis reachable",
        "superadmins set",
        "log directory writable",
        "logs rotate",
        "Telegram credentials present",
    ]
    assert "fix: set ENVIRONMENT=production in .env" in found["ENVIRONMENT=production"][1]
    assert "idx_users_last_active" in found["seed indexes present"][1]
    assert "apply-migrations.sh" in found["migrations current"][1]
    assert "127.0.0.1:1" in found["Redis reachable"][1]
    assert "missing: BOT_TOKEN" in found["Telegram credentials present"][1]
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.postgres
def test_an_unreachable_database_is_a_cross_and_its_password_is_never_printed(
    tmp_path: Path,
) -> None:
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "postgres_password").write_text("pg-secret-from-a-file\n")
    values = {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": "1", "ENVIRONMENT": "production"}

    result = run_check(tmp_path, values, secrets_dir=secrets)

    assert result.returncode == 1
    found = lines(result.stdout)
    assert found["database reachable"][0] is False
    assert "127.0.0.1:1/telegram_bot as botuser" in found["database reachable"][1]
    assert found["migrations current"][0] is False
    assert found["migrations current"][1].startswith("not checked: no database")
    assert "pg-secret-from-a-file" not in result.stdout + result.stderr


def test_an_invalid_configuration_exits_2_naming_the_variable(tmp_path: Path) -> None:
    result = run_check(tmp_path, {"HTTP_PORT": "eighty", "BOT_TOKEN": "SECRET-not-a-token"})

    assert result.returncode == 2
    assert result.stdout.startswith("✗ .env valid: the configuration is invalid")
    assert "HTTP_PORT: invalid value" in result.stdout
    assert "BOT_TOKEN: invalid value" in result.stdout
    assert "SECRET-not-a-token" not in result.stdout + result.stderr
    assert "eighty" not in result.stdout + result.stderr


def test_online_without_telegram_is_a_cross_with_a_reason_not_a_traceback(
    tmp_path: Path,
) -> None:
    values = {"BOT_TOKEN": TOKEN, "API_ID": "12345", "API_HASH": API_HASH}

    result = run_check(tmp_path, values, "--online", "--online-timeout", "5")

    assert result.returncode == 1
    ok, reason = lines(result.stdout)["the bot logs in to Telegram"]
    assert not ok
    assert reason.split("\n")[0].strip()  # a reason, whatever the network did
    assert "Traceback" not in result.stdout + result.stderr
    for secret in (TOKEN, API_HASH):
        assert secret not in result.stdout + result.stderr
