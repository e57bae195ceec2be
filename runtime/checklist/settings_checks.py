"""Checks that read only the configuration (and the log directory on disk)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from config import Settings
from runtime.checklist.report import CheckResult, describe_error

DEBUG_LEVELS = frozenset({"TRACE", "DEBUG"})


def check_environment(settings: Settings) -> CheckResult:
    title = "ENVIRONMENT=production"
    if settings.environment == "production":
        return CheckResult.passed(title)
    return CheckResult.failed(
        title, f"ENVIRONMENT is {settings.environment}", "set ENVIRONMENT=production in .env"
    )


def check_log_format(settings: Settings) -> CheckResult:
    title = "LOG_FORMAT=json"
    if settings.effective_log_format == "json":
        return CheckResult.passed(title)
    return CheckResult.failed(
        title,
        f"logs are written as {settings.effective_log_format}",
        "set LOG_FORMAT=json in .env (one JSON object a line, for jq and log collectors)",
    )


def check_log_level(settings: Settings) -> CheckResult:
    title = "LOG_LEVEL is not DEBUG"
    if settings.log_level not in DEBUG_LEVELS:
        return CheckResult.passed(title, f"LOG_LEVEL={settings.log_level}")
    return CheckResult.failed(
        title,
        f"LOG_LEVEL={settings.log_level} (every detail: too much for production logs)",
        "set LOG_LEVEL=INFO in .env",
    )


def check_superadmins(settings: Settings) -> CheckResult:
    title = "superadmins set"
    count = len(settings.superadmin_ids)
    if count:
        return CheckResult.passed(title, f"{count} in SUPERADMIN_IDS")
    return CheckResult.failed(
        title,
        "SUPERADMIN_IDS is empty: nobody gets /superadmin nor the critical alerts",
        "set SUPERADMIN_IDS=<your Telegram user id>[,<another>] in .env",
    )


def check_telegram_credentials(settings: Settings) -> CheckResult:
    title = "Telegram credentials present"
    missing = settings.missing_telegram_credentials()
    if not missing:
        return CheckResult.passed(title, "BOT_TOKEN, API_ID, API_HASH")
    return CheckResult.failed(
        title,
        f"missing: {', '.join(missing)}",
        "BOT_TOKEN from @BotFather, API_ID and API_HASH from https://my.telegram.org, in .env"
        " or as files in the secrets directory (README, Secrets)",
    )


def check_log_directory(settings: Settings) -> CheckResult:
    """The log file's directory exists (or can be made) and a file can be written there."""
    title = "log directory writable"
    path = settings.log_file_path
    if path is None:
        return CheckResult.failed(
            title,
            "LOG_FILE_PATH is empty: logs go to stderr only, nothing is kept on disk",
            "set LOG_FILE_PATH=logs/bot.log in .env",
        )
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".check-"):
            pass
    except OSError as error:
        return CheckResult.failed(
            title,
            f"cannot write in {directory}: {describe_error(error)}",
            f"create {directory} and let the bot's user write in it, or change LOG_FILE_PATH",
        )
    return CheckResult.passed(title, str(directory))


def check_log_rotation(settings: Settings) -> CheckResult:
    title = "logs rotate"
    if settings.log_file_path is None:
        return CheckResult.failed(
            title, "no log file (LOG_FILE_PATH is empty)", "set LOG_FILE_PATH=logs/bot.log"
        )
    if settings.log_backup_count < 1:
        return CheckResult.failed(
            title,
            "LOG_BACKUP_COUNT=0: each rotation throws the previous file away",
            "set LOG_BACKUP_COUNT=5 in .env",
        )
    name = settings.log_file_path.name
    return CheckResult.passed(
        title,
        f"at {settings.log_max_bytes} bytes into {name}.1 .. {name}.{settings.log_backup_count}",
    )


def env_file_found(env_file: Path | None) -> str:
    """What the configuration line says about the `.env` file."""
    if env_file is None:
        return "environment only"
    if env_file.is_file():
        return f"{os.fspath(env_file)} and the environment"
    return f"no {os.fspath(env_file)}: the environment only"
