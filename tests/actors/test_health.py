"""`/health` says 503, with the reason, when the database or an actor is not well."""

from __future__ import annotations

import json
from typing import Any

from prometheus_client import CollectorRegistry

from actors.metrics.health import HealthReport, health_app
from runtime.http_server import HttpMount


async def get(app: Any, path: str) -> tuple[int, dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
    await app(scope, receive, send)
    return sent[0]["status"], json.loads(sent[1]["body"])


def app_reporting(report: HealthReport) -> Any:
    async def health() -> HealthReport:
        return report

    return health_app(health, CollectorRegistry())


async def test_health_is_503_when_the_database_is_down() -> None:
    status, body = await get(
        app_reporting(HealthReport(database_up=False, actors={"update_reader": "running"})),
        "/health",
    )
    assert status == 503
    assert body["status"] == "unhealthy" and body["database"] == "down"


async def test_health_is_503_when_an_actor_is_down_or_stuck() -> None:
    for state in ("down", "stuck"):
        report = HealthReport(database_up=True, actors={"order_processor": state})
        status, body = await get(app_reporting(report), "/health")
        assert status == 503
        assert body["actors"] == {"order_processor": state}


async def test_health_is_200_when_all_is_well_and_other_paths_are_404() -> None:
    report = HealthReport(database_up=True, actors={"update_reader": "running"})
    assert (await get(app_reporting(report), "/health"))[0] == 200
    assert (await get(app_reporting(report), "/admin"))[0] == 404


async def test_health_is_503_degraded_while_an_actor_is_in_a_crash_loop() -> None:
    report = HealthReport(
        database_up=True, actors={"order_processor": "crash_loop", "update_reader": "running"}
    )
    status, body = await get(app_reporting(report), "/health")
    assert status == 503
    assert body["status"] == "degraded"
    assert body["actors"]["order_processor"] == "crash_loop"


async def test_mounted_apps_get_their_paths_and_health_stays_in_front() -> None:
    seen: list[tuple[str, str]] = []

    def answering(name: str) -> Any:
        async def app(scope: Any, receive: Any, send: Any) -> None:
            seen.append((name, scope.get("root_path", "")))
            body = json.dumps({"app": name}).encode()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": body})

        return app

    async def health() -> HealthReport:
        return HealthReport(database_up=True, actors={"update_reader": "running"})

    app = health_app(
        health,
        CollectorRegistry(),
        mounts=[HttpMount("/admin", answering("admin")), HttpMount("", answering("chat"))],
    )
    assert await get(app, "/admin/tables") == (200, {"app": "admin"})
    assert await get(app, "/chats/1") == (200, {"app": "chat"})
    assert (await get(app, "/health"))[1]["status"] == "ok"
    assert seen == [("admin", "/admin"), ("chat", "")]
