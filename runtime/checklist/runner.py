"""Loads the configuration, runs every check in the seed checklist's order, prints one
line each (stdout), and turns the lines into the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import anyio

from config import Settings, SettingsError, load_settings
from runtime.checklist import service_checks, settings_checks
from runtime.checklist.report import CROSS, CheckResult
from runtime.db_engine import build_engine
from runtime.logs import configure_logging
from runtime.scrubbing import SecretScrubber
from runtime.telegram import ClientFactory, production_client_factory

#: 0: every line holds; 1: a check failed; 2: the configuration itself is invalid.
EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2

CONFIGURATION = ".env valid"
#: How long `--online` waits for the bot's login.
ONLINE_TIMEOUT = 30.0


def run_checklist(
    env_file: Path | None = Path(".env"),
    *,
    online: bool = False,
    online_timeout: float = ONLINE_TIMEOUT,
    out: TextIO = sys.stdout,
    client_factory: ClientFactory | None = None,
) -> int:
    """Runs the checklist and returns the exit code."""
    try:
        settings = load_settings(env_file)
    except SettingsError as error:
        print(f"{CROSS} {CONFIGURATION}: the configuration is invalid", file=out)
        for problem in error.problems:
            print(f"    {problem}", file=out)
        print(f"{CROSS} the other checks need a valid configuration: fix it first", file=out)
        return EXIT_CONFIG
    # Warnings of the libraries (Kurigram, asyncpg) go to stderr, scrubbed; no log file.
    configure_logging(
        level="WARNING",
        log_format="text",
        file_path=None,
        max_bytes=settings.log_max_bytes,
        backup_count=settings.log_backup_count,
        secrets=settings.secret_values(),
        stream=sys.stderr,
    )
    first = CheckResult.passed(CONFIGURATION, settings_checks.env_file_found(env_file))
    factory = client_factory or production_client_factory(settings, ephemeral=True)
    scrubber = SecretScrubber(settings.secret_values())
    results = [first]

    def report(result: CheckResult) -> None:
        results.append(result)
        print(result.line(scrubber), file=out, flush=True)

    print(first.line(), file=out, flush=True)
    anyio.run(run_checks, settings, report, online, online_timeout, factory, backend="asyncio")
    return EXIT_OK if all(result.ok for result in results) else EXIT_FAILED


async def run_checks(
    settings: Settings,
    report: Callable[[CheckResult], None],
    online: bool,
    online_timeout: float,
    factory: ClientFactory,
) -> None:
    """Every check after the configuration's, in the seed checklist's order."""
    for check in (
        settings_checks.check_environment,
        settings_checks.check_log_format,
        settings_checks.check_log_level,
    ):
        report(check(settings))
    # SQLite is not built: building it would create its folder, and production does
    # not run on it anyway (the database line says so).
    engine = build_engine(settings) if settings.uses_postgres else None
    database = await service_checks.check_database(settings, engine)
    report(database)
    if engine is not None and database.ok:
        report(await service_checks.check_migrations(engine))
        report(await service_checks.check_seed_indexes(engine))
    else:
        for title in ("migrations current", "seed indexes present"):
            report(CheckResult.failed(title, "not checked: no database", "see the line above"))
    report(await service_checks.check_redis(settings))
    for check in (
        settings_checks.check_superadmins,
        settings_checks.check_log_directory,
        settings_checks.check_log_rotation,
        settings_checks.check_telegram_credentials,
    ):
        report(check(settings))
    if online:
        report(await service_checks.check_telegram_login(factory, online_timeout))
