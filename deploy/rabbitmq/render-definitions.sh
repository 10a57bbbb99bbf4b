#!/usr/bin/env bash
# Writes the definitions a RabbitMQ node imports at boot: the production topology
# (deploy/rabbitmq/definitions.json, which deliberately carries no users) plus the users and
# permissions, whose passwords come from the environment (a Kubernetes Secret, or compose's .env).
#
#   render-definitions.sh TOPOLOGY_JSON OUTPUT_JSON
#
# Environment:
#   BACKLOGFLOW_ENGINE_PASSWORD   required  user backlogflow-engine: configure/write/read .* on the vhost
#   BACKLOGFLOW_LEGACY_PASSWORD   required  user backlogflow-legacy: publish applications, read decisions
#   BACKLOGFLOW_ADMIN_PASSWORD    optional  user backlogflow-admin (tag administrator, .* on the vhost), for
#                                           the management UI: a node that imports definitions at boot
#                                           does not create the default guest user.
#   BACKLOGFLOW_LEGACY_STRICT     0 | 1     1: no configure permission on the contract exchanges for the
#                                           legacy user (plain AMQP clients), as deploy/local/provision.sh.
#
# The users and permission regexes are the ones deploy/local/provision.sh creates (see
# deploy/local/README.md, "What provision.sh creates"); deploy/check.sh compares them. Password hashes
# are RabbitMQ's default rabbit_password_hashing_sha256, computed with coreutils as provision.sh does,
# so no password is written in the clear. The output is mode 600 (owned by the rabbitmq user when run
# as root). Every node boot re-imports it, so a changed Secret takes effect at the next restart.
set -euo pipefail

die() { printf 'render-definitions: ERROR: %s\n' "$*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: render-definitions.sh TOPOLOGY_JSON OUTPUT_JSON"
topology=$1 output=$2
[ -r "$topology" ] || die "cannot read $topology"

VHOST=backlogflow
ENGINE_USER=backlogflow-engine
LEGACY_USER=backlogflow-legacy
ADMIN_USER=backlogflow-admin

# The same rule as provision.sh, so a password that works for one deployment works for all.
password_ok() { [[ "$1" =~ ^[A-Za-z0-9._~+=@%^*,:/#!-]{8,128}$ ]]; }
for var in BACKLOGFLOW_ENGINE_PASSWORD BACKLOGFLOW_LEGACY_PASSWORD; do
  [ -n "${!var:-}" ] || die "$var is not set"
done
for var in BACKLOGFLOW_ENGINE_PASSWORD BACKLOGFLOW_LEGACY_PASSWORD BACKLOGFLOW_ADMIN_PASSWORD; do
  [ -z "${!var:-}" ] || password_ok "${!var}" \
    || die "$var must be 8-128 characters from A-Z a-z 0-9 . _ ~ + = @ % ^ * , : / # ! -"
done

# The topology file is one JSON object without users: the users are spliced in after its opening brace.
[ "$(head -c1 "$topology")" = "{" ] || die "$topology must start with '{' (one JSON object)"
if grep -Eq '"(users|permissions)"[[:space:]]*:' "$topology"; then
  die "$topology carries users or permissions; they come from the environment only"
fi

# Permission regexes, exactly as provision.sh builds them (anchored; RabbitMQ does not anchor them).
legacy_configure='^legacy\..*$'
if [ "${BACKLOGFLOW_LEGACY_STRICT:-0}" != "1" ]; then
  legacy_configure='^(BacklogFlow\.Contracts:ApplicationSubmitted|BacklogFlow\.Contracts:ApplicationDecided|BacklogFlow\.Contracts:ApplicationRejected|legacy\..*)$'
fi
legacy_write='^(BacklogFlow\.Contracts:ApplicationSubmitted|legacy\..*)$'
legacy_read='^(BacklogFlow\.Contracts:ApplicationDecided|BacklogFlow\.Contracts:ApplicationRejected|legacy\..*)$'

# base64(salt[4] ++ sha256(salt[4] ++ password)), as provision.sh computes it.
hex_to_bin() { local hex=$1 esc=""; while [ -n "$hex" ]; do esc+="\\x${hex:0:2}"; hex=${hex:2}; done; printf '%b' "$esc"; }
rabbit_hash() {
  local salt digest
  salt=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  digest=$({ hex_to_bin "$salt"; printf '%s' "$1"; } | sha256sum | cut -d' ' -f1)
  hex_to_bin "$salt$digest" | base64 -w0
}
json_re() { printf '%s' "$1" | sed 's/\\/\\\\/g'; }   # regex -> JSON string body
user_json() {
  printf '{"name": "%s", "password_hash": "%s", "hashing_algorithm": "rabbit_password_hashing_sha256", "tags": "%s"}' \
    "$1" "$(rabbit_hash "$2")" "$3"
}
permission_json() {
  printf '{"user": "%s", "vhost": "%s", "configure": "%s", "write": "%s", "read": "%s"}' \
    "$1" "$VHOST" "$(json_re "$2")" "$(json_re "$3")" "$(json_re "$4")"
}

users="    $(user_json "$ENGINE_USER" "$BACKLOGFLOW_ENGINE_PASSWORD" ""),
    $(user_json "$LEGACY_USER" "$BACKLOGFLOW_LEGACY_PASSWORD" "")"
permissions="    $(permission_json "$ENGINE_USER" '.*' '.*' '.*'),
    $(permission_json "$LEGACY_USER" "$legacy_configure" "$legacy_write" "$legacy_read")"
if [ -n "${BACKLOGFLOW_ADMIN_PASSWORD:-}" ]; then
  users+=",
    $(user_json "$ADMIN_USER" "$BACKLOGFLOW_ADMIN_PASSWORD" "administrator")"
  permissions+=",
    $(permission_json "$ADMIN_USER" '.*' '.*' '.*')"
fi

umask 077
tmp="$output.tmp.$$"
trap 'rm -f "$tmp"' EXIT
{
  printf '{\n  "users": [\n%s\n  ],\n  "permissions": [\n%s\n  ],\n' "$users" "$permissions"
  tail -c +2 "$topology"
} > "$tmp"
if [ "$(id -u)" -eq 0 ] && id rabbitmq >/dev/null 2>&1; then
  chown rabbitmq:rabbitmq "$tmp"
fi
mv "$tmp" "$output"
trap - EXIT
admin_note=""
[ -n "${BACKLOGFLOW_ADMIN_PASSWORD:-}" ] && admin_note=", $ADMIN_USER"
printf 'render-definitions: wrote %s (topology from %s; users %s, %s%s; legacy strict=%s)\n' \
  "$output" "$topology" "$ENGINE_USER" "$LEGACY_USER" "$admin_note" "${BACKLOGFLOW_LEGACY_STRICT:-0}"
