# CRC case supervision: install, run, test.
#
#   make run    the whole service on this machine (web + Celery worker + beat), demo data
#   make test   the whole test suite, browser tests included
#
# Both work from a fresh clone with Python 3.11+ and Node.js; everything else is
# installed into .venv/ and node_modules/ on first use.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DJANGO := $(PY) manage.py
CONSTRAINTS := requirements/constraints.txt
CHROMIUM := /usr/bin/chromium
DEMO_SEED ?= 2026
PYTEST_ARGS ?=

# Stamps record that an install ran against the current dependency files, so a second
# `make run` starts in seconds and an edited pyproject.toml or lock reinstalls by itself.
PY_STAMP := $(VENV)/.crc-installed
NODE_STAMP := node_modules/.crc-installed

# The embedded defaults (SQLite and the filesystem broker under var/) need only DEBUG;
# anything set in the environment or .env still wins, e.g. DATABASE_URL.
DEV_ENV := DEBUG=1

.PHONY: help install run test lint format migrate seed check lock clean distclean \
	seed-if-empty chromium-check code

help:
	@echo "make run       start web, Celery worker and beat on http://127.0.0.1:8000/ (demo data)"
	@echo "make test      run the whole test suite (SQLite, or PostgreSQL if DATABASE_URL is set)"
	@echo "make install   create .venv and node_modules from the locks"
	@echo "make lint      ruff check and ruff format --check"
	@echo "make format    ruff format and ruff check --fix"
	@echo "make migrate   apply migrations to the development database"
	@echo "make seed      (re)create the demo data (idempotent)"
	@echo "make code USER=name  print a demo account's current two-factor code"
	@echo "make check     migrations up to date, check --deploy with production settings"
	@echo "make lock      regenerate $(CONSTRAINTS) from .venv"
	@echo "make clean     remove var/, test results and caches (distclean: also .venv, node_modules)"

# --- installation -----------------------------------------------------------------------

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo >&2 "This project needs Python 3.11 or newer as '$(PYTHON)'."; \
		echo >&2 "Found: $$(command -v $(PYTHON) >/dev/null && $(PYTHON) --version 2>&1 || echo 'no $(PYTHON) on PATH')."; \
		echo >&2 "Install Python 3.11+, or run e.g. 'make PYTHON=python3.12 $(MAKECMDGOALS)'."; \
		exit 1; }
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml $(CONSTRAINTS) | $(PY)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo >&2 "Node.js and npm are needed (GOV.UK Frontend assets)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(PY_STAMP) $(NODE_STAMP)

# --- running ----------------------------------------------------------------------------

migrate: install
	$(DEV_ENV) $(DJANGO) migrate --noinput

seed: migrate
	$(DEV_ENV) $(DJANGO) seed_demo --seed $(DEMO_SEED)

# Seed only a database with no staff: re-seeding is idempotent but takes time, and a
# developer's own edits to the demo data should survive a restart.
seed-if-empty: migrate
	@status=0; $(DEV_ENV) $(DJANGO) shell --no-imports -c 'import sys; from django.contrib.auth import get_user_model; sys.exit(10 if get_user_model().objects.exists() else 0)' || status=$$?; \
	case $$status in \
	  10) echo "Database already has staff: not seeding (make seed to re-run it).";; \
	  0) if $(DEV_ENV) $(DJANGO) help seed_demo >/dev/null 2>&1; then \
	       $(DEV_ENV) $(DJANGO) seed_demo --seed $(DEMO_SEED); \
	     else echo "manage.py seed_demo does not exist yet: starting without demo data."; fi;; \
	  *) exit $$status;; \
	esac

# USER is also the shell's own variable, so only a USER given on the command line counts.
# DEBUG stays as the environment has it (on by default here): demo_code refuses without it.
code: $(PY_STAMP)
	@if [ "$(origin USER)" != "command line" ]; then \
		echo >&2 "Usage: make code USER=<username> (usernames are in var/demo-credentials.json)"; \
		exit 2; fi
	@DEBUG="$${DEBUG:-1}" $(DJANGO) demo_code '$(USER)'

run: seed-if-empty
	@echo
	@echo "  CRC case supervision: http://127.0.0.1:8000/"
	@echo "  Demo sign-ins:        var/demo-credentials.json"
	@echo "  Two-factor code:      make code USER=<username>"
	@echo "  Stop everything:      Ctrl-C"
	@echo
	$(DEV_ENV) $(PY) scripts/procs.py \
		web="$(PY) manage.py runserver 127.0.0.1:8000" \
		worker="$(VENV)/bin/celery -A crc.celery worker --loglevel=INFO --concurrency=2 --without-gossip --without-mingle" \
		beat="$(VENV)/bin/celery -A crc.celery beat --loglevel=INFO"

# --- quality ----------------------------------------------------------------------------

chromium-check:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$${CI:-}" = "true" ]; then \
			echo >&2 "$(CHROMIUM) is missing and CI=true: browser tests must run in CI."; \
			echo >&2 "Install it with: apt-get install chromium"; exit 1; \
		fi; \
		echo "NOTE: $(CHROMIUM) not found, so the browser tests (tests/e2e) will be skipped."; \
		echo "      Install Debian's Chromium to run them: sudo apt-get install chromium"; \
	fi

# node_modules is needed because the browser tests load GOV.UK Frontend's CSS and JS
# (whitenoise serves them straight from node_modules in tests).
# pytest's status 5 means it collected no tests: a broken testpaths or conftest, never
# a pass, so it is reported as such (make fails on any non-zero status anyway).
test: install chromium-check
	@status=0; $(PY) -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo >&2 "pytest collected no tests: that is a failure."; fi; \
	exit $$status

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(PY_STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# check --deploy runs with production-like settings (DEBUG off, a throwaway random key)
# and fails on warnings too, so a weakened security setting breaks CI, not production.
check: install
	$(DEV_ENV) $(DJANGO) makemigrations --check --dry-run
	DEBUG=false ALLOWED_HOSTS=crc.example.org \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(DJANGO) check --deploy --fail-level WARNING

# The lock is what the current .venv has: update pyproject.toml, `pip install` the new
# versions into .venv, run the tests, then `make lock` and commit the result.
lock: | $(PY)
	@{ echo "# Generated by 'make lock' from .venv; install with"; \
	   echo "#   pip install -c $(CONSTRAINTS) -e '.[dev]'"; \
	   $(PIP) freeze --exclude-editable | grep -v -i '^crc-supervision'; } > $(CONSTRAINTS).tmp
	mv $(CONSTRAINTS).tmp $(CONSTRAINTS)
	@if [ -f $(PY_STAMP) ]; then touch $(PY_STAMP); fi
	@echo "Wrote $(CONSTRAINTS)"

clean:
	rm -rf var/ test-results/ .pytest_cache/ .ruff_cache/ build/
	find . -name __pycache__ -type d -not -path './.venv/*' -not -path './node_modules/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules/ *.egg-info/
