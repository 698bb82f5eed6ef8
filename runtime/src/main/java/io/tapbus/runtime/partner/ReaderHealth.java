package io.tapbus.runtime.partner;

import io.tapbus.runtime.platform.ReaderRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The health of one merchant's card readers and chained POS terminals (both are registered readers): state, the last
 * tap and payment each one brought, and how many in the last hour, read from the {@code txn} and {@code payment}
 * tables (which follow the write path's journal by a few milliseconds). A terminal is {@code POS} when a payment came
 * through the POS channel. Health: {@code DISABLED}, {@code NEVER_SEEN}, {@code OK} (seen within 15 minutes) or
 * {@code QUIET}.
 */
public final class ReaderHealth {
    static final Duration RECENT = Duration.ofMinutes(15);

    /** One reader or terminal as its merchant sees it. */
    public record Entry(String readerId, String kind, String status, String location, Instant registeredAt, Instant lastTapAt,
                        Instant lastPaymentAt, Instant lastSeenAt, long tapsLastHour, long paymentsLastHour, String health) {}

    private record Seen(Instant last, long lastHour, boolean pos) {}

    private final Jdbi jdbi;
    private final ReaderRegistry readers;

    public ReaderHealth(Jdbi jdbi, ReaderRegistry readers) {
        this.jdbi = jdbi;
        this.readers = readers;
    }

    /** The merchant's readers and terminals with their health, in the registry's order. */
    public List<Entry> of(String merchantId, Instant now) {
        Timestamp hourAgo = Timestamp.from(now.minus(Duration.ofHours(1)));
        Map<String, Seen> taps = new HashMap<>();
        Map<String, Seen> payments = new HashMap<>();
        jdbi.useHandle(h -> {
            h.createQuery("SELECT reader_id, MAX(created_at), SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) FROM txn"
                            + " WHERE merchant_id = ? AND kind = 'TAP' AND reader_id IS NOT NULL GROUP BY reader_id")
                    .bind(0, hourAgo).bind(1, merchantId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new Seen(rs.getTimestamp(2).toInstant(), rs.getLong(3), false)))
                    .forEach(e -> taps.put(e.getKey(), e.getValue()));
            h.createQuery("SELECT reader_id, MAX(created_at), SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN channel = 'POS' THEN 1 ELSE 0 END) FROM payment"
                            + " WHERE merchant_id = ? AND reader_id IS NOT NULL GROUP BY reader_id")
                    .bind(0, hourAgo).bind(1, merchantId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new Seen(rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4) > 0)))
                    .forEach(e -> payments.put(e.getKey(), e.getValue()));
        });
        List<Entry> out = new ArrayList<>();
        for (ReaderRegistry.Reader r : readers.list(merchantId)) {
            Seen tap = taps.get(r.readerId());
            Seen pay = payments.get(r.readerId());
            Instant lastTap = tap == null ? null : tap.last();
            Instant lastPay = pay == null ? null : pay.last();
            Instant lastSeen = lastTap == null ? lastPay : lastPay == null || lastTap.isAfter(lastPay) ? lastTap : lastPay;
            out.add(new Entry(r.readerId(), pay != null && pay.pos() ? "POS" : "READER", r.status(), r.location(), r.registeredAt(),
                    lastTap, lastPay, lastSeen, tap == null ? 0 : tap.lastHour(), pay == null ? 0 : pay.lastHour(),
                    health(r.status(), lastSeen, now)));
        }
        return out;
    }

    static String health(String status, Instant lastSeen, Instant now) {
        if (!"ACTIVE".equals(status)) {
            return "DISABLED";
        }
        if (lastSeen == null) {
            return "NEVER_SEEN";
        }
        return lastSeen.isAfter(now.minus(RECENT)) ? "OK" : "QUIET";
    }
}
