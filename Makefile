# KoKoMa — `make run` to try it, `make test` to check it.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
PG_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 8000

BACKEND_STAMP := $(VENV)/.backend-installed
FRONTEND_STAMP := frontend/node_modules/.installed
# The OpenID provider the tests and `make run-sso` sign in through (tests/idp).
IDP_STAMP := tests/idp/node_modules/.installed
FRONTEND_DIST := frontend/dist/index.html
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package.json

.PHONY: help install run run-sso test lint lint-backend lint-frontend test-backend test-sqlite test-postgres \
	test-frontend test-e2e audit \
	frontend api-client migration release-fixture postgres pg-client chromium bench bench-quick bench-quick-workers \
	bench-auth bench-generate bench-run bench-writers bench-load bench-ui wrk clean

help:
	@echo "make run    install, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make run-sso  the same with single sign-on through a local test provider (README)"
	@echo "make test   lint (ruff, mypy, import layers, ESLint, tsc), dependency audit, backend tests on SQLite and"
	@echo "           PostgreSQL (in parallel), frontend unit and browser tests"
	@echo "make lint   only the lint and type checks"
	@echo "make bench  benchmarks, SQLite writers and load test (see bench/README.md)"
	@echo "make bench-quick  request overhead vs raw baselines on the demo data, a few minutes"
	@echo "           (QUICK_DATA=scale: on the data of make bench-generate); make bench-quick-workers:"
	@echo "           the case list with one worker and with two, in turns"
	@echo "make bench-auth  CPU per request of authentication and permission, measured in-process"
	@echo "make bench-ui  web UI in Chromium: dashboard time to interactive, case list render, cold cache"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BACKEND_STAMP): backend/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e "backend[test]"
	touch $@

$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

$(FRONTEND_DIST): $(FRONTEND_STAMP) $(FRONTEND_SOURCES)
	cd frontend && npm run build

$(IDP_STAMP): tests/idp/package.json tests/idp/package-lock.json
	cd tests/idp && npm ci --no-audit --no-fund
	touch $@

install: $(BACKEND_STAMP) $(FRONTEND_STAMP) $(IDP_STAMP)

frontend: $(FRONTEND_DIST)

run: $(BACKEND_STAMP) $(FRONTEND_DIST)
	$(BIN)/kokoma db upgrade
	$(BIN)/kokoma demo-data
	@echo "KoKoMa runs on http://$(HOST):$(PORT) — stop with Ctrl+C"
	$(BIN)/kokoma serve --host $(HOST) --port $(PORT)

# `make run` with single sign-on: the test provider of tests/idp on port 8001 with the
# demo users of tests/idp/demo.json, and the demo municipality Unstrut-Hainich-Kreis
# signing in through it. The demo client is registered for http://127.0.0.1:8000.
DEMO_SSO_SECRET := kokoma-demo-secret-only-for-local-trials
run-sso: $(BACKEND_STAMP) $(FRONTEND_DIST) $(IDP_STAMP)
	$(BIN)/kokoma db upgrade
	$(BIN)/kokoma demo-data --sso
	@echo "KoKoMa runs on http://127.0.0.1:8000 with single sign-on — stop with Ctrl+C"
	node tests/idp/server.js tests/idp/demo.json & idp=$$!; \
		trap "kill $$idp" EXIT; \
		KOKOMA_DEMO_SSO_SECRET=$(DEMO_SSO_SECRET) KOKOMA_PUBLIC_URL=http://127.0.0.1:8000 \
		$(BIN)/kokoma serve --host 127.0.0.1 --port 8000

test: lint audit test-backend test-frontend test-e2e

# Known vulnerabilities in backend (pip-audit) and frontend production dependencies
# (npm audit, high and critical). Fails on a finding; says so and goes on where the
# registries cannot answer.
audit: $(BACKEND_STAMP) $(FRONTEND_STAMP)
	$(BIN)/python scripts/audit_dependencies.py

lint: lint-backend lint-frontend

# Ruff (lint and format), mypy and the import-layering contracts; configured in
# backend/pyproject.toml. The schema migration is generated and left as generated.
PY_SOURCES := backend tests bench migrations/env.py
lint-backend: $(BACKEND_STAMP)
	$(BIN)/ruff check --config backend/pyproject.toml $(PY_SOURCES)
	$(BIN)/ruff format --check --config backend/pyproject.toml $(PY_SOURCES)
	cd backend && ../$(BIN)/mypy
	cd backend && ../$(BIN)/lint-imports

# The two database suites run side by side, each into its own log; both logs are
# printed afterwards, and either failing fails the target. What both suites need is
# installed first: two `npm ci` in one folder at once break each other's files.
BACKEND_SUITES := sqlite postgres
test-backend: $(BACKEND_STAMP) $(IDP_STAMP) postgres
	@mkdir -p build
	@status=0; $(MAKE) --no-print-directory -j2 -k $(BACKEND_SUITES:%=build/test-%.log) \
		|| status=1; \
	for db in $(BACKEND_SUITES); do echo "--- backend tests on $$db ---"; cat build/test-$$db.log; done; \
	exit $$status

build/test-%.log: FORCE
	@$(MAKE) --no-print-directory test-$* > $@ 2>&1 \
		&& echo "backend tests on $* passed" || { echo "backend tests on $* FAILED"; exit 1; }

FORCE:

test-sqlite: $(BACKEND_STAMP) $(IDP_STAMP)
	KOKOMA_TEST_DB=sqlite $(BIN)/pytest -q

test-postgres: $(BACKEND_STAMP) $(IDP_STAMP) postgres pg-client
	KOKOMA_TEST_DB=postgres KOKOMA_TEST_PG_URL=$(PG_URL) $(BIN)/pytest -q

# ESLint (hooks, types, imports across feature folders only through their public entries) and tsc.
lint-frontend: $(FRONTEND_STAMP)
	cd frontend && npm run lint && npm run typecheck

test-frontend: $(FRONTEND_STAMP)
	cd frontend && npm run test

test-e2e: $(BACKEND_STAMP) $(FRONTEND_DIST) $(IDP_STAMP) chromium
	cd frontend && npm run e2e

# Start the local PostgreSQL cluster when it is installed but not running.
postgres:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && command -v pg_ctlcluster >/dev/null; then \
		$(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
		for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi

# kokoma backup/restore of PostgreSQL run pg_dump/pg_restore, which must be of the
# server's major version: the local cluster's, else Debian's default.
pg-client:
	@if ! command -v pg_dump >/dev/null; then \
		major=$$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1); \
		$(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq postgresql-client$${major:+-$$major}; \
	fi

# Browser tests drive Debian's Chromium; test tools may not download browsers.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	fi

# Regenerate the typed API client from the backend's OpenAPI document.
api-client: $(BACKEND_STAMP) $(FRONTEND_STAMP)
	mkdir -p build
	$(BIN)/kokoma openapi > build/openapi.json
	cd frontend && npm run gen:api

# Until the first release the schema is one migration, regenerated from the models.
# Since the first release a schema change adds a revision, generated against a scratch
# database at the current head; review it by hand and give it a working downgrade.
migration: $(BACKEND_STAMP)
	@test -n "$(MESSAGE)" || { echo 'usage: make migration MESSAGE="what the change does"'; exit 1; }
	@scratch=$$(mktemp -d); export KOKOMA_DATA_DIR=$$scratch KOKOMA_DATABASE_URL=; \
	next=$$(printf '%04d' $$(( $$(ls migrations/versions/*.py | wc -l) + 1 ))); \
	$(BIN)/kokoma db upgrade && $(BIN)/alembic -c alembic.ini revision --autogenerate \
		--rev-id $$next -m "$(MESSAGE)"; \
	status=$$?; rm -rf $$scratch; exit $$status

# A release's schema and demo data for the upgrade tests (tests/releases/README.md);
# run on the release's commit, once.
release-fixture: $(BACKEND_STAMP) postgres pg-client
	@test -n "$(VERSION)" || { echo "usage: make release-fixture VERSION=x.y.z"; exit 1; }
	KOKOMA_TEST_PG_URL=$(PG_URL) $(BIN)/python -m tests.releases $(VERSION)

# Benchmarks (see bench/README.md). SCALE=1 is the full data set (200,000 cases,
# 1,000,000 consultations); BENCH_SECONDS is the time per scenario and client count.
# A missed target fails the run, after all parts have run.
BENCH_STAMP := $(VENV)/.bench-installed
SCALE ?= 1
BENCH_SECONDS ?= 15
LOAD_SECONDS ?= 300

$(BENCH_STAMP): bench/requirements.txt $(BACKEND_STAMP)
	$(BIN)/pip install --quiet -r bench/requirements.txt
	touch $@

bench: bench-generate
	status=0; for part in bench-run bench-writers bench-load; do \
		$(MAKE) --no-print-directory $$part || status=1; done; exit $$status

# A few minutes on the demo data: wrk against one worker and the raw baselines, in
# turns; prints throughput ratios and CPU per request (bench/README.md).
# QUICK_DATA=scale: the same on the database of `make bench-generate` (not regenerated).
QUICK_SECONDS ?= 4
QUICK_DATA ?= demo
bench-quick: $(BENCH_STAMP) postgres wrk
	$(BIN)/python -m bench quick --seconds $(QUICK_SECONDS) --data $(QUICK_DATA)

# The caller check's CPU per request: two probe routes in-process, with and without it,
# in turns (bench/auth.py); on the demo data, or QUICK_DATA=scale.
bench-auth: $(BENCH_STAMP) postgres
	$(BIN)/python -m bench auth --data $(QUICK_DATA)

# The case list served by `kokoma serve --workers 1` and `--workers 2` in turns; WRK_CPUS
# runs wrk on those cores only (taskset -c), e.g. WRK_CPUS=1.
WRK_CPUS ?=
bench-quick-workers: $(BENCH_STAMP) postgres wrk
	$(BIN)/python -m bench quick --workers-compare --seconds $(QUICK_SECONDS) \
		--data $(QUICK_DATA) --wrk-cpus "$(WRK_CPUS)"

# The web UI in Chromium on the demo data: the dashboard's time to interactive and the case
# list's render time, UI_RUNS cold-cache loads each (bench/README.md); fails when the dashboard's median
# time to interactive is above 1.5 s.
UI_RUNS ?= 10
UI_BENCH_PORT ?= 8798
bench-ui: $(BACKEND_STAMP) $(FRONTEND_DIST) chromium
	node bench/ui/timing.mjs --runs $(UI_RUNS) --port $(UI_BENCH_PORT)

# The load generator of bench-quick: a C program, so that it leaves the server the CPU.
wrk:
	@if ! command -v wrk >/dev/null; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; \
	fi

bench-generate: $(BENCH_STAMP) postgres
	$(BIN)/python -m bench generate --scale $(SCALE)

bench-run: $(BENCH_STAMP) postgres
	$(BIN)/python -m bench run --seconds $(BENCH_SECONDS)

bench-writers: $(BENCH_STAMP)
	$(BIN)/python -m bench writers --writer-seconds 60

bench-load: $(BENCH_STAMP) postgres
	$(BIN)/python -m bench load --load-seconds $(LOAD_SECONDS)

clean:
	rm -rf $(VENV) build frontend/node_modules frontend/dist tests/idp/node_modules
