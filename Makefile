# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format migrations-check pytest messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

## make run: migrate the SQLite database, load demo data once, serve http://127.0.0.1:8000
run: install
	BISTAND_DEBUG=1 $(BIN)/bistand migrate --no-input
	BISTAND_DEBUG=1 $(BIN)/bistand demo --if-empty
	BISTAND_DEBUG=1 $(BIN)/bistand runserver $(HOST):$(PORT)

## make test: lint, migration check and the whole suite (SQLite unless BISTAND_DATABASE_URL is set)
test: install lint migrations-check pytest

lint:
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format:
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

migrations-check:
	BISTAND_ENV=test $(BIN)/bistand makemigrations --check --dry-run

pytest:
	$(BIN)/pytest

## make messages: extract UI strings and compile the translations
messages:
	cd src/bistand && ../../$(BIN)/bistand makemessages -l nb -l nn -l en --no-obsolete --ignore '*/tests/*'
	cd src/bistand && ../../$(BIN)/bistand compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
