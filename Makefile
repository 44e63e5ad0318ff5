# Give First: every set-up step lives here, so a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8765
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: install install-user uninstall-user lock categories run serve test test-fast eval model tune-combine bench bench-report clean

# Everything comes from requirements.lock (every package pinned with its hashes, numpy and the
# spaCy model included); the project itself is installed editable on top, with no further downloads.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# Everyday use: the extension starts the service itself through a native messaging host (givefirst install).
# AT_LOGIN=1 also starts it at login (systemd user unit / launchd agent).
install-user: install
	$(VENV)/bin/givefirst install $(if $(AT_LOGIN),--at-login)

uninstall-user: install
	$(VENV)/bin/givefirst uninstall

# Re-resolve requirements.in (runtime pins, dev tools, the spaCy model) into requirements.lock with hashes.
lock: install
	test -x $(VENV)/lock-tools/bin/pip-compile || ($(PYTHON) -m venv $(VENV)/lock-tools && $(VENV)/lock-tools/bin/pip install --quiet pip-tools==7.5.2)
	$(PIP) freeze --exclude-editable > $(VENV)/installed.txt
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/lock-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	  --strip-extras --no-emit-index-url --no-emit-find-links --annotation-style line \
	  -c $(VENV)/installed.txt --output-file requirements.lock requirements.in

run: install
	@echo "Give First service on http://$(HOST):$(PORT)  (health: curl -s $(HOST):$(PORT)/healthz)"
	@echo "Load the extension: chrome://extensions -> Developer mode -> Load unpacked -> $(CURDIR)/extension"
	$(PY) -m givefirst serve --host $(HOST) --port $(PORT)

serve: install
	GIVEFIRST_HOST=$(HOST) GIVEFIRST_PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py "givefirst.service:create_app()"

test: install
	node --test tests/js/
	@test -x "$${GIVEFIRST_TEST_CHROMIUM:-/usr/bin/chromium}" || { \
	  echo "make test: $${GIVEFIRST_TEST_CHROMIUM:-/usr/bin/chromium} is missing, so the extension cannot be tested in a browser."; \
	  echo "Install Debian's chromium, as .ci/run does: apt-get install chromium (as root);"; \
	  echo "or leave the browser tests out on purpose: make test-fast"; exit 1; }
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not browser and not slow"

eval: install
	PYTHONPATH=server $(PY) -m givefirst_dev.evaluate

# Retrain the sentence-role classifier (models/roles/model, committed: 3 MB, ~15 s on one core).
model: install
	PYTHONPATH=server $(PY) scripts/train_roles.py

# Print the rules/model disagreement table and the combine() threshold grid (training data only).
tune-combine: install
	PYTHONPATH=server $(PY) scripts/tune_combine.py

# extension/categories.js from models/categories.json (the one list of categories).
categories: install
	PYTHONPATH=server $(PY) scripts/categories_js.py

bench: install bench-report
	PYTHONPATH=server $(PY) scripts/bench.py

# givefirst report's speed: the batch path against analyze() per email, Dask with 1 and 2 workers (printed, never asserted).
bench-report: install
	PYTHONPATH=server $(PY) scripts/bench_report.py

.PHONY: bench-browser screenshot screenshots

# Typing a 500-word draft in chromium: how soon underlines follow, slow keystrokes (printed, never asserted).
bench-browser: install
	PYTHONPATH=server $(PY) scripts/bench_browser.py

# Refreshes docs/screenshot.png from the screenshot test (which otherwise writes only to a temporary folder).
screenshot: install
	GIVEFIRST_SCREENSHOT=$(CURDIR)/docs/screenshot.png $(PY) -m pytest -q tests/browser/test_browser_screenshot.py

# Refreshes the pictures in docs/extension.md (Gmail light and dark, Outlook) from the docs screenshot test.
screenshots: install
	GIVEFIRST_DOCS_SCREENSHOTS=$(CURDIR)/docs $(PY) -m pytest -q tests/browser/test_browser_docs_screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache
