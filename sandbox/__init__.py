"""The sandbox: the real application on the fake Telegram, with a web chat in a browser.

`python main.py --sandbox` (and `make run` without Telegram credentials in development)
runs it; see README "Sandbox". Modules: `personas` (who a visitor can be), `run` (the
process: fake Telegram, its saved world, the app, the web chat), `web/` (the web chat).
"""
