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

.PHONY: help venv kb train run test lint pytest test-bot validate nlu-report nlu-data eval-dialogue bench bench-resolve bench-latency clean constraints widget widget-check \
	safety-cv eval-safety bench-safety

help:
	@echo "make run            build the knowledge base, train if needed, start the assistant"
	@echo "make test           install everything, build the KB, train if needed, run every test"
	@echo "make lint           ruff (lint and format check) and mypy"
	@echo "make widget         build the web widget (widget/dist/widget.js) with npm"
	@echo "make nlu-report     intent macro-F1 on the held-out set (tests/nlu/heldout.yml)"
	@echo "make eval-dialogue  unseen job titles and free-form messages through the trained assistant"
	@echo "make nlu-data       regenerate data/nlu/generated.yml from the KB's title split"
	@echo "make bench          resolver and REST latency benchmarks (print numbers)"
	@echo "make eval-safety    the safety layer on the held-out sets in tests/safety/eval/ (skips without them)"
	@echo "make bench-safety   p95 per-message time of the safety layer next to the rules alone"
	@echo "make safety-cv      cross-validate the safety classifier on its corpus (prints figures per category)"

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

# The knowledge base (var/career_kb.sqlite3 or DATABASE_URL): a no-op when already built.
kb: venv
	$(VENV)/bin/career-kb build

# Regenerates the KB entity patterns and trains only when an input changed.
train: kb
	$(PY) -m bot.safety.train
	$(PY) -m bot.train

run: kb
	$(PY) -m bot.run

validate: venv
	$(VENV)/bin/rasa data validate --fail-on-warnings

test: lint widget-check train validate pytest test-bot

# ruff lint + format check and mypy (configured in pyproject.toml); `ruff format .` fixes formatting.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The web widget (docs/widget.md): TypeScript bundled by esbuild, versions fixed by package-lock.json.
# The built bundle is committed (make run needs no Node.js); `make widget` rebuilds it.
widget/node_modules/.installed: widget/package.json widget/package-lock.json
	cd widget && npm ci --no-audit --no-fund
	@touch $@

widget: widget/node_modules/.installed
	cd widget && npm run --silent typecheck && npm run --silent build

# Rebuilds the widget and fails when the committed bundle differs from what its sources build.
widget-check: widget
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- widget/dist; then \
	  echo "error: widget/dist/widget.js is out of date with widget/src: commit the rebuilt bundle" >&2; exit 1; fi

pytest: kb widget
	$(PY) -m pytest -q

# Test stories must all pass; held-out NLU macro-F1 must be at least 0.90.
test-bot: train
	$(VENV)/bin/rasa test core --stories tests/stories --fail-on-prediction-errors --out results/core
	$(MAKE) --no-print-directory nlu-report

nlu-report: train
	$(VENV)/bin/rasa test nlu --nlu tests/nlu/heldout.yml --out results/nlu
	$(PY) -m bot.nlu_report results/nlu/intent_report.json --min-macro-f1 0.90

# Regenerate the training examples made from question templates over the TRAIN titles (committed).
nlu-data: kb
	$(PY) -m bot.nlu_generate

# Held-out job titles (>= 1,600 messages) and tests/eval/freeform/*.yml, end to end; fails below the floors.
eval-dialogue: train
	$(PY) -m bot.eval_dialogue

bench: bench-resolve bench-latency

bench-resolve: kb
	$(PY) bench/resolve_bench.py

bench-latency: train
	$(PY) bench/latency_bench.py

# The safety layer (docs/safety.md). safety-cv only prints; `python -m bot.safety.cv --write` re-chooses
# the thresholds (never after the held-out sets were written).
safety-cv: venv
	$(PY) -m bot.safety.cv

eval-safety: train
	$(PY) -m bot.safety.eval --rest

bench-safety: venv
	$(PY) -m bot.safety.train
	$(PY) bench/safety_bench.py

clean:
	rm -rf var results .pytest_cache

constraints: venv
	{ echo "# Exact versions for a reproducible install: pip install -c constraints.txt -e '.[test]'"; \
	  echo "# Regenerate with: make constraints (after changing pyproject.toml)"; \
	  $(PY) -m pip freeze --exclude-editable | grep -v -E "^(pip|setuptools|wheel)=="; } > constraints.txt
