# Ponte: `make run` starts the portal, `make test` checks it. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint browser serve messages bench load fault clean

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Ponte needs Python 3.11"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(INSTALLED)

install: $(INSTALLED)

## The portal on the embedded default: SQLite, in-process tasks, e-mails under var/mail.
run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_content --sample-b2b
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

## Lint, migrations check and the whole suite (PostgreSQL/Redis when DATABASE_URL/CELERY_BROKER_URL are set).
test: install lint browser
	@echo "Database: $${DATABASE_URL:-SQLite (embedded default)}"
	@echo "Broker:   $${CELERY_BROKER_URL:-none, tasks run in-process (embedded default)}"
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

## Debian's Chromium for the browser tests (tests/e2e); installed here when we may.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium and chromium-driver for the browser tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null \
	    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null; } \
	    || echo "Could not install Chromium with apt-get: the browser tests will be skipped."; \
	  else \
	    echo "No /usr/bin/chromium and no root apt-get to install it: the browser tests are skipped."; \
	    echo "Install Debian's chromium and chromium-driver to run them."; \
	  fi; \
	fi
	@# A Chinese font, so that pages in Chinese render (and show in screenshots) as text.
	@if command -v fc-list >/dev/null && [ -z "$$(fc-list :lang=zh)" ] && [ "$$(id -u)" = 0 ] \
	  && command -v apt-get >/dev/null; then \
	  echo "Installing a Chinese font (fonts-wqy-microhei) for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-wqy-microhei >/dev/null \
	  || echo "Could not install a Chinese font: Chinese text shows as boxes in screenshots."; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Production: gunicorn, a Celery worker and beat; every setting from the environment (README).
serve: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/honcho start -f Procfile

## Refresh the translation catalogues after changing strings, then translate and compile.
messages: install
	$(PY) manage.py makemessages -l it -l zh_Hans --no-location --no-obsolete \
	  --ignore=.venv --ignore=var --ignore=tests --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv

## Benchmarks (not timed tests): the scheduler, and load/fault runs against gunicorn + PostgreSQL.
bench: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	$(PY) -m tests.bench.scheduler --jair --anytime 1,2,5,10 --generated S,M,L --seeds 1 --exact 12 --exact-time-limit 30

load: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	$(PY) -m tests.bench.load

fault: install
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	$(PY) -m tests.bench.load --fault

clean:
	rm -rf $(VENV) staticfiles
