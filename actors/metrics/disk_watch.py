"""Watches the free space of the disk that holds the log directory.

Checked by the metrics collector on its cadence (`shutil.disk_usage`): when the used
share reaches `percent` an alert goes out once, and one recovery message when it falls
below again. Without a log file the working directory's disk is watched.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from loguru import logger

from actors.names import METRICS_COLLECTOR
from runtime.alerts import Alert, AlertChannel, Condition, Severity


def existing_parent(path: Path) -> Path:
    """The nearest directory of ``path`` that exists (the log directory may not yet)."""
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path(".")


@dataclass
class DiskWatch:
    directory: Path
    percent: float  # used share that alerts, 0-100
    alerts: AlertChannel
    _condition: Condition = field(init=False)

    def __post_init__(self) -> None:
        self._condition = Condition(self.alerts, "disk:nearly_full")

    def check(self) -> None:
        where = existing_parent(self.directory)
        try:
            usage = shutil.disk_usage(where)
        except OSError as error:
            logger.bind(actor=METRICS_COLLECTOR).warning("disk usage of {}: {}", where, error)
            return
        used = 100.0 * usage.used / usage.total if usage.total else 0.0
        details = {
            "directory": str(where),
            "used": f"{used:.1f}%",
            "free": f"{usage.free / 2**30:.1f} GiB",
            "threshold": f"{self.percent:g}%",
        }
        if used >= self.percent:
            self._condition.hold(
                Alert(
                    METRICS_COLLECTOR,
                    f"The disk of the log directory is nearly full: {used:.1f}% used "
                    f"({usage.free / 2**30:.1f} GiB free). Free space or logs stop.",
                    Severity.CRITICAL,
                    details=details,
                )
            )
        else:
            self._condition.clear(
                Alert(
                    METRICS_COLLECTOR,
                    f"The disk of the log directory has room again: {used:.1f}% used.",
                    Severity.INFO,
                    details=details,
                )
            )
