# The project's commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails and the admin's address follow HOST and PORT unless SITE_BASE_URL is set.
export SITE_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test test-only install install-dev messages lint format bench backup restore clean e2e e2e-install lighthouse lighthouse-install guide-screenshots

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

$(VENV)/.e2e-installed: requirements.txt requirements-dev.txt requirements-e2e.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-e2e.txt
	touch $(VENV)/.runtime-installed $(VENV)/.dev-installed $@

# Compiles locale/*/LC_MESSAGES/django.po; needs GNU gettext's msgfmt (Debian package `gettext`).
messages:
	@command -v msgfmt >/dev/null || (echo "msgfmt missing: installing gettext" && apt-get install -y -qq gettext)
	$(MANAGE) compilemessages --ignore=.venv -v0

## run: install, migrate, load the content, create the admin account, then start the processes of
## Procfile.dev with honcho: the web server on http://$(HOST):$(PORT)/, the task worker and the scheduler
run: install messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) createcachetable
	$(MANAGE) load_site_content
	$(MANAGE) ensure_admin
	HOST=$(HOST) PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

## test: install the test tools and run every check and the whole suite
test: install-dev messages test-only

test-only:
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run -v1
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

## bench: the main pages and the admin screens under gunicorn (production settings, Redis) on SQLite and PostgreSQL,
## with the seed content, 1,300 and 13,000 more articles per locale (databases kept in .bench/ between runs), and the
## worker's start-up and memory; writes bench-results.md (see ops/bench.py)
bench: install messages
	$(BIN)/python ops/bench.py $(BENCH_ARGS)

## backup: the database (SQLite or PostgreSQL, by DATABASE_URL) and the media into backups/<time>/
backup:
	$(PYTHON) ops/backup.py backup

## restore BACKUP=backups/<time>: put a backup back (stop the web and worker processes first)
restore:
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=backups/<time>" && exit 2)
	$(PYTHON) ops/backup.py restore $(BACKUP)

## e2e: real-browser journeys and axe-core checks on both viewports (own server and database; README "Browser tests")
# E2E_DATABASE_URL=postgres://…/name runs the site on PostgreSQL (that database is dropped and recreated);
# E2E_ARGS passes pytest options, e.g. E2E_ARGS="-k reader -x".
e2e: e2e-install messages
	$(BIN)/pytest -c tests/e2e/pytest.ini tests/e2e $(E2E_ARGS)

# Debian's Chromium (Playwright's own browser download is never used) and a Chinese font, without which
# every Chinese screenshot shows boxes; then Playwright and axe-core into .venv.
e2e-install: $(VENV)/.e2e-installed
	@command -v chromium >/dev/null || (echo "chromium missing: installing Debian's" && apt-get update -qq && apt-get install -y -qq chromium)
	@fc-list :lang=zh 2>/dev/null | grep -q . || (echo "no Chinese font: installing fonts-wqy-microhei" && apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei)

## guide-screenshots: the editors' guide's screenshots, taken from the real admin in both languages
## (static/img/guide/; tests/e2e/guide_screenshots.py builds its own site like the browser tests)
guide-screenshots: e2e-install messages
	$(BIN)/python -m tests.e2e.guide_screenshots

LIGHTHOUSE := tests/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE): tests/lighthouse/package.json tests/lighthouse/package-lock.json
	npm ci --prefix tests/lighthouse --no-audit --no-fund --silent
	touch $@

lighthouse-install: e2e-install $(LIGHTHOUSE)

## lighthouse: mobile Lighthouse scores of the main pages in both languages -> tests/lighthouse/scores.md
lighthouse: lighthouse-install messages
	$(BIN)/python -m tests.lighthouse.run

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest-db.sqlite3 .pytest_cache
