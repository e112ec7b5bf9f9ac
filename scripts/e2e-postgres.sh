#!/usr/bin/env bash
# The e2e suite against PostgreSQL instead of SQLite: a production-like run.
# Uses the server at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres) and
# recreates the database kratos_e2e each time.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
psql -q -c "DROP DATABASE IF EXISTS kratos_e2e" -c "CREATE DATABASE kratos_e2e"
DSN="postgres://${PGUSER}@${PGHOST}:${PGPORT}/kratos_e2e?sslmode=disable" exec npx playwright test "$@"
