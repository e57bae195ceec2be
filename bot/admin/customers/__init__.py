"""Customers in the back office: find one (Telegram id, @username, phone), see their
orders and totals, ban and unban (never an admin), and write to them through the bot
with their reply relayed back ("✉ Message the customer"). Ban, unban and every relayed
message are audited. Registered through the admin package's router (every route here
needs at least ADMIN) but for the customer's reply, which `register_replies` routes for
anyone."""

from bot.admin.customers import customer, relay, search
from bot.router import Router

register_replies = relay.register_replies


def register(router: Router) -> None:
    search.register(router)
    customer.register(router)
    relay.register(router)
