""" "Try again in a minute" goes to each user at most once a minute, from memory that
forgets users once their minute is over."""

from __future__ import annotations

from actors.updates.outage_replies import OutageReplies


def test_each_user_is_told_at_most_once_a_minute() -> None:
    now = [0.0]
    replies = OutageReplies(None, every=60.0, clock=lambda: now[0])
    assert replies.due(1) and replies.due(2)
    now[0] = 59.9
    assert not replies.due(1) and not replies.due(2)
    now[0] = 60.0
    assert replies.due(1)
    now[0] = 61.0
    assert replies.due(2)
    assert not replies.due(1)


def test_users_whose_minute_is_over_are_forgotten() -> None:
    now = [0.0]
    replies = OutageReplies(None, every=60.0, clock=lambda: now[0])
    for user_id in range(10_000):
        assert replies.due(user_id)
    now[0] = 60.0
    assert replies.due(10_000)
    assert len(replies._told) == 1
