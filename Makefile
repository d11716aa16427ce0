# Developer entry points (docs/testing.md). `make run` starts the demo site on
# http://127.0.0.1:8000/, `make test` runs the whole suite exactly as CI does (.ci/run).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
# Touched after a successful `pip install`; make reinstalls when pyproject.toml is newer.
STAMP := $(VENV)/.installed-from-pyproject
ADDR ?= 127.0.0.1:8000

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages the site and the suite need, as "file-or-command=package". A fresh CI machine
# has none of them; a developer machine usually has them all, so apt is only called for what is
# missing (apt-get update alone costs ~10 s).
SYSTEM_NEEDS := \
	/usr/bin/chromium=chromium \
	/usr/lib/postgresql/15/bin/initdb=postgresql-15 \
	qpdf=qpdf \
	pdftotext=poppler-utils \
	msgfmt=gettext \
	faketime=faketime \
	redis-server=redis-server \
	wrk=wrk

.PHONY: help install system-packages run serve serve-stop test lint bench bench-load backup restore

help:
	@echo "make run      install if needed, migrate, seed the demo, runserver on $(ADDR)"
	@echo "make serve    production-shaped: gunicorn, PostgreSQL, Redis, task worker (Ctrl-C stops)"
	@echo "make serve-stop  stop what make serve started (data kept under var/serve/)"
	@echo "make test     the whole suite as CI runs it (scripts/test.sh)"
	@echo "make install  the virtualenv and the Debian packages only"
	@echo "make lint     ruff check"
	@echo "make bench    every benchmarks/*.py script but the load run"
	@echo "make bench-load  the load benchmark of the production-shaped run (benchmarks/load.py)"
	@echo "make backup [BACKUP_DIR=backups]   database + both file stores into one archive"
	@echo "make restore ARCHIVE=file.tar      onto an empty database and data folder"

install: system-packages $(STAMP)

system-packages:
	@missing=(); \
	python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv); \
	for need in $(SYSTEM_NEEDS); do \
	  what=$${need%%=*}; pkg=$${need#*=}; \
	  if [[ $$what == /* ]]; then [[ -x $$what ]] && continue; \
	  else command -v "$$what" >/dev/null && continue; fi; \
	  missing+=("$$pkg"); \
	done; \
	if [[ " $${missing[*]} " == *" chromium "* ]]; then missing+=(fonts-liberation); fi; \
	if (( $${#missing[@]} == 0 )); then exit 0; fi; \
	echo "Installing Debian packages: $${missing[*]}"; \
	sudo=(); if (( EUID != 0 )); then \
	  command -v sudo >/dev/null || { echo "Need root or sudo to install: $${missing[*]}" >&2; exit 1; }; \
	  sudo=(sudo -n); fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	"$${sudo[@]}" apt-get update -qq; \
	"$${sudo[@]}" apt-get install -y -qq --no-install-recommends "$${missing[@]}"

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# Every absolute link (e-mails, QR codes, reset links, the Sites record) names the served address.
run: export PST_BASE_URL ?= http://$(ADDR)
run: install
	$(PY) manage.py migrate --noinput
	@# seed_demo is idempotent; skipping it when publications exist keeps restarts quick.
	@count=$$($(PY) manage.py shell --no-imports -v 0 -c \
	  'from library.models import PublicationPage; print(PublicationPage.objects.count())' \
	  2>/dev/null | tail -n 1 || true); \
	if [[ $$count =~ ^[1-9][0-9]*$$ ]]; then echo "Demo data present ($$count publications)."; \
	elif $(PY) manage.py help seed_demo >/dev/null 2>&1; then $(PY) manage.py seed_demo; \
	else echo "warning: no seed_demo command yet; starting with an empty site" >&2; fi
	$(PY) manage.py runserver $(ADDR)

# The production-shaped run (docs/operations.md): gunicorn workers with the production settings,
# a persistent PostgreSQL under var/serve/, Redis and the task worker, all on 127.0.0.1.
serve: install
	bash scripts/serve.sh

serve-stop:
	bash scripts/serve.sh down

test:
	bash scripts/test.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: install
	@# benchmarks/load.py brings up its own site for minutes: it has its own target.
	@shopt -s nullglob; scripts=(); for script in benchmarks/*.py; do \
	  [[ $$script == benchmarks/load.py ]] || scripts+=("$$script"); done; \
	if (( $${#scripts[@]} == 0 )); then echo "No benchmarks/*.py yet."; exit 0; fi; \
	failed=0; for script in "$${scripts[@]}"; do \
	  echo "== $$script"; $(PY) "$$script" || { echo "FAILED: $$script" >&2; failed=1; }; \
	done; exit $$failed

# Issue #23: gunicorn, PostgreSQL, Redis and the worker (scripts/serve.sh) under var/bench-load/,
# driven by wrk and locust; prints the tables of benchmarks/README.md ("load"). Not in `make test`.
bench-load: install
	$(PY) benchmarks/load.py $(BENCH_LOAD_ARGS)

# Backup and restore (docs/operations.md, pst/backup.py): the site the environment names
# (DATABASE_URL, PST_DATA_DIR), as `manage.py backup` / `manage.py restore` do.
BACKUP_DIR ?= backups
backup: $(STAMP)
	$(PY) manage.py backup $(BACKUP_DIR)

restore: $(STAMP)
	@[[ -n "$(ARCHIVE)" ]] || { echo "usage: make restore ARCHIVE=path/to/pst-backup-….tar" >&2; exit 2; }
	$(PY) manage.py restore $(ARCHIVE)
