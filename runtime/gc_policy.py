"""The bot process's garbage-collector policy, applied once the bot has started.

Three measured costs (bench/updates.py, the shop's 100-shopper journey, 2 cores):

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
  after 2500, i.e. after 10 000 young collections as with 1000 at CPython's 10 young
  per middle one: a few minutes apart at full load.
* A collection of the middle generation stops the updates in flight too. With
  CPython's defaults for the young generations (700 allocations, 10 young collections
  per middle one) those were 3.5-4.3 ms on average (up to 8 ms), three a second at
  half the peak rate, and the slow updates fell on them. Collected more often, at 500
  allocations and every 4 young collections, each is about 1 ms (at most 2.7 ms) for
  the same total collector time (262 ms against 284 ms in one such run), and the
  handler p99 at half the peak fell in three alternating pairs (2026-12-07, Intel
  host): 28.2, 30.4, 33.3 ms -> 19.4, 20.9, 18.7 ms, and in the pairs' second runs
  37.8, 37.7, 35.0 -> 47.3, 26.6, 27.4 ms. Short-lived garbage, where nearly all cycles
  die, is collected as before.

Reference counting still frees frozen objects; only cycles among them are never
collected, which is why this runs once, after start, and never in tests that start many
bots in one process.
"""

from __future__ import annotations

import gc

#: Objects allocated between two collections of the youngest generation, and
#: collections of the youngest between two of the middle one (CPython: 700 and 10).
YOUNG_THRESHOLD = 500
MIDDLE_AFTER = 4
#: Collections of the middle generation before a full collection is considered
#: (CPython's default is 10; it also waits until the objects that survived since the
#: last full collection are 25% of those it kept).
GEN2_AFTER = 2500


def settle_heap() -> int:
    """Collect once, freeze every object alive, and make full collections rare; how
    many objects are frozen."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, MIDDLE_AFTER, GEN2_AFTER)
    return gc.get_freeze_count()
