#!/usr/bin/env bash
# Restarts the RabbitMQ broker application on the running node (stop_app, start_app): every client
# connection drops, durable queues and their messages stay. Clients must reconnect on their own;
# the backbone test uses this to show nothing is lost or doubled over a broker restart. Takes the
# deploy lock, so a start.sh/provision.sh run by a parallel test never meets a half-stopped broker.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require_root "$@"
take_lock

rabbit_running || die "RabbitMQ: node $(rabbit_nodename) is not running (start it with start.sh)"
log "RabbitMQ: restarting the broker application on $(rabbit_nodename)"
rabbitmqctl -q stop_app >/dev/null || die "RabbitMQ: stop_app failed; $(rabbit_logs_hint)"
rabbitmqctl -q start_app >/dev/null || die "RabbitMQ: start_app failed; $(rabbit_logs_hint)"
rabbitmqctl -q await_startup --timeout "$BACKLOGFLOW_START_TIMEOUT" >/dev/null \
  || die "RabbitMQ: the broker did not finish booting within ${BACKLOGFLOW_START_TIMEOUT}s; $(rabbit_logs_hint)"
log "RabbitMQ: restarted"
