"""The bot process's collector policy (runtime/gc_policy.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from runtime.gc_policy import GEN2_AFTER, MIDDLE_AFTER, YOUNG_THRESHOLD, settle_heap


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_collector")
def test_settling_freezes_what_is_alive_and_leaves_garbage_collected() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    kept = Node()
    garbage = weakref.ref(Node())  # a cycle nobody refers to: only the collector frees it
    frozen = settle_heap()
    assert frozen == gc.get_freeze_count() > 0
    assert garbage() is None
    assert all(seen is not kept for seen in gc.get_objects())  # frozen: no longer walked


@pytest.mark.usefixtures("restored_collector")
def test_settling_keeps_young_collections_and_makes_full_ones_rare() -> None:
    settle_heap()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, MIDDLE_AFTER, GEN2_AFTER)
    assert GEN2_AFTER >= 100 * MIDDLE_AFTER
