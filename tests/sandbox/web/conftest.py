from __future__ import annotations

from tests.sandbox.web.web_chat import running_sandbox_chat, running_web_chat

__all__ = ["running_sandbox_chat", "running_web_chat"]
