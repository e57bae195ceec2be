"""A crash is named by its root cause: the error inside the task groups and the chain of
explicit causes, with where it was raised, not "unhandled errors in a TaskGroup"."""

from __future__ import annotations

import anyio
import pytest

from actors.alerts.root_cause import root_cause


async def fail_with(error: Exception) -> None:
    raise error


async def crash_inside_a_task_group(error: Exception) -> None:
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(fail_with, error)
        await anyio.sleep_forever()


async def test_the_error_inside_nested_task_groups_is_the_root_cause() -> None:
    async def nested() -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(crash_inside_a_task_group, ValueError("boom"))

    with pytest.raises(ExceptionGroup) as raised:
        await nested()

    cause = root_cause(raised.value)
    assert (cause.kind, cause.message) == ("ValueError", "boom")
    assert cause.where.startswith(f"{__name__}:")
    assert str(cause).startswith("ValueError: boom (raised at tests.actors.test_root_cause:")
    assert "TaskGroup" not in str(cause)


def test_an_explicit_cause_is_followed_to_its_end() -> None:
    prices: dict[str, int] = {}
    try:
        try:
            prices["missing"]
        except KeyError as error:
            raise RuntimeError("placing the order failed") from error
    except RuntimeError as wrapped:
        cause = root_cause(wrapped)
    assert cause.kind == "KeyError"
    assert cause.message == "'missing'"


def test_an_error_raised_while_handling_another_is_its_own_root_cause() -> None:
    try:
        try:
            raise KeyError("expected, handled")
        except KeyError:
            raise ZeroDivisionError("the bug in the handler") from None
    except ZeroDivisionError as error:
        assert root_cause(error).kind == "ZeroDivisionError"
    try:
        try:
            raise KeyError("expected, handled")
        except KeyError:
            _ = 1 / 0
    except ZeroDivisionError as error:
        assert root_cause(error).kind == "ZeroDivisionError"


def test_a_group_of_several_errors_names_the_first_and_counts_the_others() -> None:
    group = ExceptionGroup("many", [OSError("disk"), ValueError("a"), ValueError("b")])
    cause = root_cause(group)
    assert (cause.kind, cause.message, cause.others) == ("OSError", "disk", 2)
    assert str(cause).endswith("(+2 more errors)")


def test_a_qualified_name_is_given_for_errors_outside_the_builtins() -> None:
    cause = root_cause(anyio.BrokenResourceError("gone"))
    assert cause.kind == "anyio.BrokenResourceError"
    assert cause.where == "unknown place"  # never raised: no traceback


def test_a_long_message_is_cut() -> None:
    cause = root_cause(ValueError("x" * 5000))
    assert len(cause.message) <= 300
    assert cause.message.endswith("…")
