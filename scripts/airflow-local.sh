#!/usr/bin/env bash
# `make airflow`: Airflow 3 standalone on this machine (SQLite, ./dags) fed by the bundled
# sample site on 127.0.0.1:8765. UI on http://127.0.0.1:8080, user `admin`; the password is
# generated on the first start and kept in data/airflow/simple_auth_manager_passwords.json.generated.
# The UI listens on 127.0.0.1 only: set AIRFLOW_HOST=0.0.0.0 to open it to the network
# (AIRFLOW_PORT changes the port). Task slots (LocalExecutor workers and the rcwire_feeds
# pool) follow the machine's cores: AIRFLOW_PARALLELISM overrides. AIRFLOW_LOCAL_DRY_RUN=1
# prints the configuration and exits. Ctrl-C stops Airflow and the sample site. Override any
# RCWIRE_* variable to point it elsewhere (e.g. RCWIRE_SOURCES=config/sources.yaml).
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
# Airflow's default of 32 LocalExecutor processes swamps a small machine; one per core.
cores=$(nproc 2>/dev/null || echo 2)
parallelism="${AIRFLOW_PARALLELISM:-$(( cores < 2 ? 2 : cores ))}"
export AIRFLOW__CORE__PARALLELISM="$parallelism"
export AIRFLOW__API__HOST="${AIRFLOW_HOST:-127.0.0.1}"
export AIRFLOW__API__PORT="${AIRFLOW_PORT:-8080}"
password_file="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
url_host=$([[ "$AIRFLOW__API__HOST" == "0.0.0.0" ]] && echo "$(hostname -f 2>/dev/null || hostname)" || echo "$AIRFLOW__API__HOST")
banner() {
  echo "airflow-local: UI        http://$url_host:$AIRFLOW__API__PORT (listening on $AIRFLOW__API__HOST)"
  echo "airflow-local: user      admin"
  echo "airflow-local: password  in $password_file (written on the first start)"
  echo "airflow-local: tasks     $parallelism at once ($cores cores; AIRFLOW_PARALLELISM overrides)"
  echo "airflow-local: sources   $RCWIRE_SOURCES, database $RCWIRE_DB"
}
if [[ -n "${AIRFLOW_LOCAL_DRY_RUN:-}" ]]; then banner; exit 0; fi
mkdir -p "$AIRFLOW_HOME"

echo "airflow-local: migrating the metadata DB in $AIRFLOW_HOME"
airflow db migrate >"$AIRFLOW_HOME/migrate.log" 2>&1 \
  || { cat "$AIRFLOW_HOME/migrate.log"; exit 1; }
# Tasks in a pool that does not exist are never scheduled.
airflow pools set rcwire_feeds "$parallelism" "rcwire feed fetches (one slot per feed task)" >/dev/null

site_pid=""
if (exec 3<>/dev/tcp/127.0.0.1/8765) 2>/dev/null; then
  echo "airflow-local: something already serves 127.0.0.1:8765; using it as the sample site"
else
  rcwire samples serve &
  site_pid=$!
fi
cleanup() { [[ -n "$site_pid" ]] && kill "$site_pid" 2>/dev/null; return 0; }
trap cleanup EXIT

banner
# The banner again once the UI answers: standalone's own output scrolls it away.
( for _ in $(seq 1 120); do
    sleep 2
    if (exec 3<>"/dev/tcp/127.0.0.1/$AIRFLOW__API__PORT") 2>/dev/null; then banner; break; fi
  done ) &
airflow standalone
