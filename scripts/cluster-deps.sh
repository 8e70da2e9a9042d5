#!/usr/bin/env bash
# What a local CeleryExecutor cluster needs beyond .venv: PostgreSQL (Airflow's metadata)
# and Redis (the Celery broker) from Debian's packages, and the `cluster` dependency group
# (Airflow's Celery and Postgres providers). Idempotent; installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "cluster: install$missing first (Debian: sudo apt-get install -y$missing)" >&2
    exit 2
  fi
fi
# Debian starts the packaged services where it can; the cluster starts its own on free
# loopback ports and never uses them.
if command -v uv >/dev/null 2>&1; then uv sync --frozen --quiet --group cluster
else python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
  python3 -m uv sync --frozen --quiet --group cluster; fi
rm -f .venv/.synced  # the next `make` target re-syncs without the cluster group
