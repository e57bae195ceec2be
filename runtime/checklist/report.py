"""One line of the checklist: a tick, or a cross saying what was found and the fix."""

from __future__ import annotations

from dataclasses import dataclass

from runtime.scrubbing import SecretScrubber

TICK, CROSS = "✓", "✗"


@dataclass(frozen=True)
class CheckResult:
    """`title` says what must hold ("ENVIRONMENT=production"); `found` what was seen,
    `fix` what to do when it does not hold."""

    title: str
    ok: bool
    found: str = ""
    fix: str = ""

    @classmethod
    def passed(cls, title: str, found: str = "") -> CheckResult:
        return cls(title, True, found)

    @classmethod
    def failed(cls, title: str, found: str, fix: str) -> CheckResult:
        return cls(title, False, found, fix)

    def line(self, scrubber: SecretScrubber | None = None) -> str:
        """The printed line; `scrubber` masks secrets in what an error message said."""
        if self.ok:
            text = f"{TICK} {self.title}" + (f" ({self.found})" if self.found else "")
        else:
            text = f"{CROSS} {self.title}: {self.found}" + (
                f"\n    fix: {self.fix}" if self.fix else ""
            )
        return scrubber.scrub(text) if scrubber is not None else text


def describe_error(error: BaseException) -> str:
    """An exception as a short reason: its type and message, never a traceback."""
    message = str(error).strip()
    name = type(error).__name__
    return f"{name}: {message}" if message else name
