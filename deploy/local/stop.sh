#!/usr/bin/env bash
# Stops RabbitMQ and PostgreSQL (started by start.sh). Idempotent: a stopped server is left alone.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require_root "$@"
take_lock

status=0
if ! is_installed rabbitmq-server; then
  log "RabbitMQ: not installed (nothing to stop)"
elif rabbit_running; then
  log "RabbitMQ: stopping node $(rabbit_nodename)"
  # shutdown (unlike stop) waits until the node's OS process has exited.
  if rabbitmqctl -q shutdown >/dev/null; then log "RabbitMQ: stopped"
  else warn "RabbitMQ: rabbitmqctl shutdown failed; $(rabbit_logs_hint)"; status=1; fi
else
  log "RabbitMQ: not running"
fi

if ! is_installed postgresql; then
  log "PostgreSQL: not installed (nothing to stop)"
else
  ver=$(pg_version)
  case "$(pg_status)" in
    online)
      log "PostgreSQL: stopping cluster $ver/$BACKLOGFLOW_PG_CLUSTER"
      if pg_ctlcluster "$ver" "$BACKLOGFLOW_PG_CLUSTER" stop -m fast; then log "PostgreSQL: stopped"
      else warn "PostgreSQL: pg_ctlcluster stop failed; see $(pg_logfile)"; status=1; fi ;;
    "") log "PostgreSQL: cluster $ver/$BACKLOGFLOW_PG_CLUSTER does not exist" ;;
    *)  log "PostgreSQL: not running" ;;
  esac
fi
exit $status
