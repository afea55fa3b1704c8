# The project's commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-only install install-dev messages lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

# Compiles locale/*/LC_MESSAGES/django.po; needs GNU gettext's msgfmt (Debian package `gettext`).
messages:
	@command -v msgfmt >/dev/null || (echo "msgfmt missing: installing gettext" && apt-get install -y -qq gettext)
	$(MANAGE) compilemessages --ignore=.venv -v0

## run: install, migrate, load the content, create the admin account, then start the Procfile's processes
## (the web server on http://$(HOST):$(PORT)/ and the scheduler) with honcho
run: install messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_site_content
	$(MANAGE) ensure_admin
	PATH="$(CURDIR)/$(BIN):$$PATH" HOST=$(HOST) $(BIN)/honcho start --port $(PORT)

## test: install the test tools and run every check and the whole suite
test: install-dev messages test-only

test-only:
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run -v1
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

## bench: median response times of the main pages, measured in one run (needs `make run` content)
bench: install messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_site_content
	$(MANAGE) bench

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest-db.sqlite3 .pytest_cache
