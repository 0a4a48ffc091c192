package io.buzon.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outcome of one run: a human report and one machine-readable {@code RESULT key=value ...} line. */
public final class BenchResult {

    private final BenchOptions options;
    private final Map<String, String> fields;
    private final ErrorLog errors;
    private final ClosedLoop.Outcome outcome;

    BenchResult(BenchOptions options, Map<String, String> fields, ErrorLog errors, ClosedLoop.Outcome outcome) {
        this.options = options;
        this.fields = fields;
        this.errors = errors;
        this.outcome = outcome;
    }

    public long errors() {
        return errors.count();
    }

    public List<String> firstErrors() {
        return errors.first();
    }

    /** Measured operations (samples); 0 for the idle scenario. */
    public long operations() {
        return outcome == null ? 0 : outcome.stats().ops();
    }

    /** Payload octets moved in the measured phase. */
    public long bytes() {
        return outcome == null ? 0 : outcome.stats().bytes();
    }

    public String field(String name) {
        return fields.get(name);
    }

    public String resultLine() {
        StringBuilder sb = new StringBuilder("RESULT label=").append(options.label)
                .append(" scenario=").append(options.scenario)
                .append(" tls=").append(options.tls.name().toLowerCase(Locale.ROOT))
                .append(" clients=").append(options.concurrency);
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    public String humanReport() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(options.scenario).append(" [").append(options.label).append("] ")
                .append(options.host).append(':').append(options.port).append(' ')
                .append(options.tls.name().toLowerCase(Locale.ROOT)).append(", ").append(options.concurrency).append(" clients\n");
        if (outcome != null) {
            Recorder.Stats s = outcome.stats();
            sb.append(String.format(Locale.ROOT, "  %d ops in %.2f s: %.1f ops/s, %.1f MiB/s%n", s.ops(), outcome.seconds(),
                    s.ops() / outcome.seconds(), s.bytes() / outcome.seconds() / (1024 * 1024)));
            sb.append(String.format(Locale.ROOT, "  latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    s.p50() / 1e6, s.p90() / 1e6, s.p99() / 1e6, s.max() / 1e6));
        } else {
            fields.forEach((k, v) -> sb.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        sb.append("  errors: ").append(errors.count()).append('\n');
        for (String e : errors.first()) {
            sb.append("    ").append(e).append('\n');
        }
        return sb.toString();
    }
}
