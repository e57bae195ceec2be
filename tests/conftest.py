"""Suite-wide fixtures: anyio on asyncio only (Kurigram starts raw asyncio tasks)."""

import pytest


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"
