# Every target sets up what it needs: the virtual environment, the Python packages
# (pinned in constraints.txt) and the system programs (Graphviz). The site's targets install
# only what the site needs; `make test` adds the test extras (Playwright, hypothesis, axe...).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: serve build check test system clean

# mkdocs-material prints a banner about MkDocs 2 and its own end of life on every build; the
# pinned versions are what this project tests, so the banner says nothing a maintainer can act on.
export NO_MKDOCS_2_WARNING := 1

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/argmap check

NODE_STAMP := node_modules/.installed

test: $(TEST_STAMP)
	@PYTHON=$(PYTHON) bash build_tools/ensure-system.sh test
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	$(BIN)/python -m pytest

# The Argdown CLI, pinned in package-lock.json, for the test of our Argdown export.
# PUPPETEER_SKIP_DOWNLOAD: nothing may download a browser (its PNG export is not used).
$(NODE_STAMP): package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

system:
	@PYTHON=$(PYTHON) bash build_tools/ensure-system.sh

$(STAMP): pyproject.toml constraints.txt build_tools/ensure-system.sh
	@PYTHON=$(PYTHON) bash build_tools/ensure-system.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	@touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(PIP) -e '.[test]'
	@touch $(TEST_STAMP)

clean:
	rm -rf $(VENV) site .cache node_modules
