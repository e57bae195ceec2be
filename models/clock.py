"""The one clock of the data layer: aware UTC datetimes for `Timestamptz` columns."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
