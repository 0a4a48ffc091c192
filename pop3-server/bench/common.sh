# Shared settings of the benchmark scripts; every value can be overridden from the environment.
# shellcheck shell=bash
BENCH_DIR=${BENCH_DIR:-/var/tmp/buzon-bench}
REPO_DIR=${REPO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BENCH_USERS=${BENCH_USERS:-1000}          # accounts on both servers
BENCH_FILLED=${BENCH_FILLED:-16}          # accounts 1..N holding 20 x 100 KiB + 10 MiB (+ 50 MiB for account 1)
BENCH_USER_PATTERN=${BENCH_USER_PATTERN:-bench%d@bench.test}
BENCH_PASSWORD_PATTERN=${BENCH_PASSWORD_PATTERN:-secret-%d}
DOVECOT_POP3_PORT=${DOVECOT_POP3_PORT:-2110}
DOVECOT_POP3S_PORT=${DOVECOT_POP3S_PORT:-2995}
DOVECOT_LMTP_PORT=${DOVECOT_LMTP_PORT:-2524}
BENCH_MAIL_USER=${BENCH_MAIL_USER:-buzonbench}
BUZON_POP3_PORT=${BUZON_POP3_PORT:-3110}
BUZON_POP3S_PORT=${BUZON_POP3S_PORT:-3995}
BUZON_LMTP_PORT=${BUZON_LMTP_PORT:-3524}
# the stat scenario's one large mailbox (an account of its own, so no other scenario touches it)
STAT_USER=${STAT_USER:-stat100k@bench.test}
STAT_PASSWORD=${STAT_PASSWORD:-secret-stat100k}
STAT_MESSAGES=${STAT_MESSAGES:-100000}
STAT_MESSAGE_SIZE=${STAT_MESSAGE_SIZE:-1k}

# Compiles the load generator with plain javac (it needs nothing but the JDK) into $BENCH_DIR/classes.
bench_compile() {
  local src="$REPO_DIR/pop3-server/src/test/java/io/buzon/bench"
  local out="$BENCH_DIR/classes"
  mkdir -p "$out"
  if [ ! -f "$out/.stamp" ] || [ -n "$(find "$src" -maxdepth 1 -name '*.java' ! -name '*Test.java' -newer "$out/.stamp" | head -1)" ]; then
    javac -nowarn -d "$out" $(find "$src" -maxdepth 1 -name '*.java' ! -name '*Test.java')
    touch "$out/.stamp"
  fi
}

# Runs the load generator: bench_run --scenario login --port 2110 ...
bench_run() {
  bench_compile
  # one descriptor per held session in the idle test
  ulimit -n "$(ulimit -Hn)"
  java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$BENCH_DIR/classes" io.buzon.bench.Bench "$@"
}
