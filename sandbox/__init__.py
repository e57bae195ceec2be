"""The sandbox: the real application on the fake Telegram, with a web chat in a browser.

`python main.py --sandbox` (and `make run` without Telegram credentials in development)
runs it; see README "Sandbox". Modules: `personas` (who a visitor can be), `world` (what
the web chat gets), `run` (the process: fake Telegram, its saved world, the app, the web
chat), `settings` (the sandbox's settings and files), `world_store` (the fake's world
saved in SQLite), `web/` (the web chat).
"""
