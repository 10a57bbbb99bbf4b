#!/usr/bin/env bash
# Installs the packages if missing (install.sh), starts RabbitMQ and PostgreSQL without systemd
# (if they are not running), waits until both accept connections (at most BACKLOGFLOW_START_TIMEOUT
# seconds each, default 60), then runs provision.sh. Idempotent: running servers are left alone.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require_root "$@"
take_lock
"$DEPLOY_LOCAL_DIR/install.sh"   # a no-op when both packages are installed

started_at=$SECONDS
timeout=$BACKLOGFLOW_START_TIMEOUT

# --- RabbitMQ: kick off first, it boots while PostgreSQL starts ------------------------------------
node=$(rabbit_nodename)
node_host=${node#*@}
# The Erlang node name is rabbit@<short hostname>; rabbitmq-server cannot start (and rabbitmqctl
# cannot reach it) if that name does not resolve.
if ! getent hosts "$node_host" >/dev/null 2>&1; then
  if [ -w /etc/hosts ]; then
    warn "host name '$node_host' does not resolve (RabbitMQ node $node needs it): adding '127.0.0.1 $node_host' to /etc/hosts"
    printf '127.0.0.1 %s\n' "$node_host" >> /etc/hosts
  else
    die "host name '$node_host' does not resolve and /etc/hosts is not writable; add '127.0.0.1 $node_host' to /etc/hosts or set NODENAME=rabbit@localhost in /etc/rabbitmq/rabbitmq-env.conf"
  fi
fi

# The management plugin (HTTP API and UI on :15672) costs well under a second of boot time here;
# BACKLOGFLOW_RABBITMQ_MANAGEMENT=0 leaves it off. Enabled once; enabled_plugins remembers it.
want_management=0
if [ "${BACKLOGFLOW_RABBITMQ_MANAGEMENT:-1}" != "0" ] && ! grep -qs 'rabbitmq_management' /etc/rabbitmq/enabled_plugins; then
  want_management=1
fi

rabbit_launched=0
if rabbit_running; then
  log "RabbitMQ: node $node already running"
  if [ $want_management -eq 1 ]; then
    log "RabbitMQ: enabling the management plugin on the running node"
    rabbitmq-plugins -q enable rabbitmq_management >/dev/null || warn "RabbitMQ: enabling the management plugin failed (continuing without it)"
  fi
else
  if [ $want_management -eq 1 ]; then
    log "RabbitMQ: enabling the management plugin (http://127.0.0.1:15672, guest/guest from this machine only)"
    rabbitmq-plugins -q enable --offline rabbitmq_management >/dev/null || warn "RabbitMQ: enabling the management plugin failed (continuing without it)"
  fi
  log "RabbitMQ: starting node $node (rabbitmq-server -detached)"
  rabbitmq-server -detached 9>&- || die "RabbitMQ: rabbitmq-server -detached failed; $(rabbit_logs_hint)"
  rabbit_launched=1
fi

# --- PostgreSQL ------------------------------------------------------------------------------------
ver=$(pg_version)
cluster=$BACKLOGFLOW_PG_CLUSTER
if [ -z "$(pg_status)" ]; then
  # postgresql-common normally creates it on install; it can be missing after pg_dropcluster or
  # with create_main_cluster = false.
  log "PostgreSQL: cluster $ver/$cluster does not exist: creating it (UTF-8, C.UTF-8 locale)"
  pg_createcluster --locale C.UTF-8 --encoding UTF8 "$ver" "$cluster" >/dev/null \
    || die "PostgreSQL: pg_createcluster $ver $cluster failed"
fi
if [ "$(pg_status)" = "online" ]; then
  log "PostgreSQL: cluster $ver/$cluster already running on port $(pg_port)"
else
  log "PostgreSQL: starting cluster $ver/$cluster (pg_ctlcluster $ver $cluster start)"
  pg_ctlcluster "$ver" "$cluster" start 9>&- \
    || die "PostgreSQL: pg_ctlcluster $ver $cluster start failed; see $(pg_logfile)"
fi
deadline=$((SECONDS + timeout))
until pg_accepting; do
  if [ $SECONDS -ge $deadline ]; then
    tail -n 20 "$(pg_logfile)" >&2 2>/dev/null || true
    die "PostgreSQL: not accepting connections on 127.0.0.1:$(pg_port) after ${timeout}s; see $(pg_logfile)"
  fi
  sleep 1
done
log "PostgreSQL: accepting connections on 127.0.0.1:$(pg_port)"

# --- RabbitMQ: wait ---------------------------------------------------------------------------------
deadline=$((SECONDS + timeout))
while [ $rabbit_launched -eq 1 ] && ! rabbit_running; do
  if [ $SECONDS -ge $deadline ]; then
    tail -n 20 /var/log/rabbitmq/startup_err "/var/log/rabbitmq/${node}.log" >&2 2>/dev/null || true
    die "RabbitMQ: node $node not answering after ${timeout}s; $(rabbit_logs_hint)"
  fi
  sleep 1
done
# ping answers as soon as the Erlang node is up; await_startup waits for the broker itself.
remaining=$((deadline - SECONDS)); [ $remaining -ge 5 ] || remaining=5
rabbitmqctl -q await_startup --timeout "$remaining" >/dev/null \
  || die "RabbitMQ: node $node up but the broker did not finish booting within ${timeout}s; $(rabbit_logs_hint)"
if [ $rabbit_launched -eq 1 ]; then log "RabbitMQ: started"; fi
log "RabbitMQ: accepting connections (node $node)"
log "servers ready after $((SECONDS - started_at))s; provisioning"

exec "$DEPLOY_LOCAL_DIR/provision.sh"
