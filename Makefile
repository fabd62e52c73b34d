# Two commands matter: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
STATIC_VENDOR := src/pairsight/web/static/vendor

.PHONY: run test system-libraries lint typecheck contracts django-checks pytest lock bench clean

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

test: $(STAMP) system-libraries lint typecheck contracts django-checks pytest

# WeasyPrint needs Pango from the system; say so plainly instead of failing deep inside a test.
system-libraries:
	@$(PYTHON) -c "import ctypes.util, sys; missing = [l for l in ('pango-1.0', 'pangoft2-1.0') if not ctypes.util.find_library(l)]; sys.exit('Missing system libraries for PDF reports: ' + ', '.join(missing) + '. Install them with: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 (or run .ci/run as root).' if missing else 0)"

# Models and migrations agree; the production settings pass Django's deployment checklist.
django-checks: $(STAMP)
	PAIRSIGHT_DATA_DIR=$$(mktemp -d) $(BIN)/python -m django makemigrations --check --dry-run --settings=pairsight.web.settings
	PAIRSIGHT_ENV=production PAIRSIGHT_SECRET_KEY=check-deploy-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') \
	  PAIRSIGHT_ALLOWED_HOSTS=pairsight.example.nhs.uk PAIRSIGHT_DATA_DIR=$$(mktemp -d) \
	  $(BIN)/python -m django check --deploy --fail-level WARNING --settings=pairsight.web.settings

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
	@if [ -n "$${CI:-}" ] && [ -z "$${DATABASE_URL:-}" ]; then \
		echo "PostgreSQL is required in CI: DATABASE_URL is not set (.ci/run starts a server and sets it)." >&2; \
		exit 1; \
	fi
	env -u DATABASE_URL $(BIN)/pytest -n 2 -q --durations=15
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "Running the database tests again on PostgreSQL"; \
		PAIRSIGHT_TEST_DATABASE=postgresql $(BIN)/pytest -n 2 -q --durations=15; \
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
