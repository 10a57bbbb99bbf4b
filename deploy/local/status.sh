#!/usr/bin/env bash
# Prints whether RabbitMQ and PostgreSQL are up and accepting connections; exits 0 only when both are.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require_root "$@"

up=0
if ! is_installed rabbitmq-server; then
  echo "RabbitMQ:   not installed (deploy/local/install.sh)"
elif rabbit_booted; then
  echo "RabbitMQ:   up (node $(rabbit_nodename), amqp://127.0.0.1:5672/$RABBITMQ_VHOST)"
  up=$((up + 1))
elif rabbit_running; then
  echo "RabbitMQ:   node $(rabbit_nodename) is running but the broker is not (still booting?)"
else
  echo "RabbitMQ:   down"
fi

if ! is_installed postgresql; then
  echo "PostgreSQL: not installed (deploy/local/install.sh)"
elif pg_accepting; then
  echo "PostgreSQL: up (cluster $(pg_version)/$BACKLOGFLOW_PG_CLUSTER, 127.0.0.1:$(pg_port))"
  up=$((up + 1))
else
  echo "PostgreSQL: down (cluster $(pg_version)/$BACKLOGFLOW_PG_CLUSTER: $(pg_status || true))"
fi

[ $up -eq 2 ]
