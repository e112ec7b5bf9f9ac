#!/usr/bin/env bash
# The e2e suite against PostgreSQL instead of SQLite: a production-like run.
# Uses the server at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres) and
# recreates one database per e2e stack each time (kratos_e2e, kratos_e2e_short,
# kratos_e2e_alt): each stack's Kratos migrates its own, with its own config.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
dsn() { echo "postgres://${PGUSER}@${PGHOST}:${PGPORT}/$1?sslmode=disable"; }
for database in kratos_e2e kratos_e2e_short kratos_e2e_alt; do
  psql -q -c "DROP DATABASE IF EXISTS ${database}" -c "CREATE DATABASE ${database}"
done
E2E_DSN="$(dsn kratos_e2e)" E2E_SHORT_DSN="$(dsn kratos_e2e_short)" E2E_ALT_DSN="$(dsn kratos_e2e_alt)" \
  exec npx playwright test "$@"
