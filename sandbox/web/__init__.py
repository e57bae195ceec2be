"""The sandbox's web chat: the fake Telegram in a browser (see `app.build_web_chat`).

`app` (the Starlette app and its error answers), `persona_routes`, `chat_routes`,
`action_routes` (send, press, pay through the persona's `SimulatedUser`),
`media_routes` (files' bytes), `event_routes` (server-sent events from
`FakeTelegram.watch_chats`), `messages` (stored messages -> JSON), `entities` (text and
entities -> safe HTML), `bodies` (reading JSON bodies); `static/` is the page.
"""
