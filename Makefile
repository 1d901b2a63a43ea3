# Two commands: `make run` and `make test`. Both go through `make install`,
# which only reinstalls when pyproject.toml changed (the stamp file).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench lint format clean screenshots

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: install
	$(BIN)/python main.py

test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Benchmarks print figures (never asserted in tests). FILES / ROWS scale them; the issue
# figures use FILES=1000 ROWS=1000000 (the search catalogue takes minutes to build once).
bench: install
	$(BIN)/python bench/import_bench.py --files $${FILES:-200}
	$(BIN)/python bench/export_bench.py --files $${FILES:-200}
	$(BIN)/python bench/search_bench.py --rows $${ROWS:-100000}
	$(BIN)/python bench/cli_bench.py --photos $${PHOTOS:-10000}

# PNGs of the desktop app for the README (offscreen), from the bundled sample event.
screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m gui.screenshots $${SCREENSHOTS_DIR:-docs/screenshots}

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
