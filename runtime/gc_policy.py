"""The bot process's garbage-collector policy, applied once the bot has started.

Two measured costs (bench/updates.py, the shop's 100-shopper journey, 2 cores):

* Modules, classes, Kurigram's TL types, the settings and the actors' long-lived
  objects are made at start and live as long as the process, yet every full
  collection walks them again: the collector was 6-7% of CPU, with 120-290 ms
  full-collection pauses. `settle_heap()` collects what start-up left behind and moves
  everything still alive to the permanent generation (`gc.freeze()`): later
  collections only walk what was made after it.
* A full collection also stops every update in flight for its whole length: at half
  the shop's peak rate three of them in ten seconds (125-325 ms each) made the handler
  latency's p95 and p99. CPython considers one after every GEN2_AFTER collections of
  the middle generation (10 by default, i.e. several times a second when busy); here
  after 1000, a few minutes apart at full load. The young generations keep CPython's
  defaults, so short-lived garbage, where nearly all cycles die, is collected as
  often as before; pauses of the middle generation measured under 10 ms.

Reference counting still frees frozen objects; only cycles among them are never
collected, which is why this runs once, after start, and never in tests that start many
bots in one process.
"""

from __future__ import annotations

import gc

#: Collections of the youngest generation between two of the middle one, and objects
#: allocated between two of the youngest: CPython's defaults.
YOUNG_THRESHOLD = 700
MIDDLE_AFTER = 10
#: Collections of the middle generation before a full collection is considered
#: (CPython's default is 10; it also waits until the objects that survived since the
#: last full collection are 25% of those it kept).
GEN2_AFTER = 1000


def settle_heap() -> int:
    """Collect once, freeze every object alive, and make full collections rare; how
    many objects are frozen."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, MIDDLE_AFTER, GEN2_AFTER)
    return gc.get_freeze_count()
