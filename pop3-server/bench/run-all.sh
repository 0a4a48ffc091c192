#!/usr/bin/env bash
# Reproduces the whole comparison: Dovecot and Buzón on the same machine, same users, same hashes,
# same messages, every scenario run on one server right after the other (so load drift hits both).
#
#   pop3-server/bench/run-all.sh                 # everything, 20 s per scenario
#   TARGETS=dovecot pop3-server/bench/run-all.sh # one server only
#   DURATION=5s SCENARIOS="login-plain retr-plain" pop3-server/bench/run-all.sh
#   IDLE_SESSIONS=10000 TARGETS=buzon SCENARIOS=idle-tls pop3-server/bench/run-all.sh
#       (more sessions than BENCH_USERS: Buzón gets accounts up to IDLE_SESSIONS without mail, and a cheaper
#        argon2id for their first logins, BENCH_ARGON2_MEMORY_KIB=1024 BENCH_ARGON2_ITERATIONS=1 unless set)
#
# Results: $BENCH_DIR/results/<UTC time>/results.txt (RESULT lines) and table.md (side by side).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
source "$here/common.sh"

TARGETS=${TARGETS:-"dovecot buzon"}
# The idle cases come last: each restarts Buzón for a fresh heap, and a case after them would measure a
# JVM that has not compiled its hot paths yet (LMTP: 492/s cold against 733-787/s warm).
SCENARIOS=${SCENARIOS:-"login-plain login-tls login-stls stat-100k stat-100k-uidl retr-plain retr-tls retr-10m retr-50m lmtp churn idle-plain idle-tls"}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$BENCH_DIR/results/$stamp"
mkdir -p "$out"
results="$out/results.txt"
IDLE_SESSIONS=${IDLE_SESSIONS:-500}
export IDLE_SESSIONS
buzon_idle_users=$BENCH_USERS
if [ "$IDLE_SESSIONS" -gt "$BENCH_USERS" ] && [[ " $SCENARIOS " == *" idle-"* ]]; then
  buzon_idle_users=$IDLE_SESSIONS
  export BENCH_ARGON2_MEMORY_KIB=${BENCH_ARGON2_MEMORY_KIB:-1024} BENCH_ARGON2_ITERATIONS=${BENCH_ARGON2_ITERATIONS:-1}
fi

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "dovecot: $(dovecot --version 2>/dev/null || echo none)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$buzon_idle_users" -gt "$BENCH_USERS" ]; then
    echo "buzon: $buzon_idle_users accounts for the idle test ($((buzon_idle_users - BENCH_USERS)) without mail), argon2id m=${BENCH_ARGON2_MEMORY_KIB} KiB t=${BENCH_ARGON2_ITERATIONS} for this run"
  fi
} | tee "$out/machine.txt"

# Dovecot writes the stat mailbox's dovecot-uidlist (100,000 UIDLs) when a session first opens it.
open_stat_mailbox() {
  bench_run --label uidlist --scenario stat --port "$DOVECOT_POP3_PORT" --concurrency 1 --warmup 0 --count 1 \
    --timeout 600s --user-pattern "$STAT_USER" --password "$STAT_PASSWORD" --user-first 1 --user-count 1 | tail -1
}

for t in $TARGETS; do
  case $t in
    dovecot) "$here/dovecot-setup.sh" all ;;
    buzon) "$here/buzon-server.sh" build
           if [ ! -f "$BENCH_DIR/buzon/.imported" ]; then
             # Dovecot writes each maildir's dovecot-uidlist when a session first opens it: open every
             # mailbox once so the import carries Dovecot's UIDLs over
             "$here/dovecot-setup.sh" start
             bench_run --label uidlist --scenario login --port "$DOVECOT_POP3_PORT" --concurrency 1 --warmup 0 \
               --count "$BENCH_USERS" --user-pattern "$BENCH_USER_PATTERN" --password "$BENCH_PASSWORD_PATTERN" \
               --user-first 1 --user-count "$BENCH_USERS" | tail -1
             "$here/dovecot-setup.sh" big
             open_stat_mailbox
             "$here/buzon-server.sh" stop
             "$here/buzon-server.sh" import
             touch "$BENCH_DIR/buzon/.imported" "$BENCH_DIR/buzon/.big-imported"
           elif [ ! -f "$BENCH_DIR/buzon/.big-imported" ]; then
             # a database imported before the stat mailbox existed: add just that mailbox
             "$here/dovecot-setup.sh" big
             "$here/dovecot-setup.sh" start
             open_stat_mailbox
             "$here/buzon-server.sh" stop
             "$here/buzon-server.sh" import-big
             touch "$BENCH_DIR/buzon/.big-imported"
           fi
           "$here/buzon-server.sh" extra-users "$buzon_idle_users"
           "$here/buzon-server.sh" start ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
done

# Both servers cache verified credentials (Dovecot's auth cache, Buzón's verified-credential cache, 1 h
# each): log every account in once, so the measured login cases compare cached logins on both and not
# a cold cache on one (each account's first login is its stored hash: SHA512-CRYPT on Dovecot,
# SHA512-CRYPT plus the rehash to argon2id on Buzón's first, argon2id after a restart).
prime_logins() {
  local label=$1 port=$2
  bench_run --label "prime-$label" --scenario login --port "$port" --tls plain --concurrency "${CLIENTS:-16}" \
    --warmup 0 --count "$BENCH_USERS" --user-pattern "$BENCH_USER_PATTERN" --password "$BENCH_PASSWORD_PATTERN" \
    --user-first 1 --user-count "$BENCH_USERS" | grep -E '^RESULT' | sed "s/^/primed: /" || true
}
buzon_primed=0

for s in $SCENARIOS; do
  for t in $TARGETS; do
    # the idle cases measure from a fresh, unprimed JVM; every other case runs on primed servers
    if [[ $s != idle-* ]]; then
      case $t in
        dovecot) [ "${dovecot_primed:-0}" = 1 ] || { prime_logins dovecot "$DOVECOT_POP3_PORT"; dovecot_primed=1; } ;;
        buzon) [ "$buzon_primed" = 1 ] || { prime_logins buzon "$BUZON_POP3_PORT"; buzon_primed=1; } ;;
      esac
    elif [ "$t" = buzon ]; then
      buzon_primed=0
    fi
    case $t in
      dovecot) SCENARIOS=$s "$here/run-scenarios.sh" dovecot "$DOVECOT_POP3_PORT" "$DOVECOT_POP3S_PORT" "$DOVECOT_LMTP_PORT" "$("$here/dovecot-setup.sh" pid)" "$results" || true ;;
      # a JVM's resident memory follows its heap sizing: a fresh JVM for each idle case (memory touched by
      # an earlier case's sessions would otherwise hide the growth) and a full collection before each reading
      buzon) if [[ $s == idle-* ]] && [ "${BUZON_IDLE_RESTART:-1}" = 1 ]; then "$here/buzon-server.sh" start; fi
             SCENARIOS=$s IDLE_USERS=$buzon_idle_users BEFORE_MEASURE=${BUZON_BEFORE_MEASURE-'jcmd %p GC.run'} \
             "$here/run-scenarios.sh" buzon "$BUZON_POP3_PORT" "$BUZON_POP3S_PORT" "$BUZON_LMTP_PORT" "$("$here/buzon-server.sh" pid)" "$results" || true ;;
    esac
  done
done

"$here/results-table.sh" "$results" | tee "$out/table.md"
echo "results in $out"
