# Sharing to Safeguard: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_SYSTEM ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
DATA_DIR ?= $(CURDIR)/data
export DATA_DIR

.PHONY: help venv install install-test frontend migrate demo index run worker test test-fast test-browser lint format check-migrations conformance bench measure-anonymisation check-deploy clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON_SYSTEM) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

venv: $(VENV)/bin/python

$(VENV)/.installed: requirements.txt constraints.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt -c constraints.txt
	@touch $@

$(VENV)/.installed-test: requirements-test.txt constraints.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-test.txt -c constraints.txt
	@touch $@

install: $(VENV)/.installed frontend ## Create .venv and install Python and front-end dependencies

install-test: install $(VENV)/.installed-test ## Also install what the tests need

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

cms/static/dist/main.css: node_modules/.package-lock.json $(wildcard cms/frontend/*)
	npm run --silent build

frontend: cms/static/dist/main.css ## Build GOV.UK Frontend styles and scripts into cms/static/dist

migrate: install ## Apply database migrations (SQLite in $(DATA_DIR) unless DATABASE_URL is set)
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(PY) manage.py load_demo_content

index: install ## Rebuild the search index
	$(PY) manage.py update_index

run: demo index ## Set up everything and serve http://127.0.0.1:$(PORT) with the background worker
	@$(PY) manage.py demo_accounts
	@echo "Serving http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)  Ctrl+C stops."
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker --queue-name '*' & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install ## Run only the background task worker
	$(PY) manage.py db_worker --queue-name '*'

test: install-test ## Run the whole test suite, browser tests included, with the coverage gate
	$(PY) -m pytest --cov --cov-report=term:skip-covered

test-fast: install-test ## Run the tests without the browser tests
	$(PY) -m pytest -m "not browser"

lint: install-test ## Ruff's lint rules and its formatter's check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test ## Fix what ruff can fix, then format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: install ## Fail if a model change has no migration
	$(PY) manage.py makemigrations --check --dry-run

conformance: install ## Run modelsearch's backend test suite against our Whoosh backend (fails on any failure not in search/tests/conformance_expected_failures.txt)
	@$(PY) search/tests/conformance_check.py --expected search/tests/conformance_expected_failures.txt \
		--min-passed $${CONFORMANCE_MIN_PASSED:-109} \
		-- $(PY) ../shared/conformance/run_search_conformance.py search.backends.whoosh

bench: install-test ## Benchmarks: the anonymisation check on a 2,000-word story; search: Whoosh vs database backend on modelsearch's test model and 1,000/5,000 case studies, and the /search/ page vs its bare query; video: the pipeline's transcode of a 60 s 720p clip vs the same ffmpeg command (temporary DATA_DIR); booking: 60 practitioners race for 12 places through gunicorn vs a page view (PostgreSQL if DATABASE_URL is set); dashboard: render time and query count at 500 and 5,000 practitioners (100,000 learning events) vs a bare GROUP BY (temporary DATA_DIR)
	$(PY) -m tests.benchmarks.anonymisation_bench
	env -u DATABASE_URL -u SEARCH_URL $(PY) -m tests.benchmarks.search_bench $(BENCH_ARGS)
	env -u DATABASE_URL $(PY) -m tests.benchmarks.transcode_bench
	$(PY) -m tests.benchmarks.booking_bench $(BOOKING_BENCH_ARGS)
	env -u DATABASE_URL $(PY) -m tests.benchmarks.dashboard_bench $(DASHBOARD_BENCH_ARGS)

measure-anonymisation: install ## Precision and recall of the anonymisation check per kind, on the tuning and held-out parts of its table
	$(PY) -m cms.anonymisation.measure both

check-deploy: install ## Django's deploy checks under production settings
	DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=$$(openssl rand -hex 32) ALLOWED_HOSTS=example.org \
		REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(PY) manage.py check --deploy --fail-level WARNING

clean: ## Remove the virtualenv, built assets and node_modules (keeps $(DATA_DIR))
	rm -rf $(VENV) node_modules cms/static/dist
