# Career-guidance assistant: `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    ?= .venv
PY      := $(VENV)/bin/python
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

# Rasa 3.6 needs Python 3.10: use PYTHON if given, else a working python3.10 on PATH, else pyenv's.
PYTHON310 := $(shell \
  for c in "$$PYTHON" python3.10 "$$(pyenv root 2>/dev/null)"/versions/3.10.*/bin/python3.10 "$$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /usr/bin/python3.10; do \
    [ -n "$$c" ] || continue; \
    if "$$c" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then command -v "$$c" 2>/dev/null || echo "$$c"; break; fi; \
  done)

.PHONY: help venv kb run test test-fast bench train validate clean

help:
	@echo "make run    build the knowledge base (first time), then run the assistant"
	@echo "make test   install everything, build the KB, run the whole test suite"
	@echo "make bench  print resolver / latency benchmarks"

$(VENV)/.installed: pyproject.toml constraints.txt
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "error: Python 3.10 is required (Rasa 3.6.21 supports 3.8-3.10) and none was found." >&2; \
	  echo "       Install it (e.g. 'pyenv install 3.10.13') or pass PYTHON=/path/to/python3.10." >&2; \
	  exit 1; fi
	@echo "Using $(PYTHON310)"
	"$(PYTHON310)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip<25" wheel
	$(PY) -m pip install -q -c constraints.txt -e ".[test]"
	@touch $@

venv: $(VENV)/.installed

kb: venv
	$(VENV)/bin/career-kb build

run: kb
	$(VENV)/bin/career-kb stats

test: kb
	$(VENV)/bin/python -m pytest -q

bench: kb
	$(PY) bench/resolve_bench.py

clean:
	rm -rf var .pytest_cache

constraints: venv
	{ echo "# Exact versions for a reproducible install: pip install -c constraints.txt -e '.[test]'"; \
	  echo "# Regenerate with: make constraints (after changing pyproject.toml)"; \
	  $(PY) -m pip freeze --exclude-editable | grep -v -E "^(pip|setuptools|wheel)=="; } > constraints.txt
