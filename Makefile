# Two commands on a fresh Debian machine with Python 3.11, as root:
#   make demo   set up, crawl the local demo sites into archive.db, serve it with Datasette
#   make test   set up, run the test suite
# Set-up is idempotent: a virtualenv in .venv with the pinned versions of requirements.txt,
# Debian's Chromium (for lists that need JavaScript and for the browser tests), and
# Debian's redis-server (for distributed crawls and their tests), antiword, Tesseract and
# poppler-utils (the text of attachments: binary Word, scans).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP_VERSION := 26.3

.PHONY: setup demo test bench system clean

setup: $(VENV)/.installed system

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==$(PIP_VERSION)"
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Debian's packages: Chromium (Playwright's own browser download is never used: it cannot
# work offline), redis-server, and the attachment readers (antiword for binary Word, Tesseract
# with Simplified Chinese and poppler's pdftoppm for scans). Installed in one apt-get call,
# only when missing.
system:
	@missing=""; \
	[ -x /usr/bin/chromium ] || [ -n "$$GOVARCHIVE_CHROMIUM" ] || missing="$$missing chromium"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v antiword >/dev/null || missing="$$missing antiword"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	tesseract --list-langs 2>/dev/null | grep -qx chi_sim || missing="$$missing tesseract-ocr tesseract-ocr-chi-sim"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi

demo: setup
	$(BIN)/govarchive demo

test: setup
	$(BIN)/pytest

# Benchmarks, on demand (not part of the tests): each prints its figures and the command.
bench: setup
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/recrawl.py
	$(BIN)/python bench/writer.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/copies.py

clean:
	rm -rf $(VENV) .pytest_cache
