# Two commands matter: `make dev` and `make test`. Each installs what it needs, idempotently.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Deno from PATH when present, else the pinned one from npm (package.json devDependencies).
# It is reached through node_modules/deno, not node_modules/.bin: `deno task` runs .bin entries
# of npm packages as scripts, which breaks for a native binary.
DENO ?= $(shell command -v deno 2>/dev/null || echo $(CURDIR)/node_modules/deno/deno)
export DENO_NO_UPDATE_CHECK := 1
export PATH := $(PATH):$(CURDIR)/node_modules/deno:$(CURDIR)/node_modules/.bin

.PHONY: help setup dev test test-postgres bench db-reset db-advisors supabase-start clean chromium fmt backup restore

help:
	@echo "make dev      run Soundcheck on the embedded platform (http://127.0.0.1:8000)"
	@echo "make test     everything CI checks"
	@echo "make test-postgres  the real-PostgreSQL tier alone (apt installs what it needs)"
	@echo "make setup    install npm packages and Deno (done by dev and test)"
	@echo "make bench    write bench/results.json"
	@echo "make db-reset drop the embedded database and start again from migrations + seed"
	@echo "make backup  back up the embedded database and files to backups/ (stop the server first)"
	@echo "make restore FILE=backups/….tar.gz  check a backup and put it back (the old data is kept aside)"
	@echo "make db-advisors  Supabase's security and performance lints on the embedded database"
	@echo "make supabase-start  run against a local Supabase (needs Docker)"
	@echo "make clean    remove .data and node_modules"

# npm ci only when the lock file changed since the last install.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.bin/deno
	@touch $@

setup: node_modules/.installed

# Debian's chromium for browser tests; never a downloaded browser.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null; then \
	    echo "installing chromium from apt"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || (sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq chromium >/dev/null); \
	  else echo "chromium missing and apt-get unavailable: browser tests will fail"; exit 1; fi; \
	fi

dev: setup
	$(DENO) task dev

test: setup chromium
	$(DENO) fmt --check
	$(DENO) lint
	$(DENO) task check
	$(DENO) task test
	$(DENO) task test:db
	$(DENO) task test:integration
	$(DENO) task test:e2e
	$(DENO) task db:advisors
	@$(MAKE) --no-print-directory test-postgres

# Real PostgreSQL 15 with pgvector, pgmq and pg_cron: the schema goes in as users put it in
# (Supabase's image SQL, then `supabase db push`), then pgTAP, advisors, and the app's worker on it
# (scripts/postgres/tier.ts). Exit code 3 means the machine cannot install PostgreSQL (no apt, not
# root): the reason is printed and the tier counts as skipped.
test-postgres: setup
	@$(DENO) task test:postgres; rc=$$?; \
	  if [ $$rc -eq 3 ]; then echo "test-postgres: SKIPPED (see the reason above)"; \
	  elif [ $$rc -ne 0 ]; then exit $$rc; fi

bench: setup
	$(DENO) task bench

db-reset: setup
	$(DENO) task db:reset

db-advisors: setup
	$(DENO) task db:advisors

backup: setup
	$(DENO) task backup

restore: setup
	@if [ -z "$(FILE)" ]; then echo "usage: make restore FILE=backups/soundcheck-<time>.tar.gz"; exit 2; fi
	$(DENO) task restore "$(FILE)"

supabase-start: setup
	npx supabase start
	npx supabase db reset
	@echo "Now: SUPABASE_URL=... SUPABASE_ANON_KEY=... DATABASE_URL=... make dev (see README)"

fmt: setup
	$(DENO) fmt

clean:
	rm -rf .data node_modules
