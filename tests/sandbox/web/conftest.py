"""The web chat's fixture (tests/sandbox/web/web_chat.py) for every test here."""

from tests.sandbox.web.web_chat import running_web_chat

__all__ = ["running_web_chat"]
