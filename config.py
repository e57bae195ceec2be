"""Settings from the environment and `.env`: the only reader of `os.environ`.

`load_settings()` turns every validation problem into one line that names the
variable (and the item, in a list) and says what is expected. No input value ever
appears in that text, not only the secrets' (a secret pasted into the wrong variable is
still a secret): pydantic's own error messages echo the input, so they are rebuilt here
from the error's location and the hints below.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

IdList = Annotated[list[int], NoDecode]
#: Every delivery method the shop knows (each has its texts and knows whether it needs
#: an address); DELIVERY_METHODS picks which of them, in which order, checkout offers.
DeliveryMethod = Literal["courier", "pickup", "post"]
DELIVERY_METHODS: tuple[DeliveryMethod, ...] = ("courier", "pickup", "post")
DeliveryMethods = Annotated[list[DeliveryMethod], NoDecode, Field(min_length=1)]

EXPECTED: dict[str, str] = {
    "bot_token": "the bot token from @BotFather, like 123456:ABC-DEF...",
    "environment": "'development' or 'production'",
    "api_id": "the integer api_id from https://my.telegram.org",
    "api_hash": "the 32-character api_hash from https://my.telegram.org",
    "postgres_host": "a host name; leave it unset to run on SQLite",
    "postgres_port": "a port number from 1 to 65535",
    "postgres_db": "a database name",
    "postgres_user": "a database user name",
    "postgres_password": "the database password",
    "redis_host": "a host name; leave it unset to use the in-process cache",
    "redis_port": "a port number from 1 to 65535",
    "redis_password": "the Redis password",
    "sqlite_path": "a file path for the SQLite database",
    "log_level": "one of TRACE, DEBUG, INFO, SUCCESS, WARNING, ERROR, CRITICAL",
    "log_format": "'json' or 'text'",
    "log_file_path": "a file path, or empty to log to stderr only",
    "log_max_bytes": "a whole number of bytes, at least 1024",
    "log_backup_count": "a whole number, 0 or more",
    "superadmin_ids": "comma-separated Telegram user ids, like 123456789,987654321",
    "admin_ids": "comma-separated Telegram user ids, like 111222333",
    "channel_id": "the channel's numeric id, like -1001234567890",
    "channel_thread_id": "a forum topic id (a positive whole number)",
    "db_pool_size": "a whole number, at least 1",
    "db_max_overflow": "a whole number, 0 or more",
    "db_pool_timeout": "seconds, a number greater than 0",
    "db_echo": "true or false",
    "retry_max_wait": "seconds, a number greater than 0",
    "flood_rate": "updates per second one user may keep sending, a number greater than 0",
    "flood_burst": "updates one user may send at once, a whole number, at least 1",
    "broadcast_rate": (
        "messages per second, a number greater than 0: at most 30 (Telegram's free limit),"
        " or at most 1000 with BROADCAST_PAID=true"
    ),
    "broadcast_paid": "true or false (paid broadcasts: allow_paid_broadcast, up to 1000/s)",
    "http_host": "an address to listen on, like 0.0.0.0 or 127.0.0.1",
    "http_port": "a port number from 1 to 65535 (0 picks a free one)",
    "session_dir": "a directory for the Telegram session file",
    "shop_contacts": "free text shown under Help and contacts, like 'Phone +7 900 000-00-00'",
    "payment_provider_token": "the payment provider token from @BotFather (Payments)",
    "currency": "a three-letter ISO 4217 currency code, like RUB",
    "order_payment_timeout": "minutes, a number greater than 0",
    "delivery_methods": "comma-separated delivery methods from courier, pickup, post",
    "web_admin": "true or false (the web admin at /admin on HTTP_PORT)",
    "web_admin_url": (
        "the web admin's public base URL, like https://shop.example.com (http:// or https://,"
        " no path after the host), or empty for http://127.0.0.1:<HTTP_PORT>"
    ),
    "media_dir": "a directory for photos uploaded in the web admin",
}

BOT_TOKEN_SHAPE = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")
API_HASH_SHAPE = re.compile(r"[0-9a-fA-F]{32}")

Port = Annotated[int, Field(ge=1, le=65535)]
#: Broadcast rates: Telegram's free limit for a bot, and the most paid broadcasts allow.
FREE_BROADCAST_RATE_MAX = 30
PAID_BROADCAST_RATE_MAX = 1000


class Settings(BaseSettings):
    """Every variable the bot reads; names match the upper-case environment variables.

    Each one may also come from a file named after it in lower case in the secrets
    directory (`/run/secrets/bot_token`, Docker secrets' layout; see `load_settings`).
    A file there wins over the environment and `.env`: compose passes `.env` (where the
    secrets are left empty) to the container as environment variables, and an empty
    `BOT_TOKEN=` must not hide the mounted secret.
    """

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
    )

    bot_token: SecretStr | None = None
    api_id: int | None = Field(default=None, ge=1)
    api_hash: SecretStr | None = None
    environment: Literal["development", "production"] = "development"

    postgres_host: str | None = None
    postgres_port: Port = 5432
    postgres_db: str = "telegram_bot"
    postgres_user: str = "botuser"
    postgres_password: SecretStr | None = None
    sqlite_path: Path = Path("data/shop.sqlite3")

    redis_host: str | None = None
    redis_port: Port = 6379
    redis_password: SecretStr | None = None

    log_level: Literal["TRACE", "DEBUG", "INFO", "SUCCESS", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["json", "text"] | None = None
    log_file_path: Path | None = Path("logs/bot.log")
    log_max_bytes: int = Field(default=10_485_760, ge=1024)
    log_backup_count: int = Field(default=5, ge=0)

    superadmin_ids: IdList = Field(default_factory=list)
    admin_ids: IdList = Field(default_factory=list)
    channel_id: int | None = None
    channel_thread_id: int | None = Field(default=None, ge=1)

    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=20, ge=0)
    db_pool_timeout: float = Field(default=30.0, gt=0)
    db_echo: bool = False
    #: Longest wait between two attempts to reach the database or Redis in an outage.
    retry_max_wait: float = Field(default=5.0, gt=0)
    #: Alerts: a FloodWait longer than this (s); more ERROR log lines than this per
    #: minute; the log directory's disk used at or above this share (%), checked every
    #: DISK_CHECK_EVERY seconds.
    alert_flood_wait: float = Field(default=60.0, ge=0)
    alert_error_burst: int = Field(default=20, ge=1)
    alert_disk_percent: float = Field(default=90.0, ge=0, le=100)
    disk_check_every: float = Field(default=60.0, gt=0)

    broadcast_paid: bool = False
    flood_rate: float = Field(default=2.0, gt=0)
    flood_burst: int = Field(default=8, ge=1)
    broadcast_rate: float = Field(default=20.0, gt=0, le=PAID_BROADCAST_RATE_MAX)
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8000, ge=0, le=65535)
    session_dir: Path = Path("sessions")
    shop_contacts: str = ""

    payment_provider_token: SecretStr | None = None
    currency: str = Field(default="RUB", pattern=r"^[A-Z]{3}$")
    order_payment_timeout: float = Field(default=30.0, gt=0)
    delivery_methods: DeliveryMethods = Field(default_factory=lambda: list(DELIVERY_METHODS))

    #: The web admin (`web_admin/`): off unless WEB_ADMIN=true; WEB_ADMIN_URL is the
    #: address its sign-in links use (behind a TLS reverse proxy in production).
    web_admin: bool = False
    web_admin_url: str | None = Field(default=None, pattern=r"^https?://[^/\s?#]+/?$")
    media_dir: Path = Path("data/media")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, file_secret_settings, env_settings, dotenv_settings

    @field_validator("superadmin_ids", "admin_ids", "delivery_methods", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not BOT_TOKEN_SHAPE.fullmatch(value.get_secret_value()):
            raise ValueError("not a bot token")
        return value

    @field_validator("api_hash")
    @classmethod
    def _api_hash_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not API_HASH_SHAPE.fullmatch(value.get_secret_value()):
            raise ValueError("not an api_hash")
        return value

    @field_validator("broadcast_rate")
    @classmethod
    def _free_broadcast_rate(cls, value: float, info: ValidationInfo) -> float:
        if value > FREE_BROADCAST_RATE_MAX and not info.data.get("broadcast_paid", False):
            raise ValueError("above the free limit without BROADCAST_PAID=true")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("currency", mode="before")
    @classmethod
    def _upper_currency(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("delivery_methods")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a delivery method is listed twice")
        return value

    @field_validator(
        "bot_token",
        "api_hash",
        "postgres_host",
        "postgres_password",
        "redis_host",
        "redis_password",
        "log_format",
        "log_file_path",
        "channel_id",
        "channel_thread_id",
        "api_id",
        "payment_provider_token",
        "web_admin_url",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        """`.env.example` leaves optional variables empty: `FOO=` means unset."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @property
    def effective_log_format(self) -> Literal["json", "text"]:
        """JSON in production, readable text in development, unless LOG_FORMAT says."""
        if self.log_format is not None:
            return self.log_format
        return "json" if self.environment == "production" else "text"

    @property
    def bot_user_id(self) -> int:
        """The bot's Telegram id, the number before `:` in BOT_TOKEN (0 without a token)."""
        if self.bot_token is None:
            return 0
        return int(self.bot_token.get_secret_value().split(":", 1)[0])

    @property
    def web_admin_base_url(self) -> str:
        """Where the web admin is reached from a browser, without a trailing slash."""
        if self.web_admin_url is not None:
            return self.web_admin_url.rstrip("/")
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def uses_postgres(self) -> bool:
        return self.postgres_host is not None

    @property
    def uses_redis(self) -> bool:
        return self.redis_host is not None

    @property
    def takes_online_payments(self) -> bool:
        """With a payment provider token orders are paid by invoice, else on delivery."""
        return self.payment_provider_token is not None

    def secret_values(self) -> list[str]:
        """Every configured secret, for the log scrubber."""
        secrets = [
            self.bot_token,
            self.api_hash,
            self.postgres_password,
            self.redis_password,
            self.payment_provider_token,
        ]
        return [s.get_secret_value() for s in secrets if s is not None and s.get_secret_value()]

    def missing_telegram_credentials(self) -> list[str]:
        """The variables an MTProto bot login needs and that are not set."""
        missing = []
        if self.bot_token is None:
            missing.append("BOT_TOKEN")
        if self.api_id is None:
            missing.append("API_ID")
        if self.api_hash is None:
            missing.append("API_HASH")
        return missing


class SettingsError(Exception):
    """The configuration is invalid; `problems` holds one line per variable."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def describe_problem(location: tuple[int | str, ...], error_type: str) -> str:
    """One line for one invalid variable, from where pydantic found the problem; it
    never shows the value (any value may be a secret pasted in the wrong place)."""
    field = str(location[0]) if location else "?"
    variable = field.upper()
    expected = EXPECTED.get(field, "a valid value")
    if error_type == "missing":
        return f"{variable}: is required; expected {expected}"
    if len(location) > 1 and isinstance(location[1], int):
        return f"{variable}: item {location[1] + 1} is invalid; expected {expected}"
    return f"{variable}: invalid value; expected {expected}"


#: Where Docker mounts secrets; SECRETS_DIR (read from the environment only, since it
#: says where to read the settings from) points elsewhere.
DEFAULT_SECRETS_DIR = Path("/run/secrets")


def secrets_directory() -> Path | None:
    """SECRETS_DIR, else /run/secrets; None when that is not a directory (the usual case
    outside Docker: nothing to read, and no warning about it)."""
    path = Path(os.environ.get("SECRETS_DIR") or DEFAULT_SECRETS_DIR)
    return path if path.is_dir() else None


def load_settings(
    env_file: Path | str | None = ".env", secrets_dir: Path | Literal["auto"] | None = "auto"
) -> Settings:
    """Read the settings, or raise `SettingsError` listing every problem at once.

    `secrets_dir="auto"` reads secret files from `secrets_directory()`; None reads none.
    """
    problems: list[str] = []
    directory = secrets_directory() if secrets_dir == "auto" else secrets_dir
    if directory is not None and not directory.is_dir():
        directory = None
    try:
        return Settings(_env_file=env_file, _secrets_dir=directory)  # type: ignore[call-arg]
    except ValidationError as exc:
        seen: set[str] = set()
        for error in exc.errors(include_url=False, include_input=False, include_context=False):
            location = tuple(error["loc"])
            field = str(location[0]) if location else "?"
            if field not in seen:
                seen.add(field)
                problems.append(describe_problem(location, error["type"]))
    # Raised outside the `except`, so not even the exception's context holds pydantic's
    # error (which carries the input values).
    raise SettingsError(problems)
