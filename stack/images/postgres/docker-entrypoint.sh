#!/bin/bash
# Entrypoint of the postgres image (runs as user postgres).
#   `postgres [flags...]` (the default CMD) or only flags: initialises $PGDATA when it is empty
#     (superuser $POSTGRES_USER, default postgres, password $POSTGRES_PASSWORD, required;
#     optional database $POSTGRES_DB), then execs postgres in the foreground, listening on all
#     addresses of the container; network clients authenticate with scram-sha-256.
#   anything else (for example `prometheus-postgres-exporter ...`): exec'd as given.
set -euo pipefail

say() { printf 'postgres-entrypoint: %s\n' "$*" >&2; }

if [[ $# -eq 0 || ${1:0:1} == - ]]; then
  set -- postgres "$@"
fi
if [[ $1 != postgres ]]; then
  exec "$@"
fi
shift

: "${PGDATA:=/var/lib/postgresql/data}"
POSTGRES_USER="${POSTGRES_USER:-postgres}"

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  if [[ -z ${POSTGRES_PASSWORD:-} ]]; then
    say "POSTGRES_PASSWORD is empty: set it in the container's environment"
    exit 1
  fi
  say "initialising $PGDATA (superuser $POSTGRES_USER)"
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
    --encoding=UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  cat >>"$PGDATA/pg_hba.conf" <<'HBA'
# onyx: every network client authenticates with a password (scram-sha-256)
host all all 0.0.0.0/0 scram-sha-256
host all all ::/0 scram-sha-256
HBA
  cat >>"$PGDATA/postgresql.conf" <<'CONF'
# onyx
listen_addresses = '*'
password_encryption = scram-sha-256
unix_socket_directories = '/var/run/postgresql'
CONF
  if [[ -n ${POSTGRES_DB:-} && $POSTGRES_DB != postgres ]]; then
    say "creating database $POSTGRES_DB"
    printf 'CREATE DATABASE "%s" OWNER "%s";\n' "${POSTGRES_DB//\"/\"\"}" "${POSTGRES_USER//\"/\"\"}" \
      | postgres --single -D "$PGDATA" -j postgres >/dev/null
  fi
fi
unset POSTGRES_PASSWORD
exec postgres -D "$PGDATA" "$@"
