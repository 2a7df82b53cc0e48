# Two commands on a fresh Debian machine with Python 3.11, as root:
#   make demo   set up, crawl the local demo sites into archive.db, serve it with Datasette
#   make test   set up, run the test suite
# Set-up is idempotent: a virtualenv in .venv with the pinned versions of requirements.txt,
# and Debian's Chromium (for lists that need JavaScript and for the browser tests).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP_VERSION := 26.3

.PHONY: setup demo test bench chromium clean

setup: $(VENV)/.installed chromium

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==$(PIP_VERSION)"
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Debian's Chromium; Playwright's own browser download is never used (it cannot work offline).
chromium:
	@if [ -x /usr/bin/chromium ] || [ -n "$$GOVARCHIVE_CHROMIUM" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	else echo "Chromium is missing: run 'sudo apt-get install chromium' (or set GOVARCHIVE_CHROMIUM)"; exit 1; fi

demo: setup
	$(BIN)/govarchive demo

test: setup
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/crawl.py

clean:
	rm -rf $(VENV) .pytest_cache
