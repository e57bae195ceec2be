"""docker/backup.sh and docker/restore.sh against the local PostgreSQL (PG_LOCAL=1, the
scripts' own logic without Docker), and restore.sh's refusals before the bot is stopped
(a stand-in `docker` on PATH records what would have been run)."""

from __future__ import annotations

import gzip
import os
import secrets
import subprocess
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest

from config import Settings
from models.catalogue import Category, Product
from models.users import User
from runtime.database import open_database
from tests.fixtures.database import PG_HOST, PG_PORT, PG_USER, admin_connection

DOCKER = Path(__file__).resolve().parent.parent.parent / "docker"

#: Records its arguments; runs `docker compose ... exec -T postgres TOOL ...` as TOOL here.
FAKE_DOCKER = """#!/bin/sh
echo "$*" >> "$DOCKER_LOG"
while [ $# -gt 0 ]; do
  if [ "$1" = exec ]; then shift 3; PGHOST=127.0.0.1 exec "$@"; fi
  shift
done
"""


def script_environment(tmp_path: Path, database: str, **extra: str) -> dict[str, str]:
    """The scripts' settings from the environment only (ENV_FILE names no file, so the
    developer's .env is never read)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("POSTGRES_", "PG", "BACKUP_"))
    }
    environment.update(
        {
            "ENV_FILE": str(tmp_path / "no.env"),
            "POSTGRES_HOST": PG_HOST,
            "POSTGRES_PORT": str(PG_PORT),
            "POSTGRES_USER": PG_USER,
            "POSTGRES_DB": database,
            "BACKUP_DIR": str(tmp_path / "backups"),
        }
    )
    environment.update(extra)
    return environment


def run_script(
    script: str, *arguments: str, cwd: Path, environment: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DOCKER / script), *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
async def fresh_database() -> AsyncIterator[str]:
    """An empty PostgreSQL database to restore into, dropped after the test."""
    name = f"shopbot_restore_{secrets.token_hex(6)}"
    admin = await admin_connection()
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield name
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def row_counts(database: str) -> dict[str, int]:
    connection = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=database)
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        return {
            row["tablename"]: await connection.fetchval(
                f'SELECT count(*) FROM "{row["tablename"]}"'
            )
            for row in tables
        }
    finally:
        await connection.close()


async def fill_shop(settings: Settings) -> None:
    async with open_database(settings):
        now = datetime.now(UTC)
        await User.insert(
            *(User(telegram_id=1000 + n, last_active_at=now, created_at=now) for n in range(7))
        )
        category = Category(name="Shirts")
        await category.save()
        await Product.insert(
            *(
                Product(category=category.id, title=f"Shirt {n}", price=1000, created_at=now)
                for n in range(3)
            )
        )


@pytest.mark.postgres
async def test_backup_then_restore_into_a_fresh_database_gives_the_same_rows(
    tmp_path: Path, postgres_database: Settings, fresh_database: str
) -> None:
    await fill_shop(postgres_database)
    elsewhere = tmp_path / "elsewhere"  # the scripts work from any directory
    elsewhere.mkdir()

    backup = run_script(
        "backup.sh",
        cwd=elsewhere,
        environment=script_environment(tmp_path, postgres_database.postgres_db, PG_LOCAL="1"),
    )
    assert backup.returncode == 0, backup.stderr
    [written] = (tmp_path / "backups").glob("backup_*.sql.gz")
    assert backup.stdout.strip() == f"backup written: {written}"

    restore = run_script(
        "restore.sh",
        f"../backups/{written.name}",  # relative to where it is run
        cwd=elsewhere,
        environment=script_environment(tmp_path, fresh_database, PG_LOCAL="1"),
    )
    assert restore.returncode == 0, restore.stderr

    original = await row_counts(postgres_database.postgres_db)
    restored = await row_counts(fresh_database)
    assert restored == original
    assert original["users"] == 7 and original["products"] == 3
    assert original["migration"] > 0


def fake_docker(tmp_path: Path) -> tuple[dict[str, str], Path]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    docker = bin_dir / "docker"
    docker.write_text(FAKE_DOCKER)
    docker.chmod(0o755)
    log = tmp_path / "docker.log"
    log.touch()
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "DOCKER_LOG": str(log)}, log


@pytest.mark.parametrize(
    ("make_file", "reason"),
    [
        (None, "no backup file at"),
        (lambda path: path.write_text("DROP TABLE users;"), "is not a gzip file"),
        (lambda path: path.write_bytes(gzip.compress(b"hello")), "is not a pg_dump backup"),
    ],
    ids=["missing", "not-gzip", "not-a-dump"],
)
def test_restore_refuses_a_bad_file_before_the_bot_is_stopped(
    tmp_path: Path, make_file: object, reason: str
) -> None:
    extra, log = fake_docker(tmp_path)
    path = tmp_path / "backup_20260101_020000.sql.gz"
    if callable(make_file):
        make_file(path)

    result = run_script(
        "restore.sh",
        str(path),
        cwd=tmp_path,
        environment=script_environment(tmp_path, "telegram_bot", **extra),
    )

    assert result.returncode == 2
    assert reason in result.stderr and "nothing was stopped" in result.stderr
    assert log.read_text() == ""  # docker was never called


@pytest.mark.postgres
async def test_in_docker_the_restore_stops_the_bot_restores_through_the_container_and_starts_it(
    tmp_path: Path, postgres_database: Settings, fresh_database: str
) -> None:
    await fill_shop(postgres_database)
    extra, log = fake_docker(tmp_path)
    env_file = tmp_path / "project.env"
    env_file.write_text(f"POSTGRES_USER={PG_USER}\n")
    backup = run_script(
        "backup.sh",
        cwd=tmp_path,
        environment=script_environment(tmp_path, postgres_database.postgres_db, **extra)
        | {"ENV_FILE": str(env_file)},
    )
    assert backup.returncode == 0, backup.stderr
    [written] = (tmp_path / "backups").glob("backup_*.sql.gz")

    restore = run_script(
        "restore.sh",
        str(written),
        cwd=tmp_path,
        environment=script_environment(tmp_path, fresh_database, **extra)
        | {"ENV_FILE": str(env_file)},
    )

    assert restore.returncode == 0, restore.stderr
    compose = f"compose --project-directory {DOCKER} -f {DOCKER}/docker-compose.yml"
    compose += f" --env-file {env_file}"
    assert log.read_text().splitlines() == [
        f"{compose} exec -T postgres pg_dump -U {PG_USER} --clean --if-exists --no-owner"
        f" --no-privileges {postgres_database.postgres_db}",
        f"{compose} stop bot",
        f"{compose} exec -T postgres psql -U {PG_USER} --quiet --single-transaction"
        f" -v ON_ERROR_STOP=1 -d {fresh_database}",
        f"{compose} start bot",
    ]
    assert await row_counts(fresh_database) == await row_counts(postgres_database.postgres_db)
