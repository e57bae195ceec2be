"""Settings: every variable parsed, each bad value named with what is expected, no secret shown."""

from pathlib import Path

import pytest

from config import Settings, SettingsError, load_settings

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0"
API_HASH = "0123456789abcdef0123456789abcdef"

FULL_ENV = {
    "BOT_TOKEN": TOKEN,
    "API_ID": "12345",
    "API_HASH": API_HASH,
    "ENVIRONMENT": "production",
    "POSTGRES_HOST": "postgres",
    "POSTGRES_PORT": "5433",
    "POSTGRES_DB": "telegram_bot",
    "POSTGRES_USER": "botuser",
    "POSTGRES_PASSWORD": "pg-pass-very-secret",
    "REDIS_HOST": "redis",
    "REDIS_PORT": "6380",
    "REDIS_PASSWORD": "redis-pass-very-secret",
    "LOG_LEVEL": "warning",
    "LOG_FORMAT": "json",
    "LOG_FILE_PATH": "var/log/bot.log",
    "LOG_MAX_BYTES": "2048",
    "LOG_BACKUP_COUNT": "3",
    "SUPERADMIN_IDS": "123456789, 987654321",
    "ADMIN_IDS": "111222333",
    "CHANNEL_ID": "-1001234567890",
    "CHANNEL_THREAD_ID": "7",
    "DB_POOL_SIZE": "4",
    "DB_MAX_OVERFLOW": "6",
    "DB_POOL_TIMEOUT": "12.5",
    "DB_ECHO": "true",
    "BROADCAST_RATE": "30",
    "FLOOD_RATE": "1.5",
    "FLOOD_BURST": "5",
    "HTTP_HOST": "0.0.0.0",
    "HTTP_PORT": "8080",
    "SESSION_DIR": "state/sessions",
    "SQLITE_PATH": "state/shop.sqlite3",
    "SHOP_CONTACTS": '"Phone +7 900 000-00-00\\nSupport: @shop_support"',
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def write_env(tmp_path: Path, values: dict[str, str]) -> Path:
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{key}={value}\n" for key, value in values.items()))
    return env_file


def test_every_variable_is_read_from_the_env_file(tmp_path: Path) -> None:
    settings = load_settings(write_env(tmp_path, FULL_ENV))

    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == TOKEN
    assert settings.api_id == 12345
    assert settings.api_hash is not None
    assert settings.api_hash.get_secret_value() == API_HASH
    assert settings.environment == "production"
    assert (settings.postgres_host, settings.postgres_port) == ("postgres", 5433)
    assert (settings.postgres_db, settings.postgres_user) == ("telegram_bot", "botuser")
    assert settings.postgres_password is not None
    assert (settings.redis_host, settings.redis_port) == ("redis", 6380)
    assert settings.redis_password is not None
    assert settings.log_level == "WARNING"
    assert settings.effective_log_format == "json"
    assert settings.log_file_path == Path("var/log/bot.log")
    assert (settings.log_max_bytes, settings.log_backup_count) == (2048, 3)
    assert settings.superadmin_ids == [123456789, 987654321]
    assert settings.admin_ids == [111222333]
    assert (settings.channel_id, settings.channel_thread_id) == (-1001234567890, 7)
    assert (settings.db_pool_size, settings.db_max_overflow) == (4, 6)
    assert settings.db_pool_timeout == 12.5
    assert settings.db_echo is True
    assert settings.broadcast_rate == 30
    assert (settings.flood_rate, settings.flood_burst) == (1.5, 5)
    assert (settings.http_host, settings.http_port) == ("0.0.0.0", 8080)
    assert settings.session_dir == Path("state/sessions")
    assert settings.sqlite_path == Path("state/shop.sqlite3")
    assert settings.shop_contacts == "Phone +7 900 000-00-00\nSupport: @shop_support"
    assert settings.uses_postgres and settings.uses_redis


def test_environment_variables_override_the_env_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PORT", "9000")
    settings = load_settings(write_env(tmp_path, {"HTTP_PORT": "8080"}))
    assert settings.http_port == 9000


def test_defaults_run_on_sqlite_without_redis_and_match_the_seed(tmp_path: Path) -> None:
    settings = load_settings(write_env(tmp_path, {}))

    assert not settings.uses_postgres and not settings.uses_redis
    assert settings.log_max_bytes == 10_485_760 and settings.log_backup_count == 5
    assert (settings.db_pool_size, settings.db_max_overflow, settings.db_pool_timeout) == (
        10,
        20,
        30,
    )
    assert settings.db_echo is False and settings.broadcast_rate == 20
    assert settings.http_port == 8000
    assert settings.effective_log_format == "text"
    assert settings.missing_telegram_credentials() == ["BOT_TOKEN", "API_ID", "API_HASH"]


def test_empty_optional_values_count_as_unset(tmp_path: Path) -> None:
    settings = load_settings(
        write_env(
            tmp_path, {"POSTGRES_HOST": "", "REDIS_HOST": "", "CHANNEL_ID": "", "ADMIN_IDS": ""}
        )
    )
    assert settings.postgres_host is None and settings.redis_host is None
    assert settings.channel_id is None and settings.admin_ids == []


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("ENVIRONMENT", "staging", "ENVIRONMENT: invalid value; expected 'development' or"),
        ("POSTGRES_PORT", "abc", "POSTGRES_PORT: invalid value; expected a port number from 1"),
        ("REDIS_PORT", "70000", "REDIS_PORT: invalid value; expected a port number from 1 to"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL: invalid value; expected one of TRACE, DEBUG, INFO"),
        ("LOG_FORMAT", "xml", "LOG_FORMAT: invalid value; expected 'json' or 'text'"),
        ("LOG_MAX_BYTES", "ten", "LOG_MAX_BYTES: invalid value; expected a whole number of bytes"),
        ("LOG_BACKUP_COUNT", "-1", "LOG_BACKUP_COUNT: invalid value; expected a whole number, 0"),
        ("SUPERADMIN_IDS", "12,abc", "SUPERADMIN_IDS: item 2 is invalid; expected comma-separated"),
        ("ADMIN_IDS", "1;2", "ADMIN_IDS: item 1 is invalid; expected comma-separated Telegram"),
        ("CHANNEL_ID", "@shop", "CHANNEL_ID: invalid value; expected the channel's numeric id"),
        ("CHANNEL_THREAD_ID", "0", "CHANNEL_THREAD_ID: invalid value; expected a forum topic id"),
        ("DB_POOL_SIZE", "0", "DB_POOL_SIZE: invalid value; expected a whole number, at least 1"),
        ("DB_MAX_OVERFLOW", "x", "DB_MAX_OVERFLOW: invalid value; expected a whole number, 0"),
        ("DB_POOL_TIMEOUT", "0", "DB_POOL_TIMEOUT: invalid value; expected seconds, a number"),
        ("DB_ECHO", "maybe", "DB_ECHO: invalid value; expected true or false"),
        ("BROADCAST_RATE", "5000", "BROADCAST_RATE: invalid value; expected messages per second"),
        ("HTTP_PORT", "http", "HTTP_PORT: invalid value; expected a port number from 1 to 65535"),
        ("API_ID", "my-app", "API_ID: invalid value; expected the integer api_id"),
    ],
)
def test_a_bad_value_gives_one_line_naming_the_variable_and_what_is_expected(
    tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(write_env(tmp_path, {variable: value}))

    assert len(error.value.problems) == 1
    assert error.value.problems[0].startswith(expected)


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(write_env(tmp_path, {"HTTP_PORT": "x", "DB_ECHO": "x", "ADMIN_IDS": "x"}))
    assert [line.split(":")[0] for line in error.value.problems] == [
        "ADMIN_IDS",
        "DB_ECHO",
        "HTTP_PORT",
    ]


def test_a_malformed_secret_is_named_but_its_value_never_shown(tmp_path: Path) -> None:
    leaked_token = "not-a-token-SECRET-VALUE-123"
    leaked_hash = "SECRET-HASH-VALUE"
    with pytest.raises(SettingsError) as error:
        load_settings(
            write_env(
                tmp_path,
                {
                    "BOT_TOKEN": leaked_token,
                    "API_HASH": leaked_hash,
                    "POSTGRES_PASSWORD": "pg-secret",
                    "HTTP_PORT": "x",
                },
            )
        )
    text = str(error.value)
    assert "BOT_TOKEN: invalid value; expected the bot token from @BotFather" in text
    assert "API_HASH: invalid value; expected the 32-character api_hash" in text
    for secret in (leaked_token, leaked_hash, "pg-secret"):
        assert secret not in text
        assert secret not in repr(error.value.__cause__)


def test_secrets_never_appear_in_the_settings_repr(tmp_path: Path) -> None:
    settings = load_settings(write_env(tmp_path, FULL_ENV))
    shown = repr(settings) + str(settings)
    for secret in (TOKEN, API_HASH, "pg-pass-very-secret", "redis-pass-very-secret"):
        assert secret not in shown
    assert set(settings.secret_values()) == {
        TOKEN,
        API_HASH,
        "pg-pass-very-secret",
        "redis-pass-very-secret",
    }


def test_env_example_documents_every_variable_and_loads_as_is() -> None:
    example = Path(__file__).resolve().parent.parent / ".env.example"
    documented = {
        line.split("=", 1)[0]
        for line in example.read_text().splitlines()
        if line and not line.startswith("#")
    }

    assert documented == {name.upper() for name in Settings.model_fields}
    assert load_settings(example).missing_telegram_credentials() == [
        "BOT_TOKEN",
        "API_ID",
        "API_HASH",
    ]


PAYMENT_TOKEN = "381764678:TEST:payment-provider-secret"


def test_order_and_payment_settings_are_read_and_the_token_is_a_secret(tmp_path: Path) -> None:
    settings = load_settings(
        write_env(
            tmp_path,
            {
                "PAYMENT_PROVIDER_TOKEN": PAYMENT_TOKEN,
                "CURRENCY": "usd",
                "ORDER_PAYMENT_TIMEOUT": "15.5",
                "DELIVERY_METHODS": "pickup, courier",
            },
        )
    )

    assert settings.payment_provider_token is not None
    assert settings.payment_provider_token.get_secret_value() == PAYMENT_TOKEN
    assert settings.takes_online_payments
    assert (settings.currency, settings.order_payment_timeout) == ("USD", 15.5)
    assert settings.delivery_methods == ["pickup", "courier"]
    assert PAYMENT_TOKEN in settings.secret_values()
    assert PAYMENT_TOKEN not in repr(settings) + str(settings)


def test_without_a_payment_token_orders_are_paid_on_delivery_by_default(tmp_path: Path) -> None:
    settings = load_settings(write_env(tmp_path, {"PAYMENT_PROVIDER_TOKEN": ""}))

    assert settings.payment_provider_token is None and not settings.takes_online_payments
    assert (settings.currency, settings.order_payment_timeout) == ("RUB", 30)
    assert settings.delivery_methods == ["courier", "pickup", "post"]


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("CURRENCY", "rubles", "CURRENCY: invalid value; expected a three-letter ISO 4217"),
        ("ORDER_PAYMENT_TIMEOUT", "0", "ORDER_PAYMENT_TIMEOUT: invalid value; expected minutes"),
        ("DELIVERY_METHODS", "courier,boat", "DELIVERY_METHODS: item 2 is invalid; expected"),
        ("DELIVERY_METHODS", "post,post", "DELIVERY_METHODS: invalid value; expected comma-"),
        ("DELIVERY_METHODS", "", "DELIVERY_METHODS: invalid value; expected comma-separated"),
    ],
)
def test_a_bad_order_setting_names_the_variable_and_what_is_expected(
    tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(write_env(tmp_path, {variable: value}))

    assert len(error.value.problems) == 1
    assert error.value.problems[0].startswith(expected)


@pytest.mark.parametrize(
    "variable",
    ["API_ID", "HTTP_PORT", "ENVIRONMENT", "LOG_LEVEL", "ADMIN_IDS", "CURRENCY", "CHANNEL_ID"],
)
@pytest.mark.parametrize(
    "pasted",
    [TOKEN, API_HASH, PAYMENT_TOKEN, "hunter2-my-redis-password"],
    ids=["bot-token", "api-hash", "payment-token", "password"],
)
def test_a_secret_pasted_into_another_variable_is_never_shown(
    tmp_path: Path, variable: str, pasted: str
) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(write_env(tmp_path, {variable: pasted}))

    assert len(error.value.problems) == 1
    assert error.value.problems[0].startswith(f"{variable}: ")
    shown = str(error.value) + repr(error.value)
    for piece in (pasted, pasted.upper(), pasted[-10:]):
        assert piece not in shown
    assert error.value.__cause__ is None and error.value.__context__ is None


def test_the_wrong_item_of_a_list_is_named_by_position_not_shown(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(write_env(tmp_path, {"SUPERADMIN_IDS": f"12,{TOKEN}"}))

    assert error.value.problems == [
        "SUPERADMIN_IDS: item 2 is invalid; expected comma-separated Telegram user ids,"
        " like 123456789,987654321"
    ]


def write_secrets(directory: Path, values: dict[str, str]) -> Path:
    """Docker's layout: one file per secret, named after the variable in lower case."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, value in values.items():
        (directory / name).write_text(value + "\n")
    return directory


SECRET_FILES = {
    "bot_token": TOKEN,
    "api_hash": API_HASH,
    "postgres_password": "pg-pass-from-a-file",
    "redis_password": "redis-pass-from-a-file",
    "payment_provider_token": PAYMENT_TOKEN,
}


def test_every_secret_can_come_from_a_file_in_the_secrets_directory(tmp_path: Path) -> None:
    secrets = write_secrets(tmp_path / "secrets", SECRET_FILES)

    settings = load_settings(write_env(tmp_path, {"API_ID": "12345"}), secrets_dir=secrets)

    assert settings.missing_telegram_credentials() == []
    assert set(settings.secret_values()) == set(SECRET_FILES.values())


def test_a_mounted_secret_wins_over_the_empty_variable_compose_passes_from_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = write_secrets(tmp_path / "secrets", {"bot_token": TOKEN})
    monkeypatch.setenv("BOT_TOKEN", "")  # `env_file: ../.env` with `BOT_TOKEN=`

    settings = load_settings(write_env(tmp_path, {"BOT_TOKEN": ""}), secrets_dir=secrets)

    assert settings.bot_token is not None
    assert settings.bot_token.get_secret_value() == TOKEN


def test_the_secrets_directory_comes_from_secrets_dir_and_is_ignored_when_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = write_secrets(tmp_path / "mounted", {"postgres_password": "from-secrets-dir"})
    monkeypatch.setenv("SECRETS_DIR", str(secrets))
    settings = load_settings(write_env(tmp_path, {}))
    assert settings.postgres_password is not None
    assert settings.postgres_password.get_secret_value() == "from-secrets-dir"

    monkeypatch.setenv("SECRETS_DIR", str(tmp_path / "absent"))
    assert load_settings(write_env(tmp_path, {})).postgres_password is None


def test_a_secret_read_from_a_file_never_reaches_a_log_line_or_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from loguru import logger

    from runtime.logs import configure_from_settings

    secrets = write_secrets(tmp_path / "secrets", SECRET_FILES)
    settings = load_settings(
        write_env(tmp_path, {"LOG_FILE_PATH": "", "LOG_FORMAT": "json"}), secrets_dir=secrets
    )
    stream = io.StringIO()
    configure_from_settings(settings, stream=stream)
    try:
        try:
            raise ConnectionError(f"login as {TOKEN} with pg-pass-from-a-file failed")
        except ConnectionError:
            logger.exception("redis said {}", "redis-pass-from-a-file")
    finally:
        logger.remove()
    written = stream.getvalue() + repr(settings) + str(settings)
    for secret in SECRET_FILES.values():
        assert secret not in written
    assert "***" in stream.getvalue()

    leaked = "not-a-token-FROM-A-SECRET-FILE"
    bad = write_secrets(tmp_path / "bad", {"bot_token": leaked})
    with pytest.raises(SettingsError) as error:
        load_settings(write_env(tmp_path, {}), secrets_dir=bad)
    assert error.value.problems == [
        "BOT_TOKEN: invalid value; expected the bot token from @BotFather, like 123456:ABC-DEF..."
    ]
    assert leaked not in str(error.value) + repr(error.value.__cause__)


def test_one_default_database_user_in_config_env_example_and_compose() -> None:
    import yaml

    root = Path(__file__).resolve().parent.parent
    example = dict(
        line.split("=", 1)
        for line in (root / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    compose = yaml.safe_load((root / "docker" / "docker-compose.yml").read_text())

    assert Settings.model_fields["postgres_user"].default == "botuser"
    assert example["POSTGRES_USER"] == "botuser"
    assert compose["services"]["postgres"]["environment"]["POSTGRES_USER"] == (
        "${POSTGRES_USER:-botuser}"
    )
