"""`python main.py check`: the seed's production checklist as a command.

Each check is one function returning a `CheckResult` (one printed line: a tick, or a
cross with what was found and how to fix it). `settings_checks` read only the
configuration; `service_checks` reach the database, Redis and, with `--online`,
Telegram. `runner` loads the configuration, runs them in order and gives the exit code.
"""

from runtime.checklist.report import CheckResult
from runtime.checklist.runner import EXIT_CONFIG, EXIT_FAILED, EXIT_OK, run_checklist

__all__ = ["EXIT_CONFIG", "EXIT_FAILED", "EXIT_OK", "CheckResult", "run_checklist"]
