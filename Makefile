# Ponte: `make run` starts the portal, `make test` checks it. See README.md.
# Supported Pythons, newest first. A new venv is made with PYTHON=... when given, else with the
# first of python3.13, python3.12, python3.11 on PATH that runs (pyenv's shim of a version pyenv
# has not selected fails, and is passed over).
SUPPORTED_PYTHONS := 3.13 3.12 3.11
PYTHON ?=
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
INSTALLED := $(VENV)/.installed
BENCH_INSTALLED := $(VENV)/.installed-bench
# The lock files: every package, direct and transitive, pinned with its hashes; `make lock` writes
# them from pyproject.toml (runtime: production; test: make run/test; bench: make bench/load).
LOCKS := requirements/runtime.txt requirements/test.txt requirements/bench.txt
HOST ?= 127.0.0.1
PORT ?= 8000

_empty :=
_space := $(_empty) $(_empty)
_comma := ,
_but_last := $(filter-out $(lastword $(SUPPORTED_PYTHONS)),$(SUPPORTED_PYTHONS))
SUPPORTED_TEXT := $(subst $(_space),$(_comma) ,$(_but_last)) and $(lastword $(SUPPORTED_PYTHONS))
SUPPORTED_COMMANDS := $(subst $(_space),$(_comma) ,$(addprefix python,$(_but_last))) or \
  python$(lastword $(SUPPORTED_PYTHONS))

# Prints "COMMAND (VERSION)" of the interpreter for a new venv, or says why there is none.
define PICK_PYTHON
version() { "$$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }; \
if [ -n "$(PYTHON)" ]; then \
  v=$$(version "$(PYTHON)"); \
  case " $(SUPPORTED_PYTHONS) " in \
    *" $$v "*) echo "$(PYTHON) ($$v)";; \
    *) echo "PYTHON=$(PYTHON) is $${v:+Python }$${v:-not a Python that runs}; Ponte supports Python $(SUPPORTED_TEXT)." >&2; exit 1;; \
  esac; \
else \
  for v in $(SUPPORTED_PYTHONS); do \
    if [ "$$(version python$$v)" = "$$v" ]; then echo "python$$v ($$v)"; exit 0; fi; \
  done; \
  echo "No supported Python found: Ponte needs $(SUPPORTED_COMMANDS) on PATH, or PYTHON=/path/to/python." >&2; \
  exit 1; \
fi
endef

# PYTHON=... naming another version than the venv's: drop the stamp, so the venv is made anew.
ifneq ($(PYTHON),)
ifneq ($(wildcard $(INSTALLED)),)
ifneq ($(shell $(PY) -c 'import sys; print(sys.version_info[:2])' 2>/dev/null),$(shell $(PYTHON) -c 'import sys; print(sys.version_info[:2])' 2>/dev/null))
$(shell rm -f $(INSTALLED))
endif
endif
endif

.PHONY: install interpreter lock run test lint audit browser fonts checkers lighthouse serve messages \
  bench load fault clean backup restore

## The Python a new venv is made with (PYTHON=... or the newest supported one on PATH).
interpreter:
	@$(PICK_PYTHON)

# A venv of a supported version is kept unless PYTHON names another; then the locked set and,
# without its dependencies, the project (setuptools comes from the lock, not from a build env).
$(INSTALLED): pyproject.toml $(LOCKS)
	@have=$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true); \
	case " $(SUPPORTED_PYTHONS) " in *" $$have "*) ;; *) have=;; esac; \
	if [ -z "$$have" ] || [ -n "$(PYTHON)" ]; then \
	  picked=$$($(PICK_PYTHON)) || exit 1; \
	  want=$${picked##*(}; want=$${want%)}; \
	  if [ "$$have" != "$$want" ]; then \
	    if [ -d $(VENV) ]; then echo "Making $(VENV) anew with $$picked"; else echo "Making $(VENV) with $$picked"; fi; \
	    rm -rf $(VENV) && $${picked% (*} -m venv $(VENV) || exit 1; \
	  fi; \
	fi
	$(PIP) --require-hashes -r requirements/test.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $(INSTALLED)

install: $(INSTALLED) fonts

## A TrueType font with Chinese characters, which badges are printed with (README, "Badges") and
## Chinese pages are drawn with in the browser tests: Debian's fonts-wqy-microhei, installed here
## when we may. PONTE_BADGE_FONT set: that font is used instead, nothing is installed.
BADGE_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
fonts:
	@if [ -z "$$PONTE_BADGE_FONT" ] && [ ! -f $(BADGE_FONT) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's fonts-wqy-microhei (badges; Chinese pages in the browser tests)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-wqy-microhei >/dev/null \
	    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-wqy-microhei >/dev/null; } \
	    || echo "Could not install fonts-wqy-microhei: badges cannot be printed."; \
	  else \
	    echo "No $(BADGE_FONT): badges cannot be printed (their tests are skipped outside CI)."; \
	    echo "Install Debian's fonts-wqy-microhei, or set PONTE_BADGE_FONT to a TrueType font with Chinese characters."; \
	  fi; \
	fi

## The portal on the embedded default: SQLite, in-process tasks, e-mails under var/mail.
run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_content --demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

## Lint, migrations check and the whole suite (PostgreSQL/Redis when DATABASE_URL/CELERY_BROKER_URL are set).
test: install lint browser checkers
	@echo "Database: $${DATABASE_URL:-SQLite (embedded default)}"
	@echo "Broker:   $${CELERY_BROKER_URL:-none, tasks run in-process (embedded default)}"
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

## Debian's Chromium for the browser tests (tests/e2e); installed here when we may. Their Chinese
## pages render (and show in screenshots) as text with the font `fonts` installs.
browser: fonts
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

## Page checkers from the npm registry, pinned in package-lock.json, into node_modules/: the Nu HTML
## checker (vnu.jar, run with the machine's Java by tests/test_html_valid.py) and Lighthouse.
## --ignore-scripts: vnu-jar's install script would download a Java of its own; we use the machine's.
NODE_INSTALLED := node_modules/.installed
$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
	  echo "No npm: the Nu HTML checker test is skipped. Install Debian's npm to run it."; \
	fi

checkers: $(NODE_INSTALLED)

## Lighthouse scores of the public pages against a running portal (`make run` in another shell),
## with Debian's Chromium; reports in var/lighthouse/. LIGHTHOUSE_URL, LIGHTHOUSE_PAGES and
## LIGHTHOUSE_CATEGORIES override what is measured.
LIGHTHOUSE_URL ?= http://$(HOST):$(PORT)
LIGHTHOUSE_PAGES ?= /en/ /en/partners/ /en/week/2016/ /en/week/2016/programme/ /en/figures/
LIGHTHOUSE_CATEGORIES ?= performance,accessibility,best-practices,seo
# Prints each category's score, then every weighed audit that did not pass.
LIGHTHOUSE_SUMMARY := const r = require(require("path").resolve(process.argv[1]));
LIGHTHOUSE_SUMMARY += console.log(process.argv[2] + "  " + Object.values(r.categories)
LIGHTHOUSE_SUMMARY +=   .map(c => c.id + " " + Math.round(c.score * 100)).join("  "));
LIGHTHOUSE_SUMMARY += for (const c of Object.values(r.categories)) for (const ref of c.auditRefs) {
LIGHTHOUSE_SUMMARY +=   const a = r.audits[ref.id];
LIGHTHOUSE_SUMMARY +=   if (ref.weight > 0 && a.score !== null && a.score < 1) console.log("    " + c.id + ": " + a.title); }
lighthouse: checkers
	@mkdir -p var/lighthouse
	@for page in $(LIGHTHOUSE_PAGES); do \
	  out=var/lighthouse/$$(echo "$$page" | tr -c 'a-zA-Z0-9\n' '_').json; \
	  CHROME_PATH=/usr/bin/chromium node_modules/.bin/lighthouse "$(LIGHTHOUSE_URL)$$page" \
	    --only-categories=$(LIGHTHOUSE_CATEGORIES) --chrome-flags="--headless=new --no-sandbox" \
	    --output=json --output-path="$$out" --quiet || exit 1; \
	  node -e '$(LIGHTHOUSE_SUMMARY)' "$$out" "$$page"; \
	done

## Ruff, and bandit (security, medium severity and up) on the project's code; part of `make test`.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/bandit -c pyproject.toml -r . --severity-level medium --confidence-level medium -q

## Known vulnerabilities of the installed packages (pip-audit); "skipped: no network" when its
## database cannot be reached.
audit: install
	@test -x $(VENV)/bin/pip-audit \
	  || $(PY) -m pip install --quiet --disable-pip-version-check -e ".[test,audit]" \
	  || echo "Could not install pip-audit."
	$(PY) -m tests.audit

## Production: gunicorn, a Celery worker and beat; every setting from the environment (README).
serve: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/honcho start -f Procfile

## One archive (database, uploaded files, manifest) into BACKUP_DIR, PONTE_BACKUP_DIR or var/backups.
backup: install
	$(PY) manage.py backup $(if $(BACKUP_DIR),--output $(BACKUP_DIR))

## Restore ARCHIVE=... into an empty database and empty media folders (README, "Backups").
restore: install
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=var/backups/ponte-....tar" >&2; exit 2; }
	$(PY) manage.py restore "$(ARCHIVE)"

## Refresh the translation catalogues after changing strings, then translate and compile.
messages: install
	$(PY) manage.py makemessages -l it -l zh_Hans --no-location --no-obsolete \
	  --ignore='.venv*' --ignore=var --ignore=tests --ignore=node_modules
	$(PY) manage.py compilemessages --ignore='.venv*'

## Benchmarks (not timed tests): the scheduler, and load/fault runs against gunicorn + PostgreSQL.
## Their extras (ortools, locust) come from their own lock, requirements/bench.txt.
$(BENCH_INSTALLED): $(INSTALLED) requirements/bench.txt
	$(PIP) --require-hashes -r requirements/bench.txt
	touch $(BENCH_INSTALLED)

bench: $(BENCH_INSTALLED)
	$(PY) -m tests.bench.scheduler --jair --anytime 1,2,5,10 --generated S,M,L --seeds 1 --exact 12 --exact-time-limit 30 \
		--variants 10 --large L --large-seeds 1,2,3

load: $(BENCH_INSTALLED)
	$(PY) -m tests.bench.load

fault: $(BENCH_INSTALLED)
	$(PY) -m tests.bench.load --fault

## Rewrite the lock files after a change of pins in pyproject.toml or requirements/build.in; other
## packages keep their locked versions unless UPGRADE=1. One universal resolution covers every
## supported Python (hashes of each version's wheels). Commit the lock files with pyproject.toml.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --generate-hashes \
  --python-version $(lastword $(SUPPORTED_PYTHONS)) --custom-compile-command "make lock" \
  $(if $(UPGRADE),--upgrade) pyproject.toml requirements/build.in
lock: install
	$(UV_COMPILE) -o requirements/runtime.txt
	$(UV_COMPILE) --extra test -c requirements/runtime.txt -o requirements/test.txt
	$(UV_COMPILE) --extra test --extra bench -c requirements/test.txt -o requirements/bench.txt

clean:
	rm -rf $(VENV) staticfiles
