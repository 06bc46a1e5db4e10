# Wandelgids: every target sets up what it needs, idempotently.
#   make serve  - install everything, build the calculators, serve with live reload
#   make build  - build the static site into site/ (precompressed, with _headers and build/nginx/)
#   make serve-prod - serve site/ with nginx and the production headers on http://127.0.0.1:8080
#   make test   - install what the tests need (Chromium included) and run them all
#   make edit   - the live-reloading site and the web editor (/admin/) on http://127.0.0.1:8000
#   make check-content - check every page (front matter, calculator blocks, headings, links) in Dutch, and the launch checklist
#   make review-due - pages and calculators whose review is overdue or due within 30 days (fails if any)
#   make launch-check - fails while the launch checklist has open items (the pipeline's gate before production)
#   make deploy-rsync - publish site/ to the clinic's own nginx (pipeline only; needs the DEPLOY_* secrets)
#   make bench  - benchmarks (calculators, Pyodide readiness, page weight, Lighthouse, build time)

SHELL := /bin/bash
.DEFAULT_GOAL := help
export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
UV := $(PYTHON) -m uv
# Exactly the uv that uv.lock holds (tests/test_pipelines.py checks the two agree).
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

.PHONY: help setup zensical serve build pyodide chromium nginx serve-prod test bench clean check-content edit review-due launch-check ci-failed-summary deploy-rsync

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'

# Python packages, from uv.lock; re-synced when the lock or project changes.
# uv itself goes into the Python that .python-version selects.
$(VENV)/.synced: uv.lock pyproject.toml
	@$(UV) --version 2>/dev/null | grep -Eq '^uv $(UV_VERSION)( |$$)' || $(PYTHON) -m pip install --quiet --disable-pip-version-check 'uv==$(UV_VERSION)'
	$(UV) sync --frozen --quiet
	@touch $@

# Front-end packages, from package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.synced node_modules/.installed

# Zensical (the `zensical` dependency group) in its own environment, apart from MkDocs:
# tests/test_zensical.py builds the site with it.
ZENSICAL_VENV := build/zensical-venv
$(ZENSICAL_VENV)/.synced: uv.lock pyproject.toml $(VENV)/.synced
	UV_PROJECT_ENVIRONMENT=$(ZENSICAL_VENV) $(UV) sync --frozen --quiet --no-default-groups --group zensical
	@touch $@

zensical: $(ZENSICAL_VENV)/.synced

# Compile the calculators for Pyodide (skipped inside when nothing changed).
pyodide: setup
	$(BIN)/python scripts/build_pyodide.py

# The site, then what production serving needs: CSP hashes of the inline scripts,
# site/_headers, build/nginx/wandelgids.conf and .br/.gz beside each compressible file.
build: pyodide
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m serving finish site

# Site and web editor on one address: decap-server (Decap's local backend, saves into
# docs/) and mkdocs serve behind a small proxy; prints both URLs. EDIT_PORT=8000 by default.
edit: pyodide
	$(BIN)/python -m wandelgids.edit_server

# Every content problem in one run, in Dutch, with file, line and fix (no MkDocs needed).
# Then what the clinic must still supply before go-live (listed, does not fail here).
check-content: $(VENV)/.synced
	@$(BIN)/python -m wandelgids.content_checks docs; status=$$?; echo; $(BIN)/python -m wandelgids.launch; exit $$status

# The monthly pipeline run: fails (a check staff see) while a review is overdue or due within 30 days.
review-due: $(VENV)/.synced
	@$(BIN)/python -m wandelgids.review_due docs

# The publishing pipeline's gate before production (previews skip it).
launch-check: $(VENV)/.synced
	@$(BIN)/python -m wandelgids.launch --strict

# A failed pipeline run says in Dutch what happened, in the log and the run's summary.
NOT_PUBLISHED := De website is niet bijgewerkt: de versie die online staat, blijft zoals ze was. Hieronder staat wat er niet klopt (bestand:regel en de oplossing); pas het aan en sla opnieuw op.
ci-failed-summary: $(VENV)/.synced
	@{ echo "## Niet gepubliceerd"; echo; echo "$(NOT_PUBLISHED)"; echo; echo '```'; \
	  $(BIN)/python -m wandelgids.content_checks docs; echo; $(BIN)/python -m wandelgids.launch; echo '```'; \
	} | tee -a "$${GITHUB_STEP_SUMMARY:-/dev/null}"

# The clinic's own nginx over rsync/ssh (the pipeline with PUBLISH_TARGET=nginx); see the script.
deploy-rsync:
	@bash scripts/deploy_rsync.sh

serve: pyodide
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# A browser for the tests: Debian's chromium (playwright install cannot download here).
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else $(BIN)/playwright install chromium; fi

# nginx with the brotli_static module (Debian's packages), for serve-prod and the tests.
nginx:
	@if [ -x /usr/sbin/nginx ] && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null; \
	else echo "Install nginx first: sudo apt-get install -y nginx libnginx-mod-http-brotli-static" >&2; exit 1; fi

serve-prod: build nginx
	$(BIN)/python -m serving serve site --port 8080

test: build chromium nginx zensical
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n 2 --dist loadgroup --durations=15 --cov=calculators --cov-report=term --cov-fail-under=95

bench: build chromium nginx
	CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/bench.py

clean:
	rm -rf site build .pytest_cache .coverage test-artifacts
