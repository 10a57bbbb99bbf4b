#!/usr/bin/env bash
# Creates the role the engine logs in with, and its database. The postgres image runs this once, as
# the superuser over the local socket, when its data directory is empty (it is mounted into
# /docker-entrypoint-initdb.d/ by deploy/compose and deploy/k8s). Re-running it is harmless: it
# creates what is missing and sets the role's password again.
#
# The role is what deploy/local/provision.sh creates, minus CREATEDB (only the tests need that):
# LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE, owner of a UTF-8 database created from template0.
#
# Environment: BACKLOGFLOW_DB_PASSWORD (required), BACKLOGFLOW_DB_USER and BACKLOGFLOW_DB_NAME
# (default backlogflow), POSTGRES_USER (the superuser; the image sets it, default postgres).
set -euo pipefail
: "${BACKLOGFLOW_DB_PASSWORD:?BACKLOGFLOW_DB_PASSWORD must be set}"
role=${BACKLOGFLOW_DB_USER:-backlogflow}
db=${BACKLOGFLOW_DB_NAME:-backlogflow}
# The password ends up in an Npgsql connection string: the same characters as provision.sh allows.
[[ "$BACKLOGFLOW_DB_PASSWORD" =~ ^[A-Za-z0-9._~+=@%^*,:/#!-]{8,128}$ ]] \
  || { echo "initdb-backlogflow: BACKLOGFLOW_DB_PASSWORD must be 8-128 characters from A-Z a-z 0-9 . _ ~ + = @ % ^ * , : / # ! -" >&2; exit 1; }

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v role="$role" -v pw="$BACKLOGFLOW_DB_PASSWORD" -v db="$db" <<'SQL'
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' LOCALE ''C.UTF-8'' TEMPLATE template0', :'db', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role') \gexec
SQL
echo "initdb-backlogflow: role $role and database $db ready"
