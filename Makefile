# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501

.PHONY: run test bench seed install install-dev browser axe screenshots clean lint lock audit

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

## Installs come from the lock files (exact versions with hashes, made from the ranges in
## requirements*.txt by `make lock`), so every machine gets the same set.
$(STAMP): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(DEV_STAMP): requirements.lock requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(STAMP) $@

## Re-resolve the lock files after changing a range in requirements*.txt (needs the package index).
UV_COMPILE = $(PY) -m uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --no-header
lock: | $(PY)
	$(PY) -m pip install --quiet 'uv>=0.5,<1'
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt -o requirements-dev.lock

## Known vulnerabilities in the locked set (needs network access to the advisory database).
audit: | $(PY)
	$(PY) -m pip install --quiet 'pip-audit>=2.7,<3'
	$(PY) -m pip_audit --disable-pip --require-hashes -r requirements-dev.lock

install: $(STAMP)
install-dev: $(DEV_STAMP)

## The app's configuration folder (the staff-comment pseudonym key, docs/data-protection.md). `make run` and
## `make seed` keep the demo's in .config/ of this checkout, outside data/ and never in your home folder; an
## installation sets INPUT_FORMS_CONFIG_DIR (or INPUT_FORMS_AUTHOR_KEY_FILE) to a folder of its own.
export INPUT_FORMS_CONFIG_DIR ?= $(CURDIR)/.config

## Seed the demo project (once, into an empty database) and start the app.
run: $(STAMP)
	$(PY) -m input_forms seed-demo --if-empty
	$(PY) -m input_forms apply-retention
	$(PY) -m streamlit run planner/app.py --server.port $(PORT)

seed: $(STAMP)
	$(PY) -m input_forms seed-demo --if-empty

## Browser tests drive Debian's Chromium; install it when it is missing.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; fi; \
	fi

## axe-core (the accessibility checks the browser tests inject) from the npm registry, at the version
## package-lock.json pins; installed once, again only when the lock file changes.
AXE_STAMP := node_modules/.installed
$(AXE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; \
	  else sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; fi; }
	npm ci --no-audit --no-fund
	touch $@

axe: $(AXE_STAMP)

## The shape of the code, held by tools: style and bugs (ruff), types (mypy on floorplans,
## scoring and input_forms), and the dependency rule (import-linter contracts in pyproject.toml).
lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

## The suite runs on every core (each test has its own database schema, port and temp folder);
## `--dist loadfile` keeps a file's tests on one worker, so they share its server and browser.
test: $(DEV_STAMP) browser $(AXE_STAMP) lint
	$(PY) -m pytest -n auto --dist loadfile

## Redraw README's pictures (docs/screenshots/*.png) with the browser tests' set-up (a seeded demo server,
## Chromium): the journeys that show them copy their screenshots there (helpers.DOCS_PICTURES).
SCREENSHOT_TESTS = tests/planner/browser/test_kiosk_flow.py tests/planner/browser/test_comments_browser.py \
	tests/planner/browser/test_screenshots.py tests/planner/browser/test_kiosk_picture.py \
	tests/planner/browser/test_kiosk_layout.py tests/planner/browser/test_designer_canvas.py \
	tests/planner/browser/test_facilitator_admin.py
screenshots: $(DEV_STAMP) browser
	SAVE_DOCS_SCREENSHOTS=1 $(PY) -m pytest $(SCREENSHOT_TESTS) -p no:randomly -q

bench: $(DEV_STAMP)
	@for script in bench/bench_*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) node_modules .pytest_cache .hypothesis tests/artifacts
