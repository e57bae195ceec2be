"""The order processor takes the `PlaceOrder`s waiting one behind the other, at most a
batch, and leaves the message of another kind that ends the run for right after."""

from __future__ import annotations

import anyio

from actors.messages import PlaceOrder, ReleaseUnpaidOrders
from actors.orders.batch_placement import take_batch


def orders(*keys: str) -> list[PlaceOrder]:
    return [PlaceOrder(1, key) for key in keys]


async def test_a_run_of_place_orders_is_one_batch_and_the_next_kind_waits_its_turn() -> None:
    send, receive = anyio.create_memory_object_stream[object](10)
    release = ReleaseUnpaidOrders()
    with send, receive:
        for message in [*orders("b", "c"), release, *orders("d")]:
            send.send_nowait(message)

        batch, following = take_batch(PlaceOrder(1, "a"), receive)
        assert batch == orders("a", "b", "c")
        assert following is release
        assert receive.receive_nowait() == PlaceOrder(1, "d")  # untouched, still in order


async def test_a_batch_stops_at_its_size_and_at_an_empty_inbox() -> None:
    send, receive = anyio.create_memory_object_stream[object](10)
    with send, receive:
        for message in orders("b", "c", "d"):
            send.send_nowait(message)

        assert take_batch(PlaceOrder(1, "a"), receive, limit=2) == (orders("a", "b"), None)
        assert take_batch(PlaceOrder(1, "x"), receive, limit=5) == (orders("x", "c", "d"), None)
