package io.buzon.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Load generator for POP3, POP3S and LMTP servers (Buzón, Dovecot, any other). Plain JDK.
 * Run with {@code mvn -B -q -pl pop3-server -Pbench exec:java -Dbench.args="--scenario login ..."}
 * or {@code java -cp pop3-server/target/test-classes io.buzon.bench.Bench --scenario login ...}.
 * Exit status: 0 without errors, 1 when any operation failed, 2 on a usage error.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.usage());
            System.exit(2);
            return;
        }
        BenchResult r = run(o);
        System.out.print(r.humanReport());
        System.out.println(r.resultLine());
        System.out.flush();
        System.exit(r.errors() == 0 ? 0 : 1);
    }

    public static BenchResult run(BenchOptions o) throws Exception {
        Users users = Users.from(o);
        if (o.scenario.equals("idle")) {
            return IdleScenario.run(o, users);
        }
        IntFunction<ClosedLoop.Work> work = switch (o.scenario) {
            case "login" -> t -> Scenarios.login(o, users, t);
            case "stat" -> t -> Scenarios.stat(o, users, t);
            case "retr" -> t -> Scenarios.retr(o, users, t);
            case "churn" -> t -> Scenarios.churn(o, users, t);
            case "lmtp" -> t -> Scenarios.lmtp(o, users, t);
            default -> throw new IllegalArgumentException("unknown scenario '" + o.scenario + "'\n" + BenchOptions.usage());
        };
        ErrorLog errors = new ErrorLog(o.maxErrorsShown);
        ClosedLoop.Outcome outcome = ClosedLoop.run(o, errors, work);
        Recorder.Stats s = outcome.stats();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ops", Long.toString(s.ops()));
        f.put("seconds", fmt(outcome.seconds()));
        f.put("ops_per_s", fmt(s.ops() / outcome.seconds()));
        f.put("mib_per_s", fmt(s.bytes() / outcome.seconds() / (1024 * 1024)));
        f.put("bytes", Long.toString(s.bytes()));
        f.put("p50_ms", fmt(s.p50() / 1e6));
        f.put("p90_ms", fmt(s.p90() / 1e6));
        f.put("p99_ms", fmt(s.p99() / 1e6));
        f.put("max_ms", fmt(s.max() / 1e6));
        f.put("errors", Long.toString(errors.count()));
        return new BenchResult(o, f, errors, outcome);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
