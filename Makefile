# Relais: everything a newcomer needs, from nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in notification e-mails lead to the server `make run` starts, on whichever port it uses.
export SITE_URL ?= http://$(HOST):$(PORT)
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: run install messages migrate demo static serve worker test test-fast test-profile bench bench-forum bench-http lint format check-deploy clean

run: install messages migrate demo static serve

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

messages: install
	$(PY) manage.py compile_catalogues --verbosity=0

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

static: install
	$(PY) manage.py collectstatic --no-input --verbosity=0

# The web server, and beside it the worker that sends e-mails and runs reminders and retention.
serve:
	@echo "Relais : http://$(HOST):$(PORT)/"
	$(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py run_worker

# The suite runs in one pytest-xdist worker per core, each with its own test database, mail
# catcher port and temporary directory (portal/settings/test.py). TEST_WORKERS=0 runs it in a
# single process; PYTEST_ARGS passes anything else to pytest (a path, -k, -x…). Whole modules go
# to one worker (--dist=loadscope), so data a module shares (tests/shared_data.py) is built once.
TEST_WORKERS ?= auto
PYTEST_ARGS ?=
PYTEST := DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest \
	--numprocesses=$(TEST_WORKERS) --dist=loadscope $(PYTEST_ARGS)

# The whole suite: unit, view, permission and browser tests.
test: install messages
	$(PYTEST)

# Everything but the browser tests.
test-fast: install messages
	$(PYTEST) -m "not e2e"

# The whole suite, then its 30 slowest tests and fixtures (setup, call and teardown apart).
test-profile: install messages
	$(PYTEST) --durations=30

# Median time and query count of the main pages: at the demo's size with 10 more sessions of
# the demo helper, then with 500 more resources and 10,000 more sessions (the helper's week and
# the coordination's sessions list must stay flat).
bench: demo
	$(PY) manage.py bench_pages --sessions 10
	$(PY) manage.py bench_pages --resources 500 --sessions 10000
	$(PY) manage.py bench_indicators

# Median time and query count of the forum's index, topic list and topic page, on a generated
# forum of 1,000 topics and 20,000 posts.
bench-forum: demo
	$(PY) manage.py bench_forum --topics 1000 --posts 20000

# Requests per second under gunicorn (2 workers, production settings, the demo on a throw-away
# SQLite database), public pages as a visitor and member pages as the demo member, beside a bare
# Django view of the same page size (the ceiling). BENCH_SECONDS per address.
BENCH_SECONDS ?= 10
bench-http: install messages
	$(PY) manage.py bench_http --duration $(BENCH_SECONDS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The release gate, with throw-away values for the production variables.
check-deploy: install
	DJANGO_SETTINGS_MODULE=portal.settings.production \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=relais.example.org DATABASE_URL=sqlite:///tmp-check.sqlite3 \
	EMAIL_URL=smtp://localhost:25 SITE_URL=https://relais.example.org \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) static_collected db.sqlite3
