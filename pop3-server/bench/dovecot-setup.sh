#!/usr/bin/env bash
# Installs Debian's Dovecot (POP3 + LMTP) and runs a private, tuned instance on loopback high ports,
# with the same users (SHA512-CRYPT, 5000 rounds: the crypt default that Buzón's import keeps) and the
# same maildirs that Buzón imports, so both servers are measured side by side.
#
#   pop3-server/bench/dovecot-setup.sh          install, generate users and mail (once), start
#   pop3-server/bench/dovecot-setup.sh big      add the stat scenario's account of $STAT_MESSAGES messages (once)
#   pop3-server/bench/dovecot-setup.sh start    (re)start the instance with the existing data
#   pop3-server/bench/dovecot-setup.sh stop     stop it
#   pop3-server/bench/dovecot-setup.sh pid      print the master pid
#
# Layout under $BENCH_DIR (default /var/tmp/buzon-bench):
#   users.passwd      Dovecot passwd-file: user:{SHA512-CRYPT}$6$...:uid:gid::home::  (also read by Buzón's import)
#   users.txt         user:password lines for the load generator (--users-file)
#   mail/<domain>/<local>/Maildir   the maildirs (home = mail/<domain>/<local>); Buzón imports this tree
#                   after Dovecot has served it once, so dovecot-uidlist gives both servers the same UIDLs
#   tls/cert.pem, tls/key.pem       self-signed RSA 2048 certificate for both servers
#   dovecot/          the instance's config, run and log directories
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"

DC="$BENCH_DIR/dovecot"

install_packages() {
  if ! command -v dovecot >/dev/null || [ ! -x /usr/lib/dovecot/pop3 ] || [ ! -x /usr/lib/dovecot/lmtp ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -q
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q dovecot-pop3d dovecot-lmtpd
  fi
  # the package may have started the system instance on the standard ports: it is not ours to use
  if ! id "$BENCH_MAIL_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$BENCH_MAIL_USER"
  fi
}

generate_data() {
  if [ -f "$BENCH_DIR/.data-complete" ]; then
    echo "data already in $BENCH_DIR (remove $BENCH_DIR/.data-complete to regenerate)"
    return
  fi
  mkdir -p "$BENCH_DIR/tls"
  local uid gid
  uid=$(id -u "$BENCH_MAIL_USER"); gid=$(id -g "$BENCH_MAIL_USER")
  echo "hashing $BENCH_USERS passwords with SHA512-CRYPT (openssl passwd -6, 5000 rounds) ..."
  local i
  : > "$BENCH_DIR/users.txt"
  for ((i = 1; i <= BENCH_USERS; i++)); do
    printf '%s:%s\n' "${BENCH_USER_PATTERN//%d/$i}" "${BENCH_PASSWORD_PATTERN//%d/$i}" >> "$BENCH_DIR/users.txt"
  done
  cut -d: -f2- "$BENCH_DIR/users.txt" | openssl passwd -6 -stdin > "$BENCH_DIR/hashes.tmp"
  paste -d'\t' <(cut -d: -f1 "$BENCH_DIR/users.txt") "$BENCH_DIR/hashes.tmp" |
    while IFS=$'\t' read -r user hash; do
      local local_part=${user%@*} domain=${user#*@}
      printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$user" "$hash" "$uid" "$gid" "$BENCH_DIR/mail/$domain/$local_part"
    done > "$BENCH_DIR/users.passwd"
  rm -f "$BENCH_DIR/hashes.tmp"
  # the auth process reads the passwd-file as the dovecot user
  chgrp dovecot "$BENCH_DIR/users.passwd"
  chmod 640 "$BENCH_DIR/users.passwd"
  chmod 600 "$BENCH_DIR/users.txt"

  echo "writing maildirs ..."
  rm -rf "$BENCH_DIR/mail"
  bench_compile
  java -cp "$BENCH_DIR/classes" io.buzon.bench.MaildirFixture --root "$BENCH_DIR/mail" \
    --user-pattern "$BENCH_USER_PATTERN" --users "$BENCH_USERS" --filled "$BENCH_FILLED"
  chown -R "$uid:$gid" "$BENCH_DIR/mail"

  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost \
    -keyout "$BENCH_DIR/tls/key.pem" -out "$BENCH_DIR/tls/cert.pem" 2>/dev/null
  touch "$BENCH_DIR/.data-complete"
}

# One more account, $STAT_USER, holding $STAT_MESSAGES small messages: appended to users.passwd/users.txt
# and also written alone to big.passwd, so Buzón can import just this mailbox into an existing database.
generate_big() {
  if [ -f "$BENCH_DIR/.big-complete" ]; then
    echo "stat mailbox already in $BENCH_DIR (remove $BENCH_DIR/.big-complete to regenerate)"
    return
  fi
  local uid gid hash local_part=${STAT_USER%@*} domain=${STAT_USER#*@}
  uid=$(id -u "$BENCH_MAIL_USER"); gid=$(id -g "$BENCH_MAIL_USER")
  hash=$(printf '%s\n' "$STAT_PASSWORD" | openssl passwd -6 -stdin)
  printf '%s:{SHA512-CRYPT}%s:%s:%s::%s::\n' "$STAT_USER" "$hash" "$uid" "$gid" "$BENCH_DIR/mail/$domain/$local_part" \
    > "$BENCH_DIR/big.passwd"
  sed -i "/^${STAT_USER}:/d" "$BENCH_DIR/users.passwd" "$BENCH_DIR/users.txt"
  cat "$BENCH_DIR/big.passwd" >> "$BENCH_DIR/users.passwd"
  printf '%s:%s\n' "$STAT_USER" "$STAT_PASSWORD" >> "$BENCH_DIR/users.txt"
  chgrp dovecot "$BENCH_DIR/users.passwd" "$BENCH_DIR/big.passwd"
  chmod 640 "$BENCH_DIR/big.passwd"
  rm -rf "$BENCH_DIR/mail/$domain/$local_part"
  bench_compile
  local started=$SECONDS
  java -cp "$BENCH_DIR/classes" io.buzon.bench.MaildirFixture --root "$BENCH_DIR/mail" \
    --single-user "$STAT_USER" --small-count "$STAT_MESSAGES" --small "$STAT_MESSAGE_SIZE"
  chown -R "$uid:$gid" "$BENCH_DIR/mail/$domain/$local_part"
  echo "stat mailbox written in $((SECONDS - started)) s"
  touch "$BENCH_DIR/.big-complete"
}

write_config() {
  mkdir -p "$DC/run" "$DC/state" "$DC/log"
  local uid
  uid=$(id -u "$BENCH_MAIL_USER")
  cat > "$DC/dovecot.conf" <<CONF
# Written by pop3-server/bench/dovecot-setup.sh: a private Dovecot for benchmarks, loopback only.
base_dir = $DC/run
state_dir = $DC/state
log_path = $DC/log/dovecot.log
info_log_path = $DC/log/dovecot-info.log
protocols = pop3 lmtp
listen = 127.0.0.1
first_valid_uid = $uid
mail_location = maildir:~/Maildir
pop3_uidl_format = %08Xu%08Xv
postmaster_address = postmaster@bench.test

ssl = yes
ssl_cert = <$BENCH_DIR/tls/cert.pem
ssl_key = <$BENCH_DIR/tls/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain

# tuning: auth cache, high-performance login processes, limits high enough for the idle test
auth_cache_size = 64M
auth_cache_ttl = 1 hour
auth_cache_negative_ttl = 1 hour
default_vsz_limit = 1G
mail_max_userip_connections = 20000

passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT username_format=%u $BENCH_DIR/users.passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $BENCH_DIR/users.passwd
}

service pop3-login {
  inet_listener pop3 {
    address = 127.0.0.1
    port = $DOVECOT_POP3_PORT
  }
  inet_listener pop3s {
    address = 127.0.0.1
    port = $DOVECOT_POP3S_PORT
    ssl = yes
  }
  service_count = 0
  process_min_avail = $(nproc)
  process_limit = 8
  client_limit = 4000
  vsz_limit = 1G
}
service pop3 {
  # one process per session: the limit bounds the idle test
  process_limit = ${DOVECOT_MAX_SESSIONS:-4000}
}
service auth {
  client_limit = 8000
}
service anvil {
  client_limit = 8000
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $DOVECOT_LMTP_PORT
  }
  unix_listener lmtp {
    mode = 0600
  }
  process_min_avail = $(nproc)
}
service imap-urlauth-login {
  inet_listener imap-urlauth {
    port = 0
  }
}
CONF
}

master_pid() {
  cat "$DC/run/master.pid" 2>/dev/null
}

stop() {
  local pid
  pid=$(master_pid || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    dovecot -c "$DC/dovecot.conf" stop || kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}

start() {
  write_config
  stop
  ulimit -n "$(ulimit -Hn)"
  # the master keeps its inherited descriptors: give it none of ours
  dovecot -c "$DC/dovecot.conf" </dev/null >/dev/null 2>&1
  for _ in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$DOVECOT_POP3_PORT") 2>/dev/null; then
      echo "dovecot $(dovecot --version) pid $(master_pid): pop3 127.0.0.1:$DOVECOT_POP3_PORT pop3s :$DOVECOT_POP3S_PORT lmtp :$DOVECOT_LMTP_PORT"
      return
    fi
    sleep 0.1
  done
  echo "dovecot did not open port $DOVECOT_POP3_PORT; log:" >&2
  tail -20 "$DC/log/dovecot.log" >&2 || true
  exit 1
}

case "${1:-all}" in
  all) install_packages; generate_data; generate_big; start ;;
  big) generate_big ;;
  install) install_packages ;;
  data) generate_data ;;
  start) start ;;
  stop) stop ;;
  pid) master_pid ;;
  *) echo "usage: $0 [all|install|data|big|start|stop|pid]" >&2; exit 2 ;;
esac
