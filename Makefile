# Two commands: `make run` and `make test`. Both go through `make install`,
# which only reinstalls when pyproject.toml changed (the stamp file).
PYTHON ?= python3
VENV := .venv
# Windows venvs keep their programs in Scripts/ (the bundle workflow builds there too).
BIN := $(VENV)/$(if $(filter Windows_NT,$(OS)),Scripts,bin)
STAMP := $(VENV)/.installed

.PHONY: install run test bench lint format clean screenshots bundle bundle-test

# Bytecode for our own modules too (pip compiles the packages it installs, not an editable
# checkout): where PYTHONDONTWRITEBYTECODE is set, as on CI machines, every command would
# otherwise compile ~160 modules from source first (~0.3 s a command). Only changed files
# are compiled again.
install: $(STAMP)
	@$(BIN)/python -m compileall -q -j0 archive gui bench main.py >/dev/null

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: install
	$(BIN)/python main.py

test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The desktop bundle (issue 21): dist/Creditdesk/ for the platform this runs on (PyInstaller).
# bundle-test builds it, then drives the bundled app and CLI on a fresh data folder.
BUNDLE_STAMP := $(VENV)/.bundle-tools

$(BUNDLE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	@touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/python -m PyInstaller bundle/creditdesk.spec --noconfirm --clean \
		--distpath dist --workpath build/pyinstaller --log-level WARN

bundle-test: bundle
	$(BIN)/python bundle/bundle_test.py dist/Creditdesk

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
