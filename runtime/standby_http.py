"""`/health` and `/metrics` of a standby process (it waits for the lease, see runtime/lease.py).

A standby is healthy: it answers 200 with `"status": "standby"`, so an orchestrator
keeps it (it is the failover), and `shopbot_lease_active` is 0 on its `/metrics`. It
binds the same address as the active process's metrics collector, and frees it the
moment it takes the lease, before the collector binds it.
"""

from __future__ import annotations

import json
import time
from typing import Any

import anyio
from loguru import logger
from prometheus_client import CollectorRegistry, Gauge, make_asgi_app

from runtime.http_server import ASGIApp, bind, serve_http


def lease_gauge(registry: CollectorRegistry, *, active: bool) -> Gauge:
    """`shopbot_lease_active`: 1 on the process that talks to Telegram, 0 on standbys."""
    gauge = Gauge(
        "shopbot_lease_active",
        "1 when this process holds the lease and talks to Telegram, 0 on a standby",
        registry=registry,
    )
    gauge.set(1 if active else 0)
    return gauge


def standby_app(started: float) -> ASGIApp:
    registry = CollectorRegistry()
    lease_gauge(registry, active=False)
    metrics = make_asgi_app(registry)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        if scope["path"] == "/metrics":
            await metrics(scope, receive, send)
            return
        if scope["path"] == "/health":
            waited = round(time.monotonic() - started, 1)
            body = {"status": "standby", "role": "standby", "standby_for_s": waited}
            await respond(send, 200, json.dumps(body).encode())
            return
        await respond(send, 404, b'{"error": "not found"}')

    return app


async def respond(send: Any, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def serve_standby(host: str, port: int, stop: anyio.Event) -> None:
    """Answer as a standby on host:port until `stop` is set (the socket is closed then)."""
    try:
        sock = bind(host, port)
    except OSError as error:
        logger.warning("standby: cannot serve /health on {}:{}: {}", host, port, error)
        await stop.wait()
        return
    await serve_http(standby_app(time.monotonic()), sock, stop)
