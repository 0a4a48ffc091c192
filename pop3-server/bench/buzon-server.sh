#!/usr/bin/env bash
# Builds and runs Buzón for the benchmark on loopback high ports, with the users and maildirs that
# dovecot-setup.sh generated, imported through Buzón's migration import (same SHA512-CRYPT hashes,
# same messages, same UIDLs).
#
#   buzon-server.sh build    mvn package (skip tests)
#   buzon-server.sh import   import $BENCH_DIR/users.passwd and the maildirs into Buzón's database
#   buzon-server.sh import-big   import only the stat scenario's mailbox ($BENCH_DIR/big.passwd), timed
#   buzon-server.sh start    start it (embedded PostgreSQL under $BENCH_DIR/buzon)
#   buzon-server.sh extra-users N   accounts BENCH_USERS+1..N without mail (idle test beyond BENCH_USERS)
#   buzon-server.sh stop | pid
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

BUZON_DIR="$BENCH_DIR/buzon"
APP="$REPO_DIR/admin-ui/target/quarkus-app/quarkus-run.jar"
# -XX:+AlwaysPreTouch: the heap floor (-Xms) is resident from the start, a fixed cost like Dovecot's master,
# auth and login processes; without it the idle case counts the floor's pages that the first logins'
# argon2id garbage happens to touch as growth "per session" (docs/BENCHMARKS.md, idle).
BUZON_JAVA_OPTS=${BUZON_JAVA_OPTS:-"-Xms256m -Xmx1g -XX:+UseSerialGC -XX:+AlwaysPreTouch"}

# The same limits Dovecot gets: no per-address cap (every client is 127.0.0.1), room for the idle test,
# USER/PASS allowed without TLS on loopback as Dovecot allows it there.
export BUZON_DATA_DIR="$BUZON_DIR/data"
export BUZON_POP3_PORT=$BUZON_POP3_PORT
export BUZON_POP3S_PORT=$BUZON_POP3S_PORT
export BUZON_LMTP_PORT=$BUZON_LMTP_PORT
export BUZON_POP3_HOST=127.0.0.1
export BUZON_POP3S_HOST=127.0.0.1
export BUZON_LMTP_HOST=127.0.0.1
export BUZON_POP3_PLAINTEXT_AUTH_NETWORKS=127.0.0.1/32
export BUZON_POP3_MAX_CONNECTIONS=${BUZON_MAX_CONNECTIONS:-20000}
export BUZON_POP3_MAX_CONNECTIONS_PER_ADDRESS=${BUZON_MAX_CONNECTIONS:-20000}
export BUZON_TLS_CERT_FILE="$BENCH_DIR/tls/cert.pem"
export BUZON_TLS_KEY_FILE="$BENCH_DIR/tls/key.pem"
export QUARKUS_HTTP_PORT=${BUZON_HTTP_PORT:-18080}
export QUARKUS_HTTP_HOST=127.0.0.1
# Dovecot's benchmark configuration caches verified credentials for 1 hour (auth_cache_ttl); the same here,
# so a run longer than Buzón's default 5 minutes does not compare a warm cache with an expiring one.
export BUZON_AUTH_CACHE_TTL=${BUZON_AUTH_CACHE_TTL:-1h}
# A cheaper argon2id for runs that log in thousands of accounts for the first time (each first login
# verifies the imported SHA512-CRYPT hash, then rehashes to argon2id): only when asked for.
if [ -n "${BENCH_ARGON2_MEMORY_KIB:-}" ]; then export BUZON_PASSWORD_ARGON2_MEMORY_KIB=$BENCH_ARGON2_MEMORY_KIB; fi
if [ -n "${BENCH_ARGON2_ITERATIONS:-}" ]; then export BUZON_PASSWORD_ARGON2_ITERATIONS=$BENCH_ARGON2_ITERATIONS; fi

build() {
  (cd "$REPO_DIR" && mvn -B -q -DskipTests package)
}

pid() {
  cat "$BUZON_DIR/buzon.pid" 2>/dev/null
}

stop() {
  local p
  p=$(pid || true)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill "$p"
    for _ in $(seq 1 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$BUZON_DIR/buzon.pid"
}

import_data() {
  [ -f "$APP" ] || build
  mkdir -p "$BUZON_DIR"
  # The migration import (io.buzon.migration.ImportCommand): users and SHA512-CRYPT hashes from the
  # passwd-file, messages and UIDLs (dovecot-uidlist) from each maildir; idempotent.
  java $BUZON_JAVA_OPTS -jar "$APP" import --passwd-file "$BENCH_DIR/users.passwd" \
    --maildir-root "$BENCH_DIR/mail" --maildir-template '%d/%n/Maildir' 2>&1 | tee "$BUZON_DIR/import.log"
}

# The 100,000-message mailbox alone, into a database that already holds the rest; prints how long it took.
import_big() {
  [ -f "$APP" ] || build
  mkdir -p "$BUZON_DIR"
  local started=$SECONDS
  java $BUZON_JAVA_OPTS -jar "$APP" import --passwd-file "$BENCH_DIR/big.passwd" \
    --maildir-root "$BENCH_DIR/mail" --maildir-template '%d/%n/Maildir' 2>&1 | tee "$BUZON_DIR/import-big.log"
  echo "stat mailbox imported in $((SECONDS - started)) s" | tee -a "$BUZON_DIR/import-big.log"
}

# Accounts BENCH_USERS+1 .. N for the idle test with more sessions than Dovecot's users: the same user and
# password patterns and SHA512-CRYPT hashes (openssl passwd -6), no messages, imported through the same
# migration import (passwd-file only, so each maildrop is empty). Dovecot does not get them.
extra_users() {
  local total=$1 first=$((BENCH_USERS + 1)) i
  local file="$BENCH_DIR/users-extra-$total.passwd"
  [ "$total" -ge "$first" ] || return 0
  if [ -f "$BUZON_DIR/.extra-users-$total" ]; then
    return 0
  fi
  [ -f "$APP" ] || build
  mkdir -p "$BUZON_DIR"
  echo "hashing $((total - BENCH_USERS)) more passwords with SHA512-CRYPT ..."
  for ((i = first; i <= total; i++)); do printf '%s\n' "${BENCH_PASSWORD_PATTERN//%d/$i}"; done |
    openssl passwd -6 -stdin > "$file.hashes"
  for ((i = first; i <= total; i++)); do printf '%s\n' "${BENCH_USER_PATTERN//%d/$i}"; done |
    paste -d: - "$file.hashes" | sed 's/:/:{SHA512-CRYPT}/' > "$file"
  rm -f "$file.hashes"
  chmod 600 "$file"
  # an empty Maildir each, so the import finds every mailbox and reports no problem
  local root="$BENCH_DIR/mail-extra" domain=${BENCH_USER_PATTERN#*@}
  for ((i = first; i <= total; i++)); do
    local box="$root/$domain/${BENCH_USER_PATTERN%@*}/Maildir"
    box=${box//%d/$i}
    [ -d "$box/cur" ] || mkdir -p "$box/cur" "$box/new" "$box/tmp"
  done
  java $BUZON_JAVA_OPTS -jar "$APP" import --passwd-file "$file" --maildir-root "$root" \
    --maildir-template '%d/%n/Maildir' > "$BUZON_DIR/import-extra.log" 2>&1
  grep -v '^  ' "$BUZON_DIR/import-extra.log" | tail -3
  touch "$BUZON_DIR/.extra-users-$total"
}

start() {
  [ -f "$APP" ] || build
  stop
  mkdir -p "$BUZON_DIR"
  ulimit -n "$(ulimit -Hn)"
  nohup java $BUZON_JAVA_OPTS -jar "$APP" </dev/null >"$BUZON_DIR/buzon.log" 2>&1 &
  echo $! > "$BUZON_DIR/buzon.pid"
  for _ in $(seq 1 1200); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$BUZON_POP3_PORT") 2>/dev/null; then
      echo "buzon pid $(pid): pop3 127.0.0.1:$BUZON_POP3_PORT pop3s :$BUZON_POP3S_PORT lmtp :$BUZON_LMTP_PORT"
      return
    fi
    kill -0 "$(pid)" 2>/dev/null || break
    sleep 0.1
  done
  echo "Buzón did not open port $BUZON_POP3_PORT; log:" >&2
  tail -30 "$BUZON_DIR/buzon.log" >&2
  exit 1
}

case "${1:-start}" in
  build) build ;;
  import) import_data ;;
  import-big) import_big ;;
  start) start ;;
  stop) stop ;;
  pid) pid ;;
  extra-users) extra_users "${2:?number of accounts}" ;;
  *) echo "usage: $0 [build|import|import-big|extra-users N|start|stop|pid]" >&2; exit 2 ;;
esac
