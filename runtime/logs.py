"""Logging: loguru for everything, JSON lines or text, rotation, secrets scrubbed.

JSON lines carry the level in lower case (`"level": "error"`); the file rotates at
`max_bytes` into `bot.log.1` ... `bot.log.N` (`runtime.log_rotation`).

All records pass one patcher that scrubs the message, the extras and the
exception text, then renders the exception itself (loguru's own rendering would
print the unscrubbed traceback). Standard `logging` records (Kurigram, asyncpg,
uvicorn) are routed into loguru with their original logger name.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO

from loguru import logger

from runtime.log_rotation import NumberedBackups
from runtime.scrubbing import SecretScrubber

if TYPE_CHECKING:
    from loguru import Record

    from config import Settings

# Extras that are the logger's plumbing, not fields a reader wants in a line.
INTERNAL_EXTRAS = frozenset({"json_line", "exception_text", "logger"})

TEXT_FORMAT = (
    "<green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | "
    "<cyan>{extra[logger]}</cyan> | {message}{extra[exception_text]}"
)
JSON_FORMAT = "{extra[json_line]}"


class InterceptHandler(logging.Handler):
    """Sends a standard `logging` record to loguru, keeping the original logger's name."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        logger.bind(logger=record.name).opt(exception=record.exc_info).log(
            level, record.getMessage()
        )


def make_patcher(scrubber: SecretScrubber) -> Any:
    def patch(record: Record) -> None:
        extra = record["extra"]
        record["message"] = scrubber.scrub(record["message"])
        for key, value in list(extra.items()):
            extra[key] = scrubber.scrub_value(value)
        if not extra.get("logger"):
            extra["logger"] = record["name"] or ""
        exception_text = ""
        if record["exception"] is not None:
            exc_type, exc_value, exc_tb = record["exception"]
            rendered = "".join(traceback.format_exception(exc_type, exc_value, exc_tb))
            exception_text = scrubber.scrub(rendered).rstrip("\n")
            record["exception"] = None
        extra["exception_text"] = f"\n{exception_text}" if exception_text else ""
        extra["json_line"] = render_json(record, exception_text)

    return patch


def render_json(record: Record, exception_text: str) -> str:
    extra = record["extra"]
    line: dict[str, Any] = {
        "time": record["time"].isoformat(),
        # Lower case, as most JSON log tooling expects: `jq 'select(.level == "error")'`.
        "level": record["level"].name.lower(),
        "message": record["message"],
        "logger": extra.get("logger") or record["name"],
    }
    for key, value in extra.items():
        if key not in INTERNAL_EXTRAS:
            line[key] = value
    if exception_text:
        line["exception"] = exception_text
    return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(
    *,
    level: str,
    log_format: Literal["json", "text"],
    file_path: Path | None,
    max_bytes: int,
    backup_count: int,
    secrets: list[str],
    stream: TextIO | None = None,
) -> None:
    """Replaces every loguru sink and routes the standard `logging` module into loguru."""
    logger.remove()
    logger.configure(patcher=make_patcher(SecretScrubber(secrets)), extra={"logger": ""})
    line_format = JSON_FORMAT if log_format == "json" else TEXT_FORMAT
    common: dict[str, Any] = {"level": level, "backtrace": False, "diagnose": False}
    logger.add(
        stream or sys.stderr,
        format=line_format,
        colorize=log_format == "text" and stream is None,
        **common,
    )
    if file_path is not None:
        file_path.parent.mkdir(parents=True, exist_ok=True)
        logger.add(
            file_path,
            format=line_format,
            rotation=max_bytes,
            compression=NumberedBackups(file_path, backup_count),
            encoding="utf-8",
            colorize=False,
            **common,
        )
    logging.basicConfig(handlers=[InterceptHandler()], level=0, force=True)


def configure_from_settings(settings: Settings, stream: TextIO | None = None) -> None:
    configure_logging(
        level=settings.log_level,
        log_format=settings.effective_log_format,
        file_path=settings.log_file_path,
        max_bytes=settings.log_max_bytes,
        backup_count=settings.log_backup_count,
        secrets=settings.secret_values(),
        stream=stream,
    )
