"""The sandbox's web chat: the fake Telegram's chats in a browser (see sandbox/world.py)."""
