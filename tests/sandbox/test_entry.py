"""`python main.py` on a fresh clone: the sandbox in development without credentials;
refusals (exit 2) in production, for `--sandbox` in production and for half-filled
credentials."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import anyio
from anyio.streams.text import TextReceiveStream

from tests.test_main import ROOT, http_get

ADDRESS = re.compile(r"Sandbox: .* at http://127\.0\.0\.1:(\d+)/ · to go live, put BOT_TOKEN")
VALID_TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def bare_environment(**variables: str) -> dict[str, str]:
    """An environment with none of the app's variables: only PATH, and `variables`."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **variables}


def run_main(folder: Path, *arguments: str, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *arguments],
        cwd=folder,
        env=bare_environment(LOG_FILE_PATH="", **variables),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_a_fresh_clone_without_env_runs_the_sandbox_until_sigterm_then_exits_0(
    tmp_path: Path,
) -> None:
    # HTTP_PORT=0 only so parallel tests do not collide; the address line gives the port.
    process = await anyio.open_process(
        [sys.executable, str(ROOT / "main.py")],
        cwd=tmp_path,
        env=bare_environment(HTTP_PORT="0"),
    )
    async with process:
        assert process.stderr is not None
        seen: list[str] = []
        with anyio.fail_after(60):
            port = None
            async for chunk in TextReceiveStream(process.stderr):
                seen.append(chunk)
                found = ADDRESS.search("".join(seen))
                if found:
                    port = int(found.group(1))
                    break
            assert port is not None, "".join(seen)

            status, body = await http_get(port, "/health")
            assert status == 200 and json.loads(body)["status"] == "ok"
            status, body = await http_get(port, "/api/personas")  # the web chat, at /
            assert status == 200 and len(json.loads(body)) == 4

            process.send_signal(signal.SIGTERM)
            assert await process.wait() == 0
    assert (tmp_path / "data" / "sandbox" / "world.sqlite3").is_file()
    assert (tmp_path / "data" / "sandbox" / "shop.sqlite3").is_file()


def test_production_without_credentials_still_exits_2(tmp_path: Path) -> None:
    result = run_main(tmp_path, ENVIRONMENT="production")

    assert result.returncode == 2
    assert "Telegram credentials are missing: BOT_TOKEN, API_ID, API_HASH" in result.stderr
    assert "Sandbox" not in result.stderr


def test_the_sandbox_refuses_production(tmp_path: Path) -> None:
    for flag in ("--sandbox", "--sandbox-reset"):
        result = run_main(tmp_path, flag, ENVIRONMENT="production")

        assert result.returncode == 2
        assert "The sandbox does not run with ENVIRONMENT=production" in result.stderr
    assert not (tmp_path / "data").exists()


def test_half_filled_credentials_in_development_exit_2_naming_the_missing_ones(
    tmp_path: Path,
) -> None:
    result = run_main(tmp_path, BOT_TOKEN=VALID_TOKEN)

    assert result.returncode == 2
    assert "Telegram credentials are missing: API_ID, API_HASH" in result.stderr
    assert VALID_TOKEN not in result.stderr
    assert not (tmp_path / "data").exists()


def test_the_live_bot_does_not_import_the_sandbox() -> None:
    check = "import sys, main; print(sorted(m for m in sys.modules if m.startswith('sandbox')))"
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ROOT,
        env=bare_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"
