# `make demo` and `make test` each set up .venv themselves: once, and again whenever
# pyproject.toml changes. The demo needs only the core package; the tests install every
# optional backend too, since each one is tested.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORE := $(VENV)/.installed-core
DEV := $(VENV)/.installed-dev

.PHONY: demo test lint evaluate clean

$(CORE): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	touch $(CORE)

$(DEV): $(CORE)
	# The CPU build of torch, pinned: an unpinned torch (pulled by the transformers extra)
	# would be a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV)

demo: $(CORE)
	$(BIN)/newsfacts extract examples/ -o out/facts.jsonl
	$(BIN)/newsfacts extract examples/ -o out/facts.duckdb --quiet
	$(BIN)/newsfacts summary out/facts.jsonl

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks models notebooks fuzz devtools
	$(BIN)/ruff format --check src tests benchmarks models notebooks fuzz devtools
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

evaluate: $(CORE)
	$(BIN)/python -m devtools.evaluate tests/specs

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
