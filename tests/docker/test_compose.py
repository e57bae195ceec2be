"""docker/docker-compose.yml as the seed checklist wants it (read as YAML: no Docker
daemon is needed), and the scripts next to it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

DOCKER = Path(__file__).resolve().parent.parent.parent / "docker"
SECRETS = ("bot_token", "api_hash", "postgres_password", "redis_password")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    parsed: dict[str, Any] = yaml.safe_load((DOCKER / "docker-compose.yml").read_text())
    return parsed


def test_every_service_restarts_unless_stopped_with_a_health_check_and_limits(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    assert set(services) == {"bot", "postgres", "redis"}
    for name, service in services.items():
        assert service["restart"] == "unless-stopped", name
        assert service["healthcheck"]["test"], name
        limits = service["deploy"]["resources"]["limits"]
        assert limits["cpus"] and limits["memory"], name
    # The seed checklist's figures for the bot.
    assert services["bot"]["deploy"]["resources"] == {
        "limits": {"cpus": "0.50", "memory": "512M"},
        "reservations": {"cpus": "0.25", "memory": "256M"},
    }
    assert services["bot"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


def test_the_database_and_redis_publish_no_port_and_the_bot_only_on_localhost(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    assert "ports" not in services["postgres"]
    assert "ports" not in services["redis"]
    assert all(port.startswith("127.0.0.1:") for port in services["bot"]["ports"])


def test_replicas_roll_one_at_a_time_and_each_binds_its_own_port(
    compose: dict[str, Any],
) -> None:
    bot = compose["services"]["bot"]
    assert bot["deploy"]["replicas"] == "${BOT_REPLICAS:-1}"
    assert bot["deploy"]["update_config"] == {"parallelism": 1, "order": "start-first"}
    # A range, not one fixed host port that only the first replica could bind.
    assert bot["ports"] == ["127.0.0.1:8000-8009:8000"]
    assert "container_name" not in bot  # a fixed name would allow one replica only


def test_every_secret_is_a_docker_secret_and_no_password_is_in_the_environment(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    assert {name: spec["file"] for name, spec in compose["secrets"].items()} == {
        name: f"../secrets/{name}" for name in SECRETS
    }
    bot = services["bot"]
    assert bot["secrets"] == list(SECRETS)
    assert bot["environment"]["SECRETS_DIR"] == "/run/secrets"
    assert services["postgres"]["secrets"] == ["postgres_password"]
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD_FILE"] == (
        "/run/secrets/postgres_password"
    )
    assert services["redis"]["secrets"] == ["redis_password"]
    assert "/run/secrets/redis_password" in " ".join(services["redis"]["command"])
    for name, service in services.items():
        environment = service.get("environment", {})
        for variable in ("BOT_TOKEN", "API_HASH", "POSTGRES_PASSWORD", "REDIS_PASSWORD"):
            assert variable not in environment, (name, variable)


def test_compose_reads_the_projects_env_from_the_docker_folder(compose: dict[str, Any]) -> None:
    assert compose["services"]["bot"]["env_file"] == "../.env"
    link = DOCKER / ".env"
    assert link.is_symlink()
    assert os.readlink(link) == "../.env"


@pytest.mark.parametrize("script", ["apply-migrations.sh", "backup.sh", "restore.sh", "lib.sh"])
def test_the_scripts_parse_and_find_their_folder_from_anywhere(script: str) -> None:
    path = DOCKER / script
    subprocess.run(["bash", "-n", str(path)], check=True)
    if script != "lib.sh":
        assert os.access(path, os.X_OK)
        assert '. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"' in path.read_text()
