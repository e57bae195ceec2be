"""Suite-wide fixtures: anyio on asyncio only (Kurigram starts raw asyncio tasks)."""

import pytest

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.cache",
    "fake_telegram.pytest_plugin",
]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"
