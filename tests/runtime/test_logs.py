"""Logging: JSON lines, rotation, and secrets scrubbed whoever logged them."""

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from loguru import logger

from runtime.logs import configure_logging

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
API_HASH = "0123456789abcdef0123456789abcdef"
PASSWORD = "pg-pass-very-secret"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    yield
    logger.remove()
    logging.basicConfig(handlers=[], force=True)


def configure(tmp_path: Path, log_format: str = "json", **overrides: object) -> io.StringIO:
    stream = io.StringIO()
    options: dict[str, object] = {
        "level": "DEBUG",
        "log_format": log_format,
        "file_path": tmp_path / "logs" / "bot.log",
        "max_bytes": 10_485_760,
        "backup_count": 5,
        "secrets": [TOKEN, API_HASH, PASSWORD],
        "stream": stream,
    }
    options.update(overrides)
    configure_logging(**options)  # type: ignore[arg-type]
    return stream


def test_json_format_writes_one_parseable_object_per_line_to_stderr_and_file(
    tmp_path: Path,
) -> None:
    stream = configure(tmp_path)

    logger.bind(actor="order_processor").info("order {} stored", 17, order_id=17)
    logging.getLogger("asyncpg.pool").warning("pool is %s", "busy")

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    file_lines = [
        json.loads(line) for line in (tmp_path / "logs" / "bot.log").read_text().splitlines()
    ]
    assert lines == file_lines
    first, second = lines
    assert first["message"] == "order 17 stored"
    assert first["level"] == "info"
    assert first["actor"] == "order_processor"
    assert first["order_id"] == 17
    assert first["logger"] == __name__
    assert "time" in first
    assert second == {
        "time": second["time"],
        "level": "warning",
        "message": "pool is busy",
        "logger": "asyncpg.pool",
    }


def test_rotation_at_max_bytes_keeps_backup_count_files(tmp_path: Path) -> None:
    configure(tmp_path, max_bytes=2048, backup_count=3)

    for number in range(400):
        logger.info("line {} {}", number, "x" * 60)

    files = sorted((tmp_path / "logs").iterdir())
    assert len(files) == 3 + 1  # the backups plus the file being written
    assert all(path.stat().st_size <= 2048 + 512 for path in files)


def test_rotated_files_are_numbered_newest_first_as_the_find_command_expects(
    tmp_path: Path,
) -> None:
    configure(tmp_path, max_bytes=2048, backup_count=3)

    for number in range(400):
        logger.info("line {} {}", number, "x" * 60)

    logs = tmp_path / "logs"
    assert sorted(path.name for path in logs.iterdir()) == [
        "bot.log",
        "bot.log.1",
        "bot.log.2",
        "bot.log.3",
    ]
    # `find logs/ -name "bot.log.*"` selects the backups and never the live file.
    assert sorted(path.name for path in logs.glob("bot.log.*")) == [
        "bot.log.1",
        "bot.log.2",
        "bot.log.3",
    ]

    def numbers(path: Path) -> list[int]:
        return [
            int(json.loads(line)["message"].split()[1]) for line in path.read_text().splitlines()
        ]

    # Each backup holds older lines than the one before it, the live file the newest.
    newest_first = [logs / "bot.log", logs / "bot.log.1", logs / "bot.log.2", logs / "bot.log.3"]
    firsts = [numbers(path)[0] for path in newest_first]
    assert firsts == sorted(firsts, reverse=True)
    assert numbers(logs / "bot.log")[-1] == 399


def test_without_backups_the_rotated_file_is_dropped(tmp_path: Path) -> None:
    configure(tmp_path, max_bytes=2048, backup_count=0)

    for number in range(100):
        logger.info("line {} {}", number, "x" * 60)

    assert [path.name for path in (tmp_path / "logs").iterdir()] == ["bot.log"]


def test_json_levels_are_lower_case_so_jq_finds_errors(tmp_path: Path) -> None:
    stream = configure(tmp_path)

    logger.error("payment failed")
    logger.critical("supervisor gave up")
    logging.getLogger("asyncpg").error("connection lost")

    levels = [json.loads(line)["level"] for line in stream.getvalue().splitlines()]
    assert levels == ["error", "critical", "error"]


def test_a_token_logged_through_kurigrams_logger_comes_out_scrubbed(tmp_path: Path) -> None:
    stream = configure(tmp_path)

    logging.getLogger("pyrogram.session.session").info("auth with %s and %s", TOKEN, API_HASH)

    line = json.loads(stream.getvalue())
    assert line["logger"] == "pyrogram.session.session"
    assert line["message"] == "auth with *** and ***"


def test_secrets_are_scrubbed_from_extras_and_tracebacks_in_both_formats(tmp_path: Path) -> None:
    for log_format in ("json", "text"):
        stream = configure(tmp_path / log_format, log_format=log_format)
        try:
            raise ConnectionError(f"could not log in as {TOKEN} with password {PASSWORD}")
        except ConnectionError:
            logger.bind(dsn=f"postgres://bot:{PASSWORD}@db/shop").exception("login failed")

        written = stream.getvalue() + (tmp_path / log_format / "logs" / "bot.log").read_text()
        assert "ConnectionError: could not log in as *** with password ***" in written.replace(
            "\\n", "\n"
        )
        for secret in (TOKEN, PASSWORD):
            assert secret not in written


def test_an_unconfigured_bot_token_is_scrubbed_too(tmp_path: Path) -> None:
    stream = configure(tmp_path, secrets=[])
    other_token = "987654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9"

    logger.info("someone pasted {}", other_token)

    assert other_token not in stream.getvalue()


def test_text_format_is_readable_and_names_the_logger(tmp_path: Path) -> None:
    stream = configure(tmp_path, log_format="text")

    logging.getLogger("pyrogram.client").info("connected")

    line = stream.getvalue().strip()
    assert "INFO" in line and "pyrogram.client" in line and line.endswith("connected")
