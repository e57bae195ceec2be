"""A flood of updates gets one polite warning, then silence until the user slows down."""

from bot.guard import FloodGuard, Verdict


class ManualClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_one_warning_then_silence() -> None:
    clock = ManualClock()
    guard = FloodGuard(rate=2, burst=3, clock=clock)

    verdicts = [guard.admit(42) for _ in range(6)]

    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.WARN] + [Verdict.DROP] * 2


def test_the_bucket_refills_and_the_warning_is_given_again_next_flood() -> None:
    clock = ManualClock()
    guard = FloodGuard(rate=2, burst=2, clock=clock)
    assert [guard.admit(1) for _ in range(3)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN]

    clock.now += 0.5  # one token back
    assert guard.admit(1) is Verdict.ALLOW
    assert guard.admit(1) is Verdict.WARN


def test_users_are_limited_separately() -> None:
    guard = FloodGuard(rate=1, burst=1, clock=ManualClock())
    assert guard.admit(1) is Verdict.ALLOW
    assert guard.admit(1) is Verdict.WARN
    assert guard.admit(2) is Verdict.ALLOW


def test_memory_stays_bounded_by_forgetting_refilled_users() -> None:
    clock = ManualClock()
    guard = FloodGuard(rate=1, burst=1, clock=clock, max_users=10)
    for user_id in range(10):
        guard.admit(user_id)
    clock.now += 5
    guard.admit(999)
    assert guard.tracked_users() == 1
