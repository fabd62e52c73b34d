# Two commands matter: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
STATIC_VENDOR := src/pairsight/web/static/vendor

.PHONY: run test lint typecheck contracts pytest lock bench clean

$(STAMP): pyproject.toml requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

# Front-end packages come from npm and are built into static files; nothing is copied in by hand.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

.PHONY: assets
assets: $(NODE_STAMP)
	node scripts/build_assets.mjs

# Migrates the SQLite database in var/, loads the Birmingham 2022 demo if it is missing,
# starts gunicorn and one background worker (report builds, imports), prints the demo login
# and the address once gunicorn listens on http://127.0.0.1:8000 (PORT overrides); Ctrl+C
# stops both.
run: $(STAMP) assets
	$(BIN)/pairsight web serve

test: $(STAMP) lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src/pairsight

contracts: $(STAMP)
	$(BIN)/lint-imports

# The suite runs on SQLite; then the tests that use the database run again on PostgreSQL
# when DATABASE_URL names a server (.ci/run starts one and sets it).
pytest: $(STAMP) assets
	env -u DATABASE_URL $(BIN)/pytest -n 2 -q
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "Running the database tests again on PostgreSQL"; \
		PAIRSIGHT_TEST_DATABASE=postgresql $(BIN)/pytest -n 2 -q; \
	else \
		echo "PostgreSQL pass skipped: DATABASE_URL is not set (.ci/run starts a server and sets it)."; \
	fi

# Re-resolve the locked versions after changing pyproject.toml.
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet uv
	.venv-lock/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements/lock.txt
	rm -rf .venv-lock

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules $(STATIC_VENDOR)
