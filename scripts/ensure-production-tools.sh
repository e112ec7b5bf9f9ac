#!/usr/bin/env bash
# The production topology (./stack up --production, the e2e project
# "production") needs a TLS proxy (Debian's caddy), certutil (libnss3-tools)
# to make the browser trust the proxy's local CA, and psql
# (postgresql-client) to create Kratos's database. Install what is missing
# when we can; otherwise say what to do. PostgreSQL itself must be running
# (PGHOST:PGPORT, default 127.0.0.1:5432).
set -euo pipefail
missing=()
command -v caddy >/dev/null 2>&1 || missing+=(caddy)
command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if [ "${#missing[@]}" = 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[stack] installing ${missing[*]}..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # Debian starts caddy's own service on port 80 at install: the stack runs its own.
  if [[ " ${missing[*]} " == *" caddy "* ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now caddy >/dev/null 2>&1 || true
  fi
  exit 0
fi
echo "[stack] The production topology needs: ${missing[*]} (sudo apt-get install ${missing[*]})." >&2
exit 1
