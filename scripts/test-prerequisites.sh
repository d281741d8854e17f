#!/usr/bin/env bash
# Makes a machine ready for Karvan's tests: installs what is missing (Debian, as root) or says what
# to install, then starts PostgreSQL and Redis if they are down and waits until they answer.
#
# Usage: scripts/test-prerequisites.sh [postgres] [redis] [chromium] [tools]   (no argument: all)
# Environment (the defaults are what the tests use; the script's own test overrides them):
#   KARVAN_TEST_PG_PORT     PostgreSQL's port on 127.0.0.1 (5432)
#   KARVAN_TEST_PG_START    command that starts PostgreSQL (pg_ctlcluster of the installed cluster)
#   KARVAN_TEST_REDIS_PORT  Redis's port on 127.0.0.1 (6379)
#   KARVAN_TEST_REDIS_DIR   where a Redis started here keeps its pid and log files
#   KARVAN_TEST_CHROMIUM    the browser the tests launch (/usr/bin/chromium)
#   KARVAN_TEST_WAIT        seconds to wait for a service to answer (60)
set -euo pipefail

PG_PORT=${KARVAN_TEST_PG_PORT:-5432}
REDIS_PORT=${KARVAN_TEST_REDIS_PORT:-6379}
REDIS_DIR=${KARVAN_TEST_REDIS_DIR:-${TMPDIR:-/tmp}/karvan-test-redis}
CHROMIUM=${KARVAN_TEST_CHROMIUM:-/usr/bin/chromium}
WAIT=${KARVAN_TEST_WAIT:-60}

missing=()
packages=()
installed_postgres=0

is_root() { [ "$EUID" = 0 ]; }
has() { command -v "$1" >/dev/null 2>&1; }

# Records a Debian package to install, with a line for the person when this is not root.
need() {
  packages+=("$2")
  missing+=("missing: $1 (install with: sudo apt-get install -y $2)")
}

postgres_installed() { [ -n "${KARVAN_TEST_PG_START:-}" ] || compgen -G '/etc/postgresql/*/main' >/dev/null; }
postgres_answers() { has pg_isready && pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }
redis_answers() { has redis-cli && redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; }

find_missing() {
  local item
  for item in "$@"; do
    case "$item" in
      postgres)
        postgres_answers || postgres_installed || need PostgreSQL postgresql
        # The upgrade test loads a dump with psql; the backup tests run pg_dump and pg_restore.
        { has psql && has pg_dump && has pg_restore; } || need 'PostgreSQL client (psql, pg_dump)' postgresql-client
        ;;
      # The crash tests start a Redis of their own, so redis-server is needed even when one answers.
      redis) { has redis-server && has redis-cli; } || need 'Redis (redis-server)' redis-server ;;
      chromium) [ -x "$CHROMIUM" ] || need "Chromium at $CHROMIUM" chromium ;;
      # The certificate tests check signatures and QR codes with tools independent of Karvan's code.
      tools)
        has openssl || need openssl openssl
        has zbarimg || need 'zbarimg (zbar-tools)' zbar-tools
        { has pdftoppm && has pdftotext && has pdfinfo; } || need 'pdftoppm, pdftotext, pdfinfo (poppler-utils)' poppler-utils
        has qpdf || need 'qpdf (checks PDF structure)' qpdf
        # Course books: WeasyPrint renders the PDF, EPUBCheck validates the EPUB (a Java jar).
        has weasyprint || need 'WeasyPrint (weasyprint)' weasyprint
        { [ -f /usr/share/java/epubcheck.jar ] && has java; } || need 'EPUBCheck (epubcheck)' epubcheck
        ;;
      *)
        echo "unknown prerequisite: $item (expected postgres, redis, chromium or tools)" >&2
        exit 2
        ;;
    esac
  done
}

install_missing() {
  [ ${#packages[@]} -gt 0 ] || return 0
  if ! is_root; then
    printf '%s\n' "${missing[@]}" >&2
    exit 1
  fi
  echo "installing ${packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  case " ${packages[*]} " in *" postgresql "*) installed_postgres=1 ;; esac
  missing=()
}

# Polls the check once a second for up to $WAIT seconds.
wait_until() {
  local what=$1
  shift
  local waited
  for ((waited = 0; waited < WAIT; waited++)); do
    if "$@"; then return 0; fi
    sleep 1
  done
  echo "$what did not answer on 127.0.0.1 within ${WAIT}s" >&2
  exit 1
}

# Tests connect as postgres over TCP without a password, as on the development machines.
trust_local_connections() {
  local conf
  for conf in /etc/postgresql/*/main/pg_hba.conf; do
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$conf"
  done
}

cluster() { pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main "$1"; }

start_postgres() {
  if [ -n "${KARVAN_TEST_PG_START:-}" ]; then
    bash -c "$KARVAN_TEST_PG_START"
  else
    cluster start
  fi
}

ensure_postgres() {
  if [ "$installed_postgres" = 1 ]; then
    trust_local_connections
    # The package may have started the cluster before its pg_hba.conf changed.
    if postgres_answers; then cluster reload; fi
  fi
  if postgres_answers; then return 0; fi
  echo "starting PostgreSQL on port $PG_PORT"
  if ! start_postgres; then
    echo "PostgreSQL on 127.0.0.1:$PG_PORT is down and could not be started (as root: pg_ctlcluster <version> main start)" >&2
    exit 1
  fi
  wait_until PostgreSQL postgres_answers
}

ensure_redis() {
  if redis_answers; then return 0; fi
  echo "starting Redis on port $REDIS_PORT"
  mkdir -p "$REDIS_DIR"
  if ! redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis-$REDIS_PORT.pid" --logfile "$REDIS_DIR/redis-$REDIS_PORT.log"; then
    echo "Redis on 127.0.0.1:$REDIS_PORT is down and could not be started" >&2
    exit 1
  fi
  wait_until Redis redis_answers
}

main() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=(tools chromium postgres redis)
  find_missing "${wanted[@]}"
  install_missing
  local item
  for item in "${wanted[@]}"; do
    case "$item" in
      postgres) ensure_postgres ;;
      redis) ensure_redis ;;
    esac
  done
}

main "$@"
