# Quick start: `make run` runs the bot (the sandbox in a browser without Telegram
# credentials in .env), `make test` runs every test.
# Both create the virtual environment (.venv) with the pinned dependencies first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint migrate check

$(BIN)/python: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/python

run: $(BIN)/python
	$(BIN)/python main.py

# The paced tests assert a send rate where the fake Telegram counts it: they run alone,
# after the rest, because four workers on two cores can delay a send past the pacer's
# 10 ms allowance (actors/broadcast/pacing.py: JITTER) and bunch sends at the fake.
test: $(BIN)/python
	$(BIN)/python -m pytest -n 4 -m "not paced"
	$(BIN)/python -m pytest -m paced

lint: $(BIN)/python
	$(BIN)/ruff check .
	$(BIN)/mypy .

migrate: $(BIN)/python
	$(BIN)/piccolo migrations forwards all

# The production checklist (README "Production checklist"); `make check ONLINE=1` also
# logs the bot in to Telegram.
check: $(BIN)/python
	$(BIN)/python main.py check $(if $(ONLINE),--online)
