#!/usr/bin/env bash
# `make airflow`: Airflow 3 standalone on this machine (SQLite, ./dags) fed by the bundled
# sample site on 127.0.0.1:8765. UI on http://localhost:8080; the admin password is
# printed by `airflow standalone` and kept in data/airflow/simple_auth_manager_passwords.json.generated.
# Ctrl-C stops Airflow and the sample site. Override any RCWIRE_* variable to point it
# elsewhere (e.g. RCWIRE_SOURCES=config/sources.yaml for the live feeds).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export PATH="$root/.venv/bin:$PATH"  # standalone starts its components as `airflow ...`
export AIRFLOW_HOME="$root/data/airflow"
export AIRFLOW__CORE__DAGS_FOLDER="$root/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False
export GX_ANALYTICS_ENABLED=false
export RCWIRE_DB="${RCWIRE_DB:-$root/data/rcwire.duckdb}"
export RCWIRE_DATA_DIR="${RCWIRE_DATA_DIR:-$root/data}"
export RCWIRE_SOURCES="${RCWIRE_SOURCES:-$root/samples/sources.yaml}"
export RCWIRE_ALLOW_PRIVATE_HOSTS="${RCWIRE_ALLOW_PRIVATE_HOSTS:-127.0.0.1}"
mkdir -p "$AIRFLOW_HOME"

echo "airflow-local: migrating the metadata DB in $AIRFLOW_HOME"
airflow db migrate >"$AIRFLOW_HOME/migrate.log" 2>&1 \
  || { cat "$AIRFLOW_HOME/migrate.log"; exit 1; }
# Tasks in a pool that does not exist are never scheduled.
airflow pools set rcwire_feeds 4 "rcwire feed fetches (one slot per feed task)" >/dev/null

site_pid=""
if (exec 3<>/dev/tcp/127.0.0.1/8765) 2>/dev/null; then
  echo "airflow-local: something already serves 127.0.0.1:8765; using it as the sample site"
else
  rcwire samples serve &
  site_pid=$!
fi
cleanup() { [[ -n "$site_pid" ]] && kill "$site_pid" 2>/dev/null; return 0; }
trap cleanup EXIT

echo "airflow-local: sources $RCWIRE_SOURCES, database $RCWIRE_DB"
airflow standalone
