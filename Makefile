# `make demo` and `make test` each set up .venv (once, and again when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint evaluate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsfacts extract examples/ -o out/facts.jsonl
	$(BIN)/newsfacts extract examples/ -o out/facts.duckdb
	$(BIN)/newsfacts summary out/facts.jsonl

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

evaluate: $(STAMP)
	$(BIN)/newsfacts evaluate tests/specs

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
