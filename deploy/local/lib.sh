# Shared helpers for deploy/local/*.sh. Sourced, not executed.
# shellcheck shell=bash disable=SC2034  # its constants are used by the scripts that source it

# PostgreSQL's perl wrappers (pg_ctlcluster, pg_lsclusters) warn loudly when the locale in the
# environment is not generated on this machine; C.UTF-8 always exists on Debian 12.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE || true

DEPLOY_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENV_FILE="$DEPLOY_LOCAL_DIR/.env.local"

# Names (fixed: they are part of the contract with the engine and the legacy system).
RABBITMQ_VHOST=backlogflow
RABBITMQ_ENGINE_USER=backlogflow-engine
RABBITMQ_LEGACY_USER=backlogflow-legacy
DB_ROLE=backlogflow
DB_NAME=backlogflow
DB_TEST_NAME=backlogflow_test

# Secrets and knobs (environment overrides).
BACKLOGFLOW_ENGINE_PASSWORD="${BACKLOGFLOW_ENGINE_PASSWORD:-engine-dev-password}"
BACKLOGFLOW_LEGACY_PASSWORD="${BACKLOGFLOW_LEGACY_PASSWORD:-legacy-dev-password}"
BACKLOGFLOW_DB_PASSWORD="${BACKLOGFLOW_DB_PASSWORD:-backlogflow-dev-password}"
BACKLOGFLOW_START_TIMEOUT="${BACKLOGFLOW_START_TIMEOUT:-60}"
BACKLOGFLOW_PG_CLUSTER="${BACKLOGFLOW_PG_CLUSTER:-main}"

log()  { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }

# Re-runs the calling script as root (through sudo when available); CI already is root.
require_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo >/dev/null 2>&1; then
    log "not root: re-running with sudo -n (no password prompt: configure passwordless sudo or run as root)"
    exec sudo -n --preserve-env=BACKLOGFLOW_ENGINE_PASSWORD,BACKLOGFLOW_LEGACY_PASSWORD,BACKLOGFLOW_DB_PASSWORD,BACKLOGFLOW_START_TIMEOUT,BACKLOGFLOW_PG_VERSION,BACKLOGFLOW_PG_CLUSTER,BACKLOGFLOW_RABBITMQ_MANAGEMENT,BACKLOGFLOW_LEGACY_STRICT,BACKLOGFLOW_DEPLOY_LOCKED \
      bash "$0" "$@"
  fi
  die "must run as root (installs packages and starts system services); sudo is not available"
}

# One deploy/local script at a time on this machine (test assemblies may run start.sh in parallel;
# apt and CREATE DATABASE do not like races). Scripts run by a script that holds the lock skip it.
LOCK_FILE=/run/lock/backlogflow-deploy-local.lock
lock_holders() {
  local fd pid out=""
  for fd in /proc/[0-9]*/fd/*; do
    [ "$(readlink "$fd" 2>/dev/null)" = "$LOCK_FILE" ] || continue
    pid=${fd#/proc/}; pid=${pid%%/*}
    [ "$pid" = "$$" ] || out+=" $pid($(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-60))"
  done
  echo "${out:- none found}"
}
take_lock() {
  [ "${BACKLOGFLOW_DEPLOY_LOCKED:-}" = "1" ] && return 0
  mkdir -p "$(dirname "$LOCK_FILE")"
  exec 9>>"$LOCK_FILE"
  if ! flock -n 9; then
    log "another deploy/local script is running; waiting for it (up to 900 s)"
    flock -w 900 9 || die "timed out waiting for $LOCK_FILE; processes holding it: $(lock_holders)"
  fi
  export BACKLOGFLOW_DEPLOY_LOCKED=1
}
# Daemons must not inherit the lock's descriptor (they would hold the lock for their lifetime):
# start.sh launches them with 9>&-.

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

require_installed() {
  local p missing=()
  for p in rabbitmq-server postgresql; do is_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] || die "not installed: ${missing[*]} (run deploy/local/install.sh first)"
}

# --- PostgreSQL ---------------------------------------------------------------------------------

# The major version to use: BACKLOGFLOW_PG_VERSION, else the newest installed server.
pg_version() {
  if [ -n "${BACKLOGFLOW_PG_VERSION:-}" ]; then echo "$BACKLOGFLOW_PG_VERSION"; return; fi
  local v
  v=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
        | awk -F/ '{print $5}' | sort -n | tail -1)
  [ -n "$v" ] || die "no PostgreSQL server found under /usr/lib/postgresql (run deploy/local/install.sh)"
  echo "$v"
}

# pg_lsclusters -h columns: version cluster port status owner datadir logfile
pg_cluster_field() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" -v c="$2" -v f="$3" '$1==v && $2==c {print $f}'; }
pg_port()    { pg_cluster_field "$(pg_version)" "$BACKLOGFLOW_PG_CLUSTER" 3; }
pg_status()  { pg_cluster_field "$(pg_version)" "$BACKLOGFLOW_PG_CLUSTER" 4; }
pg_logfile() { pg_cluster_field "$(pg_version)" "$BACKLOGFLOW_PG_CLUSTER" 7; }

pg_accepting() {
  local port; port=$(pg_port)
  [ -n "$port" ] && pg_isready -q -h 127.0.0.1 -p "$port" -t 2
}

# Runs psql as the postgres superuser over the local socket, SQL on stdin; extra args passed on.
psql_admin() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$(pg_port)" "$@"); }

# --- RabbitMQ -----------------------------------------------------------------------------------

# rabbitmq-diagnostics/rabbitmqctl start an Erlang VM each time (about a second); keep calls few.
rabbit_running() { rabbitmq-diagnostics -q ping >/dev/null 2>&1; }
rabbit_booted()  { rabbitmq-diagnostics -q check_running >/dev/null 2>&1; }

rabbit_nodename() {
  local n=""
  [ -r /etc/rabbitmq/rabbitmq-env.conf ] && n=$(sed -n 's/^ *\(RABBITMQ_\)\{0,1\}NODENAME=//p' /etc/rabbitmq/rabbitmq-env.conf | tail -1 | tr -d '"'"'")
  echo "${RABBITMQ_NODENAME:-${n:-rabbit@$(hostname -s)}}"
}

rabbit_logs_hint() {
  local node; node=$(rabbit_nodename)
  echo "see /var/log/rabbitmq/${node}.log and /var/log/rabbitmq/startup_err (if present)"
}
