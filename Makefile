# rcwire: `make run` and `make test` set themselves up from uv.lock on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
RCWIRE := $(VENV)/bin/rcwire
export GX_ANALYTICS_ENABLED := false
export AIRFLOW__CORE__LOAD_EXAMPLES := False
# Compile site-packages once at install: where PYTHONDONTWRITEBYTECODE is set, every process
# would otherwise recompile ~5 s of imports from source.
export UV_COMPILE_BYTECODE := 1

.PHONY: help setup run test quality lint typecheck clean airflow report audit samples bench cluster cluster-test

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.synced: pyproject.toml uv.lock
	@if command -v uv >/dev/null 2>&1; then uv sync --frozen --quiet; else \
	  python3 -m uv --version >/dev/null 2>&1 || { echo "installing uv"; python3 -m pip install --quiet uv; }; \
	  python3 -m uv sync --frozen --quiet; fi
	@touch $@

# The project's own modules too, each time (only those that changed): uv does not compile
# an editable install, and where PYTHONDONTWRITEBYTECODE is set each process the suite
# starts (CLI runs, workers, Airflow tasks) compiled them again, 0.2-0.3 s of CPU each.
setup: $(VENV)/.synced ## Create .venv from uv.lock (run by the other targets)
	@$(PY) -m compileall -q -j 0 pipeline dags tests scripts benchmarks

run: setup ## Serve the sample site on 127.0.0.1:8765 and run the pipeline once into data/rcwire.duckdb
	@$(RCWIRE) run --sample-site

# Two pytest-xdist workers: the suite took 8 1/2 minutes on 2 cores in session 32 and 10:38
# in session 37's CI (docs/performance.md); the longest tests start first (tests/conftest.py).
# Work stealing: each worker starts on half the suite in order and takes from the other's
# queue when it runs dry, so a module's tests mostly stay on one worker and its module
# fixtures (an Airflow home, a sample-site run, a built wheel) are set up once, not once
# per worker as when tests were handed out one by one (session 38: 10:22 -> 8:14).
TEST_WORKERS ?= 2

# mypy checks beside the tests: run first, its 40 s on one core from a fresh clone left the
# other core idle. Its report follows theirs; either failing fails the target.
test: setup ## Lint, type-check and run the test suite (TEST_WORKERS=0: one process)
	@$(VENV)/bin/ruff check .
	@mkdir -p $(VENV)/tmp; $(VENV)/bin/mypy > $(VENV)/tmp/mypy.out 2>&1 & mypy=$$!; \
	  $(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist worksteal; tests=$$?; \
	  wait $$mypy; typed=$$?; cat $(VENV)/tmp/mypy.out; \
	  [ $$tests = 0 ] && [ $$typed = 0 ]

# The checks over the labelled corpora (pytest marker `quality`): the quality gate's floors,
# the models' retraining and the rule engine's fast paths against the reference on every
# corpus line. Their cost grows with every labelled round (each round of blind pages adds
# two gate tests and 48 pages), so they are a step of their own in CI, bounded on its own,
# as the cluster tests are (session 41: make test took 11:00 in CI with them, docs/performance.md).
quality: setup ## The quality gate, the models' retraining check and the corpus-wide rule checks (~4 min)
	@$(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist worksteal -m quality

lint: setup ## ruff only
	@$(VENV)/bin/ruff check .

typecheck: setup ## mypy only
	@$(VENV)/bin/mypy

airflow: setup ## Airflow 3 standalone on :8080 (SQLite, ./dags) fed by the sample site on :8765
	@scripts/airflow-local.sh

report: setup ## Write data/reports/report.html (all history) from data/rcwire.duckdb
	@$(RCWIRE) report --days 0

audit: setup ## Check uv.lock against known vulnerabilities (needs pypi.org or api.osv.dev)
	@uv export --frozen --format requirements-txt --no-emit-project --all-groups -o $(VENV)/audit-requirements.txt
	@$(VENV)/bin/pip-audit --strict --disable-pip -r $(VENV)/audit-requirements.txt

bench: ## Performance benchmarks, by hand (~30 min): adds newspaper4k; figures in benchmarks/results/
	@uv sync --frozen --quiet --group bench && rm -f $(VENV)/.synced
	@$(PY) benchmarks/throughput.py --json benchmarks/results/throughput.json
	@$(PY) benchmarks/growth.py --json benchmarks/results/growth.json

cluster: ## Postgres + Redis + Airflow api-server, scheduler, dag-processor, 2 Celery workers; one ingest run
	@scripts/cluster-deps.sh
	@$(PY) -m tests.support.cluster

cluster-test: ## The CeleryExecutor tests: two workers, a worker killed mid-run, a broker outage (~10 min)
	@scripts/cluster-deps.sh
	@$(VENV)/bin/pytest -q -m cluster tests/cluster

samples: setup ## Serve the sample site in the foreground (Ctrl-C to stop)
	@$(RCWIRE) samples serve

clean: ## Remove data/ (DuckDB, run folders); keeps .venv
	rm -rf data
