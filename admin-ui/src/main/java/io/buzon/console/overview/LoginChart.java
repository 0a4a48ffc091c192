package io.buzon.console.overview;

import io.buzon.store.stats.LoginCount;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Successful and failed logins per hour over the last 24 hours, laid out as SVG bars (drawn by the
 * dashboard template; no script, no chart library). Every service (pop3, pop3s, console, self-service)
 * counts; outcomes other than {@code success} count as failures.
 */
public record LoginChart(List<Bar> bars, long maxPerHour, long totalOk, long totalFailed, int width, int height) {

    public static final int BAR_WIDTH = 28;
    public static final int PLOT_HEIGHT = 140;

    /** One hour: two stacked rectangles and a label every third hour. */
    public record Bar(int x, int okY, int okHeight, int badY, int badHeight, String label, long ok, long failed) {
    }

    public static LoginChart of(List<LoginCount> counts, Instant now) {
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        Map<Instant, long[]> perHour = new TreeMap<>();
        for (int i = 0; i < 24; i++) {
            perHour.put(firstHour.plus(i, ChronoUnit.HOURS), new long[2]);
        }
        for (LoginCount c : counts) {
            long[] slot = perHour.get(c.hour().truncatedTo(ChronoUnit.HOURS));
            if (slot != null) {
                slot["success".equals(c.outcome()) ? 0 : 1] += c.count();
            }
        }
        long max = 1;
        long ok = 0;
        long bad = 0;
        for (long[] v : perHour.values()) {
            max = Math.max(max, v[0] + v[1]);
            ok += v[0];
            bad += v[1];
        }
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Instant, long[]> e : perHour.entrySet()) {
            long[] v = e.getValue();
            int okH = (int) Math.round(v[0] * (double) PLOT_HEIGHT / max);
            int badH = (int) Math.round(v[1] * (double) PLOT_HEIGHT / max);
            int base = PLOT_HEIGHT + 10;
            String label = i % 3 == 0 ? String.format("%02d", e.getKey().atOffset(ZoneOffset.UTC).getHour()) : "";
            bars.add(new Bar(30 + i * BAR_WIDTH, base - okH - badH, okH, base - badH, badH, label, v[0], v[1]));
            i++;
        }
        return new LoginChart(bars, max, ok, bad, 30 + 24 * BAR_WIDTH + 10, PLOT_HEIGHT + 30);
    }
}
