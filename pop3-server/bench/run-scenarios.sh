#!/usr/bin/env bash
# Runs every benchmark scenario against one server and appends the RESULT lines to a results file.
#
#   run-scenarios.sh LABEL POP3_PORT POP3S_PORT LMTP_PORT SERVER_PIDS RESULTS_FILE
#
# SERVER_PIDS: comma-separated root pids whose process trees are the server (for the idle test).
# Environment: DURATION (20s), WARMUP (5s), CLIENTS (16), IDLE_SESSIONS (500), SCENARIOS (all of them),
# BENCH_USERS (accounts to use, from 1), BEFORE_MEASURE (idle: command before each memory reading,
# e.g. 'jcmd %p GC.run' for a JVM server), IDLE_USERS (idle: accounts to use, default BENCH_USERS), NO_LMTP=1 (churn without LMTP refill, for a server without LMTP).
set -uo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

label=$1 pop3=$2 pop3s=$3 lmtp=$4 pids=$5 results=$6
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
CLIENTS=${CLIENTS:-16}
IDLE_SESSIONS=${IDLE_SESSIONS:-500}
SCENARIOS=${SCENARIOS:-"login-plain login-tls login-stls stat-100k stat-100k-uidl retr-plain retr-tls retr-10m retr-50m idle-plain idle-tls lmtp churn"}
# BENCH_USERS may be lowered below the number generated, to the accounts both servers hold
users=(--user-pattern "$BENCH_USER_PATTERN" --password "$BENCH_PASSWORD_PATTERN" --user-first 1 --user-count "$BENCH_USERS")
idle_users=(--user-pattern "$BENCH_USER_PATTERN" --password "$BENCH_PASSWORD_PATTERN" --user-first 1 --user-count "${IDLE_USERS:-$BENCH_USERS}")
filled=(--user-pattern "$BENCH_USER_PATTERN" --password "$BENCH_PASSWORD_PATTERN" --user-first 1 --user-count "$BENCH_FILLED")
# accounts with small mailboxes: deliveries and deletions go there, the filled ones stay as generated
small=(--user-pattern "$BENCH_USER_PATTERN" --password "$BENCH_PASSWORD_PATTERN" --user-first $((BENCH_FILLED + 1)) --user-count $((BENCH_USERS - BENCH_FILLED)))
mkdir -p "$(dirname "$results")"
out_dir="$(dirname "$results")/$label"
mkdir -p "$out_dir"

one() {
  local name=$1; shift
  echo "--- $label $name (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  bench_run --label "$label" "$@" 2>&1 | tee "$out_dir/$name.txt"
  grep '^RESULT ' "$out_dir/$name.txt" | sed "s/^RESULT /RESULT case=$name load=$(cut -d' ' -f1 /proc/loadavg) /" >> "$results"
}

common=(--duration "$DURATION" --warmup "$WARMUP")
for s in $SCENARIOS; do
  case $s in
    login-plain) one "$s" --scenario login --port "$pop3" --tls plain --concurrency "$CLIENTS" "${users[@]}" "${common[@]}" ;;
    login-tls) one "$s" --scenario login --port "$pop3s" --tls tls --concurrency "$CLIENTS" "${users[@]}" "${common[@]}" ;;
    login-stls) one "$s" --scenario login --port "$pop3" --tls stls --concurrency "$CLIENTS" "${users[@]}" "${common[@]}" ;;
    # one client, one mailbox of $STAT_MESSAGES messages: a session per operation
    stat-100k) one "$s" --scenario stat --port "$pop3" --tls plain --concurrency 1 --expect-messages "$STAT_MESSAGES" \
                 --user-pattern "$STAT_USER" --password "$STAT_PASSWORD" --user-first 1 --user-count 1 --count "${STAT_COUNT:-20}" --warmup 2s ;;
    stat-100k-uidl) one "$s" --scenario stat --uidl true --port "$pop3" --tls plain --concurrency 1 --expect-messages "$STAT_MESSAGES" \
                 --user-pattern "$STAT_USER" --password "$STAT_PASSWORD" --user-first 1 --user-count 1 --count "${STAT_COUNT:-20}" --warmup 2s ;;
    retr-plain) one "$s" --scenario retr --relogin false --port "$pop3" --tls plain --concurrency "$CLIENTS" --max-size 200k "${filled[@]}" "${common[@]}" ;;
    retr-tls) one "$s" --scenario retr --relogin false --port "$pop3s" --tls tls --concurrency "$CLIENTS" --max-size 200k "${filled[@]}" "${common[@]}" ;;
    retr-10m) one "$s" --scenario retr --relogin false --port "$pop3" --tls plain --concurrency 4 --min-size 5m --max-size 20m "${filled[@]}" "${common[@]}" ;;
    retr-50m) one "$s" --scenario retr --port "$pop3" --tls plain --concurrency 1 --min-size 40m --max-size 60m \
                --user-pattern "$BENCH_USER_PATTERN" --password "$BENCH_PASSWORD_PATTERN" --user-first 1 --user-count 1 --count 3 --warmup 0 ;;
    idle-plain) one "$s" --scenario idle --port "$pop3" --tls plain --sessions "$IDLE_SESSIONS" --warmup-sessions "${IDLE_WARMUP_SESSIONS:-100}" --concurrency 8 --server-pid "$pids" ${BEFORE_MEASURE:+--before-measure "$BEFORE_MEASURE"} "${idle_users[@]}" ;;
    idle-tls) one "$s" --scenario idle --port "$pop3s" --tls tls --sessions "$IDLE_SESSIONS" --warmup-sessions "${IDLE_WARMUP_SESSIONS:-100}" --concurrency 8 --server-pid "$pids" ${BEFORE_MEASURE:+--before-measure "$BEFORE_MEASURE"} "${idle_users[@]}" ;;
    # a JVM compiles the LMTP path over its first ~10,000 deliveries (453-507/s in the first 20 s after a
    # start, 590-790/s after): the case measures the steady state, after LMTP_WARMUP, on both servers
    lmtp) one "$s" --scenario lmtp --port "$lmtp" --concurrency 8 --message-size 100k "${small[@]}" --duration "$DURATION" --warmup "${LMTP_WARMUP:-30s}" ;;
    churn) one "$s" --scenario churn --port "$pop3" --lmtp-port "$([ -n "${NO_LMTP:-}" ] && echo 0 || echo "$lmtp")" --concurrency "$CLIENTS" --message-size 20k "${small[@]}" "${common[@]}" ;;
    *) echo "unknown scenario $s" >&2; exit 2 ;;
  esac
done
