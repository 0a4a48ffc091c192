package io.buzon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line options of the load generator. Every option has a default so that
 * {@code --scenario login} alone runs against a local server on the POP3 default port.
 */
public final class BenchOptions {

    public String scenario = "login";
    public String label = "server";
    public String host = "127.0.0.1";
    public int port = 1110;
    public TlsMode tls = TlsMode.PLAIN;
    public boolean tlsResume = false;
    public String usersFile;
    public String userPattern = "bench%d@bench.test";
    public String passwordPattern = "secret-%d";
    public int userFirst = 1;
    public int userCount = 16;
    public int concurrency = 16;
    public Duration duration = Duration.ofSeconds(20);
    public Duration warmup = Duration.ofSeconds(3);
    /** When positive the run stops after this many operations instead of after {@link #duration}. */
    public long count = 0;
    public long minSize = 0;
    public long maxSize = Long.MAX_VALUE;
    public int messageSize = 100 * 1024;
    public int sessions = 500;
    /** idle: sessions opened and closed before the baseline (one-time costs out of the per-session figure). */
    public int warmupSessions = 1;
    public List<Long> serverPids = new ArrayList<>();
    public Duration settle = Duration.ofSeconds(3);
    /** idle: a command run before each memory reading, {@code %p} = first server pid (e.g. {@code jcmd %p GC.run}). */
    public String beforeMeasure;
    public int lmtpPort = 0;
    public String lmtpDomainRecipient;
    public int reuse = 100;
    /** retr: log in again for every pass over the messages (true) or keep one session per client. */
    public boolean relogin = true;
    public boolean statUidl = false;
    public long expectMessages = -1;
    public Duration timeout = Duration.ofSeconds(60);
    public int maxErrorsShown = 5;

    public static BenchOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (options are --name value)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            values.put(name, value);
        }
        BenchOptions o = new BenchOptions();
        for (Map.Entry<String, String> e : values.entrySet()) {
            o.set(e.getKey(), e.getValue());
        }
        return o;
    }

    private void set(String name, String v) {
        switch (name) {
            case "scenario" -> scenario = v.toLowerCase(Locale.ROOT);
            case "label" -> label = v;
            case "host" -> host = v;
            case "port" -> port = Integer.parseInt(v);
            case "tls" -> tls = TlsMode.parse(v);
            case "tls-resume" -> tlsResume = Boolean.parseBoolean(v);
            case "users-file" -> usersFile = v;
            case "user-pattern" -> userPattern = v;
            case "password" -> passwordPattern = v;
            case "user-first" -> userFirst = Integer.parseInt(v);
            case "user-count" -> userCount = Integer.parseInt(v);
            case "concurrency" -> concurrency = Integer.parseInt(v);
            case "duration" -> duration = parseDuration(v);
            case "warmup" -> warmup = parseDuration(v);
            case "count" -> count = Long.parseLong(v);
            case "min-size" -> minSize = parseBytes(v);
            case "max-size" -> maxSize = parseBytes(v);
            case "message-size" -> messageSize = (int) parseBytes(v);
            case "sessions" -> sessions = Integer.parseInt(v);
            case "warmup-sessions" -> warmupSessions = Integer.parseInt(v);
            case "server-pid" -> {
                for (String p : v.split(",")) {
                    if (!p.isBlank()) {
                        serverPids.add(Long.parseLong(p.trim()));
                    }
                }
            }
            case "settle" -> settle = parseDuration(v);
            case "before-measure" -> beforeMeasure = v;
            case "lmtp-port" -> lmtpPort = Integer.parseInt(v);
            case "reuse" -> reuse = Integer.parseInt(v);
            case "relogin" -> relogin = Boolean.parseBoolean(v);
            case "uidl" -> statUidl = Boolean.parseBoolean(v);
            case "expect-messages" -> expectMessages = Long.parseLong(v);
            case "timeout" -> timeout = parseDuration(v);
            case "errors-shown" -> maxErrorsShown = Integer.parseInt(v);
            default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
        }
    }

    /** Accepts {@code 20s}, {@code 500ms}, {@code 2m} or a bare number of seconds. */
    static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        }
        if (s.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }

    /** Accepts {@code 100k}, {@code 10m}, {@code 1g} (binary multiples) or a bare byte count. */
    static long parseBytes(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        char last = s.charAt(s.length() - 1);
        if (last == 'k') {
            mult = 1024;
        } else if (last == 'm') {
            mult = 1024 * 1024;
        } else if (last == 'g') {
            mult = 1024L * 1024 * 1024;
        }
        if (mult != 1) {
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * mult;
    }

    public static String usage() {
        return """
                usage: Bench --scenario login|stat|retr|idle|churn|lmtp [options]
                  --label NAME            tag for the result line (e.g. buzon, dovecot)
                  --host 127.0.0.1 --port 1110
                  --tls plain|tls|stls    implicit TLS trusts any certificate (benchmark only)
                  --tls-resume false      allow TLS session resumption
                  --users-file FILE       lines 'user:password' (instead of the pattern)
                  --user-pattern bench%d@bench.test --password secret-%d
                  --user-first 1 --user-count 16
                  --concurrency 16        client threads (closed loop)
                  --duration 20s | --count N     measured phase; --warmup 3s before it
                  --min-size 0 --max-size 200k  retr/churn: only messages whose LIST size is in range
                  --message-size 100k     lmtp/churn: size of delivered messages
                  --sessions 500 --server-pid PID[,PID] --settle 3s   idle: sessions held, processes measured
                  --warmup-sessions 1                                  idle: sessions opened and closed before the baseline
                  --before-measure CMD    idle: run before each memory reading, %p = server pid (jcmd %p GC.run)
                  --lmtp-port 0           churn: replace each deleted message by an LMTP delivery
                  --reuse 100             lmtp: messages per connection
                  --relogin true          retr: a new session per pass (false: one session per client, RETR only)
                  --uidl false            stat: also UIDL (every line read) before QUIT
                  --expect-messages -1    stat: STAT (and UIDL) must count exactly this many messages
                  --timeout 60s           socket read timeout
                """;
    }
}
