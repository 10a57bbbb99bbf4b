#!/usr/bin/env bash
# Creates (idempotently) what BacklogFlow needs on the local servers, which must be running
# (start.sh runs this script last):
#   RabbitMQ  vhost backlogflow; users backlogflow-engine (everything on the vhost) and
#             backlogflow-legacy (publish ApplicationSubmitted, read decisions, own legacy.* queues);
#             the contract exchanges and the engine's intake queue, pre-declared.
#   PostgreSQL role backlogflow (LOGIN CREATEDB), databases backlogflow and backlogflow_test.
# Then prints the engine's connection settings and writes them to deploy/local/.env.local.
# Passwords come from BACKLOGFLOW_ENGINE_PASSWORD, BACKLOGFLOW_LEGACY_PASSWORD and
# BACKLOGFLOW_DB_PASSWORD (development defaults otherwise); re-running applies changed passwords.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require_root "$@"
take_lock
require_installed

# Passwords end up in a shell command line (rabbitmq's wrapper runs `su -c`), JSON and an Npgsql
# connection string: allow only characters that need no quoting in any of them.
for var in BACKLOGFLOW_ENGINE_PASSWORD BACKLOGFLOW_LEGACY_PASSWORD BACKLOGFLOW_DB_PASSWORD; do
  [[ "${!var}" =~ ^[A-Za-z0-9._~+=@%^*,:/#!-]{8,128}$ ]] \
    || die "$var must be 8-128 characters from A-Z a-z 0-9 . _ ~ + = @ % ^ * , : / # ! - (no quotes, spaces, ; \$ or backslash)"
done

rabbit_running || die "RabbitMQ is not running (run deploy/local/start.sh)"
pg_accepting   || die "PostgreSQL is not accepting connections (run deploy/local/start.sh)"

# === RabbitMQ ======================================================================================
# Topology names MassTransit uses: one fanout exchange per message type, "<namespace>:<type>".
X_SUBMITTED='BacklogFlow.Contracts:ApplicationSubmitted'
X_DECIDED='BacklogFlow.Contracts:ApplicationDecided'
X_REJECTED='BacklogFlow.Contracts:ApplicationRejected'
# The engine's intake queue (BacklogFlow:Intake:QueueName), declared and bound here as MassTransit
# declares it (a classic queue behind an exchange of its name, bound to ApplicationSubmitted), so
# that what the legacy system sends before any engine has ever started is kept, not dropped as
# unroutable (production: deploy/rabbitmq/definitions.json does the same with a quorum queue).
INTAKE_QUEUE='backlogflow-intake'

# The legacy system's permissions (regexes, anchored by us; RabbitMQ does not anchor them):
#   configure  its own queues and their MassTransit exchanges, legacy.* (e.g. legacy.decisions,
#              legacy.decisions_error). Plus, unless BACKLOGFLOW_LEGACY_STRICT=1, the three
#              contract exchanges by exact name: MassTransit re-declares every exchange it
#              publishes to or binds from (there is no passive declare), and exchange.declare needs
#              configure even when the exchange exists. The price: configure also allows
#              exchange.delete of those three exchanges. With STRICT=1 the legacy user cannot declare
#              or delete them at all, which suits a plain AMQP client (publish needs only write).
#   write      publish to the ApplicationSubmitted exchange; bind into / dead-letter into its own
#              legacy.* queues and exchanges (queue.bind needs write on the destination).
#   read       bind its queues to the decision exchanges (queue.bind / exchange.bind need read on
#              the source exchange) and consume its own legacy.* queues.
# It cannot read applications, publish decisions or touch the engine's queues. The exchanges are
# pre-declared below as the administrator, so their bindings never depend on who connects first.
esc() { printf '%s' "$1" | sed 's/[.]/\\./g'; }
legacy_configure='^legacy\..*$'
if [ "${BACKLOGFLOW_LEGACY_STRICT:-0}" != "1" ]; then
  legacy_configure="^($(esc "$X_SUBMITTED")|$(esc "$X_DECIDED")|$(esc "$X_REJECTED")|legacy\\..*)\$"
fi
legacy_write="^($(esc "$X_SUBMITTED")|legacy\\..*)\$"
legacy_read="^($(esc "$X_DECIDED")|$(esc "$X_REJECTED")|legacy\\..*)\$"

# RabbitMQ's default password hash (rabbit_password_hashing_sha256):
# base64(salt[4] ++ sha256(salt[4] ++ password)), computed with coreutils only.
hex_to_bin() { local hex=$1 esc=""; while [ -n "$hex" ]; do esc+="\\x${hex:0:2}"; hex=${hex:2}; done; printf '%b' "$esc"; }
rabbit_hash() {
  local salt digest
  salt=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  digest=$({ hex_to_bin "$salt"; printf '%s' "$1"; } | sha256sum | cut -d' ' -f1)
  hex_to_bin "$salt$digest" | base64 -w0
}
json_re() { printf '%s' "$1" | sed 's/\\/\\\\/g'; }   # regex -> JSON string body

exchange_json() {
  printf '{"name":"%s","vhost":"%s","type":"fanout","durable":true,"auto_delete":false,"internal":false,"arguments":{}}' "$1" "$RABBITMQ_VHOST"
}
definitions=$(cat <<JSON
{
  "vhosts": [{"name": "$RABBITMQ_VHOST"}],
  "users": [
    {"name": "$RABBITMQ_ENGINE_USER", "password_hash": "$(rabbit_hash "$BACKLOGFLOW_ENGINE_PASSWORD")",
     "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ""},
    {"name": "$RABBITMQ_LEGACY_USER", "password_hash": "$(rabbit_hash "$BACKLOGFLOW_LEGACY_PASSWORD")",
     "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": ""}
  ],
  "permissions": [
    {"user": "$RABBITMQ_ENGINE_USER", "vhost": "$RABBITMQ_VHOST", "configure": ".*", "write": ".*", "read": ".*"},
    {"user": "$RABBITMQ_LEGACY_USER", "vhost": "$RABBITMQ_VHOST",
     "configure": "$(json_re "$legacy_configure")", "write": "$(json_re "$legacy_write")", "read": "$(json_re "$legacy_read")"}
  ],
  "exchanges": [
    $(exchange_json "$X_SUBMITTED"),
    $(exchange_json "$X_DECIDED"),
    $(exchange_json "$X_REJECTED"),
    $(exchange_json "$INTAKE_QUEUE")
  ],
  "queues": [
    {"name": "$INTAKE_QUEUE", "vhost": "$RABBITMQ_VHOST", "durable": true, "auto_delete": false, "arguments": {}}
  ],
  "bindings": [
    {"source": "$X_SUBMITTED", "vhost": "$RABBITMQ_VHOST", "destination": "$INTAKE_QUEUE", "destination_type": "exchange", "routing_key": "", "arguments": {}},
    {"source": "$INTAKE_QUEUE", "vhost": "$RABBITMQ_VHOST", "destination": "$INTAKE_QUEUE", "destination_type": "queue", "routing_key": "", "arguments": {}}
  ]
}
JSON
)
log "RabbitMQ: importing vhost $RABBITMQ_VHOST, users $RABBITMQ_ENGINE_USER and $RABBITMQ_LEGACY_USER, permissions, contract exchanges, intake queue"
# Through a file the rabbitmq user can read (rabbitmqctl runs as that user; stdin "-" is broken
# through Debian's su wrapper in 3.10).
definitions_file=$(mktemp /tmp/backlogflow-definitions.XXXXXX.json)
trap 'rm -f "$definitions_file"' EXIT
printf '%s\n' "$definitions" > "$definitions_file"
chgrp rabbitmq "$definitions_file" && chmod 640 "$definitions_file"
rabbitmqctl -q import_definitions "$definitions_file" >/dev/null \
  || die "RabbitMQ: importing the definitions failed (an exchange declared earlier with other properties? see rabbitmqctl list_exchanges -p $RABBITMQ_VHOST)"

rabbitmqctl -q authenticate_user "$RABBITMQ_ENGINE_USER" "$BACKLOGFLOW_ENGINE_PASSWORD" >/dev/null \
  || die "RabbitMQ: $RABBITMQ_ENGINE_USER cannot authenticate with the configured password"
rabbitmqctl -q authenticate_user "$RABBITMQ_LEGACY_USER" "$BACKLOGFLOW_LEGACY_PASSWORD" >/dev/null \
  || die "RabbitMQ: $RABBITMQ_LEGACY_USER cannot authenticate with the configured password"
log "RabbitMQ: vhost $RABBITMQ_VHOST ready; permissions (user configure write read):"
rabbitmqctl -q list_permissions -p "$RABBITMQ_VHOST" | sed 's/^/    /'

# === PostgreSQL ====================================================================================
port=$(pg_port)
log "PostgreSQL: role $DB_ROLE, databases $DB_NAME and $DB_TEST_NAME (cluster $(pg_version)/$BACKLOGFLOW_PG_CLUSTER, port $port)"
psql_admin -d postgres -v role="$DB_ROLE" -v pw="$BACKLOGFLOW_DB_PASSWORD" \
  -v db="$DB_NAME" -v testdb="$DB_TEST_NAME" <<'SQL' \
  || die "PostgreSQL: provisioning failed (see the psql error above)"
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
-- CREATEDB: the tests create one database per test class.
SELECT format('ALTER ROLE %I WITH LOGIN CREATEDB NOSUPERUSER NOCREATEROLE PASSWORD %L', :'role', :'pw') \gexec
-- template0 + explicit UTF8/C.UTF-8: UTF-8 whatever locale the cluster was created with.
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' LOCALE ''C.UTF-8'' TEMPLATE template0', d, :'role')
  FROM unnest(ARRAY[:'db', :'testdb']) AS d WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d) \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d, :'role') FROM unnest(ARRAY[:'db', :'testdb']) AS d \gexec
SQL

template_encoding=$(psql_admin -d postgres -At -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1'")
[ "$template_encoding" = "UTF8" ] || warn "PostgreSQL: template1 is $template_encoding, not UTF8: databases created without TEMPLATE template0 will not be UTF-8 (the cluster was created with a non-UTF-8 locale; see deploy/local/README.md)"

# Password authentication over TCP on 127.0.0.1 is what the engine uses: prove it.
db_login() { PGPASSWORD="$BACKLOGFLOW_DB_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -At -w \
  -h 127.0.0.1 -p "$port" -U "$DB_ROLE" -d "$1" -c 'select 1' 2>&1; }
if ! out=$(db_login "$DB_NAME"); then
  hba=$(psql_admin -d postgres -At -c 'SHOW hba_file')
  if ! grep -Eq '^[[:space:]]*host[a-z]*[[:space:]].*127\.0\.0\.1' "$hba"; then
    # Debian's default pg_hba.conf has "host all all 127.0.0.1/32 scram-sha-256"; someone removed it.
    warn "PostgreSQL: no host rule for 127.0.0.1 in $hba: adding one for $DB_ROLE (scram-sha-256) and reloading"
    printf '\n# added by BacklogFlow deploy/local/provision.sh\nhost    all    %s    127.0.0.1/32    scram-sha-256\nhost    all    %s    ::1/128    scram-sha-256\n' \
      "$DB_ROLE" "$DB_ROLE" >> "$hba"
    pg_ctlcluster "$(pg_version)" "$BACKLOGFLOW_PG_CLUSTER" reload
    sleep 1
    out=$(db_login "$DB_NAME") || die "PostgreSQL: $DB_ROLE still cannot log in on 127.0.0.1:$port: $out"
  else
    die "PostgreSQL: $DB_ROLE cannot log in with its password on 127.0.0.1:$port ($out); check the rules in $hba"
  fi
fi
out=$(db_login "$DB_TEST_NAME") || die "PostgreSQL: $DB_ROLE cannot log in to $DB_TEST_NAME on 127.0.0.1:$port: $out"
log "PostgreSQL: $DB_ROLE logs in with its password on 127.0.0.1:$port (databases $DB_NAME, $DB_TEST_NAME)"

# === The engine's settings =========================================================================
# SSL Mode=Disable: the server is on this machine and Debian's PostgreSQL has ssl = on, so Npgsql's
# default (Prefer) wrapped every loopback round trip in TLS, which protects nothing here and cost
# CPU on both sides (40k PostgreSQL surge: 30.6/31.2 s with TLS, 27.4/30.1 s without). Servers on
# another machine (compose, k8s) keep the default.
settings=(
  "BacklogFlow__Database__Provider=PostgreSql"
  "BacklogFlow__Database__ConnectionString=Host=127.0.0.1;Port=$port;Database=$DB_NAME;Username=$DB_ROLE;Password=$BACKLOGFLOW_DB_PASSWORD;SSL Mode=Disable"
  "BacklogFlow__Messaging__Transport=RabbitMq"
  "BacklogFlow__Messaging__RabbitMq__Host=127.0.0.1"
  "BacklogFlow__Messaging__RabbitMq__Port=5672"
  "BacklogFlow__Messaging__RabbitMq__VirtualHost=$RABBITMQ_VHOST"
  "BacklogFlow__Messaging__RabbitMq__Username=$RABBITMQ_ENGINE_USER"
  "BacklogFlow__Messaging__RabbitMq__Password=$BACKLOGFLOW_ENGINE_PASSWORD"
)
{
  echo "# Written by deploy/local/provision.sh: the engine's settings for the local servers."
  echo "# Load with: set -a; . deploy/local/.env.local; set +a   (git-ignored: contains passwords)"
  echo "# Also provisioned: database $DB_TEST_NAME (owned by $DB_ROLE, who may CREATE DATABASE);"
  echo "# RabbitMQ user $RABBITMQ_LEGACY_USER (password BACKLOGFLOW_LEGACY_PASSWORD) for the legacy side."
  for s in "${settings[@]}"; do printf "%s='%s'\n" "${s%%=*}" "${s#*=}"; done
} > "$ENV_FILE.tmp"
chmod 600 "$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
# Hand the file to whoever owns the checkout (the scripts may have run through sudo).
chown "$(stat -c %u:%g "$DEPLOY_LOCAL_DIR")" "$ENV_FILE" 2>/dev/null || true

log "engine settings (also in ${ENV_FILE}):"
for s in "${settings[@]}"; do printf '%s\n' "$s"; done
