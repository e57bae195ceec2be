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


def test_memory_stays_bounded_by_forgetting_refilled_users_as_updates_come() -> None:
    clock = ManualClock()
    guard = FloodGuard(rate=1, burst=1, clock=clock, max_users=10)
    for user_id in range(10):
        guard.admit(user_id)
    clock.now += 5
    for _ in range(5):  # a few refilled buckets are forgotten at each admit
        guard.admit(999)
    assert guard.tracked_users() == 1


def test_the_cap_holds_under_200k_distinct_users_at_once() -> None:
    clock = ManualClock()
    guard = FloodGuard(rate=2, burst=8, clock=clock, max_users=1_000)
    for user_id in range(200_000):
        guard.admit(user_id)
        assert guard.tracked_users() <= 1_000, f"over the cap at user {user_id}"
    assert guard.tracked_users() == 1_000


def test_the_default_cap_holds_under_200k_distinct_users() -> None:
    guard = FloodGuard(clock=ManualClock())
    for user_id in range(200_000):
        guard.admit(user_id)
        if guard.tracked_users() > guard.max_users:
            raise AssertionError(f"over the cap of {guard.max_users} at user {user_id}")
    assert guard.tracked_users() == guard.max_users == 100_000


def test_over_the_cap_the_least_recently_seen_user_is_forgotten_not_a_flooder() -> None:
    clock = ManualClock()
    guard = FloodGuard(rate=1, burst=2, clock=clock, max_users=3)
    for _ in range(3):
        guard.admit(1)  # user 1 floods: allowed twice, then warned
    guard.admit(2)
    guard.admit(3)
    assert guard.admit(1) is Verdict.DROP  # still flooding, and now the most recent
    guard.admit(4)  # over the cap: user 2, seen longest ago, goes
    assert guard.tracked_users() == 3
    assert guard.admit(1) is Verdict.DROP  # user 1's empty bucket was kept


def test_a_user_forgotten_with_a_full_bucket_loses_nothing() -> None:
    clock = ManualClock()
    guard = FloodGuard(rate=1, burst=2, clock=clock, max_users=2)
    guard.admit(1)
    clock.now += 10  # user 1's bucket is full again
    guard.admit(2)
    guard.admit(3)  # user 1 forgotten
    assert [guard.admit(1) for _ in range(3)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN]
