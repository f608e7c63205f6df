# KMU-Match: `make run` starts the service with demo data, `make test` runs all tests.
# Needs only Python 3.11 and make; everything else is installed here.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
# PostgreSQL for the second test run (trust auth on the CI machine).
TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: i18n run test test-sqlite test-postgres install install-test translations chromium nginx bench clean lint lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Dependencies come from the lock files (exact versions, checked hashes); pyproject.toml keeps the ranges.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	touch $@

install: $(VENV)/.installed translations $(VENV)/.matching-prepared
install-test: $(VENV)/.installed-test translations chromium nginx

# What the matcher derives from the vocabulary (typo and spotting indexes, word counts; seconds of CPU), computed
# once here for the command line's cache folder and the web app's (instance/matching-cache or KMU_MATCHING_CACHE_DIR),
# so that no first ranking and no first start pays for it; again whenever the matcher or its vocabulary changes.
$(VENV)/.matching-prepared: $(VENV)/.installed $(wildcard matching/*.py) matching/data/vocabulary.json.gz
	@echo "Matcher: rechnet einmal vor, was jeder erste Lauf aus dem Wortschatz ableitet (einige Sekunden) ..."
	@# the modules' bytecode, as pip writes it for an installed package (an editable install gets none, and where
	@# PYTHONDONTWRITEBYTECODE is set, every start would compile the matcher's 6,000 lines again: 0.1 s of CPU)
	@$(BIN)/python -m compileall -q matching webapp models >/dev/null
	@$(BIN)/python -m matching prepare >/dev/null
	@KMU_MATCHING_CACHE_DIR="$${KMU_MATCHING_CACHE_DIR-$${KMU_INSTANCE_PATH:-instance}/matching-cache}" $(BIN)/python -m matching prepare >/dev/null
	@touch $@

# Compiled message catalogues (.mo) are build products, made from the .po files.
translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d webapp/translations >/dev/null
	$(BIN)/pybabel compile --use-fuzzy -D person -d webapp/translations >/dev/null

chromium:
	@bash scripts/ensure-chromium.sh

nginx:
	@bash scripts/ensure-nginx.sh

run: install
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi demo-data --if-empty
	@echo ""
	@echo "KMU-Match läuft auf http://$(HOST):$(PORT)  (Beenden mit Strg+C)"
	@echo "Demo-Zugänge:"
	@$(BIN)/flask --app wsgi demo-logins
	@echo ""
	@# The background worker (webapp.core.jobs, an SQLite queue in instance/) runs beside the web server and stops with it.
	@mkdir -p instance
	$(BIN)/flask --app wsgi worker --workers 1 > instance/worker.log 2>&1 & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	KMU_BASE_URL="$${KMU_BASE_URL:-http://$(HOST):$(PORT)}" $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

# ruff (lint, format, import order) and mypy must find nothing.
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# After changing a dependency range in pyproject.toml: write the lock files anew.
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra test -o requirements-test.lock pyproject.toml

test: install-test
	$(BIN)/python scripts/run_tests.py --postgres "$(TEST_POSTGRES_URL)"

test-sqlite: install-test
	$(BIN)/pytest

test-postgres: install-test
	KMU_TEST_DATABASE="$(TEST_POSTGRES_URL)" $(BIN)/pytest

bench: install
	$(BIN)/python bench/matching_quality.py
	$(BIN)/python bench/matching_speed.py
	$(BIN)/python bench/cli_speed.py
	$(BIN)/python bench/real_text.py --split both --steps
	$(BIN)/python bench/ad_lines.py
	$(BIN)/python bench/suggestions_page.py
	$(BIN)/python bench/privacy_ops.py

clean:
	rm -rf $(VENV) test-output .pytest_cache

# After changing UI text: collect the messages and update the catalogues, then
# translate the new entries in webapp/translations/en/LC_MESSAGES/messages.po.
i18n: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _ln:1,2 -k lazy_ngettext:1,2 --no-location --sort-output --width 100 --project KMU-Match -o webapp/translations/messages.pot .
	$(BIN)/pybabel update -i webapp/translations/messages.pot -d webapp/translations --no-fuzzy-matching --width 100
	$(BIN)/pybabel extract -k _p --no-default-keywords --no-location --sort-output --width 100 --project KMU-Match -o webapp/translations/person.pot webapp/counsellors/person_view.py
	$(BIN)/pybabel update -D person -i webapp/translations/person.pot -d webapp/translations --no-fuzzy-matching --width 100
