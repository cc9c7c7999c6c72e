# Kronika: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
VARNISHD := /usr/sbin/varnishd

.DEFAULT_GOAL := help
.PHONY: help install test-tools run test test-postgres lint format check bench bench-growth loadtest messages clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned requirements

run: install ## Install, migrate, load the demo content, make a local admin and serve on 127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py setup_locales
	$(BIN)/python manage.py setup_demo_partner
	$(BIN)/python manage.py ensure_dev_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test-tools: ## Install Debian's Chromium and Varnish for the browser and HTTP-cache tests when missing (apt-get, as root)
	@missing=""; test -x $(CHROMIUM) || missing="chromium"; test -x $(VARNISHD) || missing="$$missing varnish"; \
	  if [ -n "$$missing" ]; then echo "Installing Debian's$$missing for the tests"; \
	    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; } \
	    || echo "!! Could not install$$missing: the tests that need it will fail (they never skip)." >&2; fi

test: install test-tools ## Install and run the whole test suite (SQLite), browser tests included
	$(BIN)/python -m pytest

# The install test's host site has its own SQLite database, so the PostgreSQL pass leaves it out.
test-postgres: install test-tools ## Run the suite on a fresh PostgreSQL database (KRONIKA_CI_POSTGRES), dropped after
	$(BIN)/python -m cms.ci_database run -- $(BIN)/python -m pytest -m "not host_site"

lint: install ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install ## Kronika vs stock Wagtail vs a bare JsonResponse, and search, into bench/results (BENCH_SIZE=20000; DATABASE_URL for PostgreSQL)
	$(BIN)/python -m bench
	$(BIN)/python -m bench.search

bench-growth: install ## Listing, fallback and detail at 2,000 and 20,000 reports measured in alternation (SQLite, CPU time)
	$(BIN)/python -m bench.growth

loadtest: install ## 50 readers and a publish every 2 s on SQLite and PostgreSQL (LOADTEST_SECONDS, default 60)
	$(BIN)/python -m bench.loadtest

# The compiled .mo files are committed beside their .po files, so that a fresh checkout and the installed plugin
# translate with nothing to build and no GNU gettext on the machine; tests/test_messages.py keeps them in step.
messages: install ## Update the Polish catalogues from the code and compile them (needs GNU gettext)
	$(BIN)/python manage.py makemessages --locale pl --add-location file --no-obsolete \
	  --ignore .venv --ignore tests --ignore bench --ignore static --ignore media
	$(BIN)/python manage.py compilemessages --locale pl --ignore .venv

clean: ## Remove the virtualenv, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media
