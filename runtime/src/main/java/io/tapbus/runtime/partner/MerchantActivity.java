package io.tapbus.runtime.partner;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A merchant's taps and payments per minute over the last minutes (1 to 1440), for the chart on its page: taps are the
 * {@code TAP} transactions of its readers, payments its payments on every channel (reader, POS, phone), whatever their
 * outcome; {@code approved} counts the approved ones of both. Read from the tables, one pass each, holding one counter
 * per minute.
 */
public final class MerchantActivity {
    static final int MAX_MINUTES = 1440;

    public record Minute(Instant minute, long taps, long payments, long approved) {}

    public record Activity(String merchantId, Instant from, Instant to, List<Minute> minutes) {}

    private final Jdbi jdbi;

    public MerchantActivity(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Activity of(String merchantId, int minutes, Instant now) {
        int span = Math.max(1, Math.min(MAX_MINUTES, minutes));
        Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = to.minus(Duration.ofMinutes(span));
        long[] taps = new long[span];
        long[] payments = new long[span];
        long[] approved = new long[span];
        jdbi.useHandle(h -> {
            h.createQuery("SELECT created_at, status FROM txn WHERE merchant_id = ? AND kind = 'TAP' AND created_at >= ?")
                    .bind(0, merchantId).bind(1, Timestamp.from(from))
                    .map((rs, ctx) -> new Object[] {rs.getTimestamp(1).toInstant(), rs.getString(2)})
                    .forEach(row -> count(row, from, taps, approved));
            h.createQuery("SELECT created_at, status FROM payment WHERE merchant_id = ? AND created_at >= ?")
                    .bind(0, merchantId).bind(1, Timestamp.from(from))
                    .map((rs, ctx) -> new Object[] {rs.getTimestamp(1).toInstant(), rs.getString(2)})
                    .forEach(row -> count(row, from, payments, approved));
        });
        List<Minute> out = new ArrayList<>(span);
        for (int i = 0; i < span; i++) {
            out.add(new Minute(from.plus(Duration.ofMinutes(i)), taps[i], payments[i], approved[i]));
        }
        return new Activity(merchantId, from, to, out);
    }

    private static void count(Object[] row, Instant from, long[] counts, long[] approved) {
        long i = Duration.between(from, (Instant) row[0]).toMinutes();
        if (i >= 0 && i < counts.length) {
            counts[(int) i]++;
            if ("APPROVED".equals(row[1])) {
                approved[(int) i]++;
            }
        }
    }
}
