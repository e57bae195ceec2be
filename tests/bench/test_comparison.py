"""The bench's derived figures (bench/updates.py): round-by-round ratios and the budget
a throughput target leaves the shop."""

from __future__ import annotations

import pytest

from bench.updates import FAIR, REPLAY, SHOP, Budget, Load, Medians, paired_ratios


def saturated(name: str, updates_per_second: float) -> Load:
    load = Load(name)
    load.latencies = [0.01] * int(updates_per_second)
    load.wall = 1.0
    return load


def test_paired_ratios_divide_each_shop_round_by_the_floors_round_of_the_same_number() -> None:
    shop = [saturated("shop", rate) for rate in (500, 600, 450)]
    fair = [saturated("fair", rate) for rate in (1000, 1000, 1500)]

    assert paired_ratios(shop, fair) == pytest.approx([0.5, 0.6, 0.3])


def test_budget_is_what_the_target_leaves_after_the_replayed_traffic() -> None:
    medians = {
        FAIR: Medians(per_second=1500, p50=0.06, p99=0.09),
        REPLAY: Medians(per_second=1000, p50=0.08, p99=0.12),
        SHOP: Medians(per_second=500, p50=0.13, p99=0.3),
    }

    budget = Budget.of(medians)

    assert budget.own_work == pytest.approx(0.001)  # 2 ms - 1 ms per update
    assert budget.allowed == pytest.approx(1 / 900)  # 0.6 x 1500 updates/s
    assert "its own work 1000 us" in budget.line()
    assert "would have 1111 us, 111 us for its own work" in budget.line()
