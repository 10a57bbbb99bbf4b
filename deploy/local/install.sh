#!/usr/bin/env bash
# Installs the Debian packages rabbitmq-server and postgresql if they are missing, or the packages
# named as arguments (the browser tests ask for chromium this way). Idempotent.
# Works without systemd: a temporary policy-rc.d stops the packages' postinst from starting (or
# hanging on) services; deploy/local/start.sh starts the servers instead.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
require_root "$@"
take_lock

if [ $# -gt 0 ]; then PACKAGES=("$@"); else PACKAGES=(rabbitmq-server postgresql); fi
missing=()
for p in "${PACKAGES[@]}"; do is_installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  log "already installed: ${PACKAGES[*]} (nothing to do)"
  exit 0
fi
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: these scripts target Debian 12"
log "installing: ${missing[*]}"

export DEBIAN_FRONTEND=noninteractive
# The postgresql postinst creates the first cluster with the locale of the environment: make it
# UTF-8 (an unset LANG would give an SQL_ASCII cluster).
export LANG=C.UTF-8 LC_ALL=C.UTF-8

policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# temporary, from deploy/local/install.sh: no service starts during install\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
  log "temporary $policy in place (services are started by start.sh, not by the packages)"
fi

updated=0
apt_update() { log "apt-get update"; apt-get update -q || die "apt-get update failed (network or apt sources?)"; updated=1; }
for p in "${missing[@]}"; do
  candidate=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
  if [ -z "$candidate" ] || [ "$candidate" = "(none)" ]; then apt_update; break; fi
done

apt_install() {
  apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null
}
if ! apt_install; then
  [ "$updated" -eq 1 ] && die "apt-get install ${missing[*]} failed"
  warn "apt-get install failed with the current package lists; updating them and retrying once"
  apt_update
  apt_install || die "apt-get install ${missing[*]} failed"
fi

for p in "${PACKAGES[@]}"; do is_installed "$p" || die "$p is still not installed after apt-get install"; done
case " ${missing[*]} " in
  *" postgresql "*) log "installed: ${missing[*]} (PostgreSQL $(pg_version); start the servers with deploy/local/start.sh)" ;;
  *) log "installed: ${missing[*]}" ;;
esac
