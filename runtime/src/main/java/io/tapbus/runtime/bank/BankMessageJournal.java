package io.tapbus.runtime.bank;

import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.session.TimeFields;
import io.tapbus.connector.common.Masking;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code bank_message} table: every request to the bank, recorded before it is sent, then its answer, its
 * timeout or its late answer. Every state change is conditional on the state it leaves, so the caller, the late
 * answer and the recovery of requests left in flight by a stopped gateway can race without double work.
 */
final class BankMessageJournal {

    /** What {@link #begin} found: the answer of an earlier call with the same payment id, or a new request to send. */
    sealed interface Begun permits Earlier, Prepared {
    }

    record Earlier(BankResult result) implements Begun {
    }

    record Prepared(long messageId, Iso8583Message message, String stan, String rrn) implements Begun {
    }

    /** What a response that nobody waited for turned out to be. */
    enum Late { LATE_ANSWER, REVERSAL_ACKNOWLEDGED, NETWORK, UNMATCHED }

    private final Jdbi jdbi;
    private final StanCounter stans;
    private final ReversalJournal reversals;
    private final BankMessages messages;

    BankMessageJournal(Jdbi jdbi, StanCounter stans, ReversalJournal reversals, BankMessages messages) {
        this.jdbi = jdbi;
        this.stans = stans;
        this.reversals = reversals;
        this.messages = messages;
    }

    /** The recorded result of an earlier call with this payment id and kind, if the request went out. */
    Optional<BankResult> earlier(String paymentId, BankRequest.Kind kind) {
        return jdbi.withHandle(h -> earlier(h, paymentId, kind));
    }

    private static Optional<BankResult> earlier(Handle h, String paymentId, BankRequest.Kind kind) {
        return h.createQuery("SELECT state, stan, rrn, response_code, auth_code, additional_amounts FROM bank_message "
                        + "WHERE payment_id = :payment AND kind = :kind AND state <> 'NOT_SENT' "
                        + "ORDER BY message_id DESC FETCH FIRST 1 ROWS ONLY")
                .bind("payment", paymentId).bind("kind", kind.name())
                .map((rs, ctx) -> switch (rs.getString("state")) {
                    case "ANSWERED" -> BankResult.answered(paymentId, rs.getString("stan"), rs.getString("rrn"),
                            rs.getString("response_code"), rs.getString("auth_code"), rs.getString("additional_amounts"));
                    case "SENT" -> throw new IllegalStateException("payment " + paymentId + " is in flight at the bank");
                    default -> BankResult.timedOut(paymentId, rs.getString("stan"), rs.getString("rrn"), kind.movesMoney());
                })
                .findOne();
    }

    /**
     * Allocates the STAN and records the request as SENT, in one transaction; or finds an earlier call with the same
     * payment id. The STAN row lock serialises this, so two calls with the same payment id cannot both send.
     */
    Begun begin(BankRequest request, Instant now) {
        return jdbi.inTransaction(h -> {
            String stan = stans.next(h);
            Optional<BankResult> earlier = earlier(h, request.paymentId(), request.kind());
            if (earlier.isPresent()) {
                return new Earlier(earlier.get());
            }
            String rrn = messages.retrievalReference(now, stan);
            String transmission = TimeFields.transmissionTime(now);
            Iso8583Message message = messages.request(request, stan, rrn, transmission, now);
            long id = h.createUpdate("INSERT INTO bank_message(payment_id, kind, mti_sent, stan, terminal_id, merchant_id, "
                            + "rrn, transmission_time, processing_code, amount_minor, currency, masked_pan, state, created_at) "
                            + "VALUES (:payment, :kind, :mti, :stan, :terminal, :merchant, :rrn, :transmission, :processing, "
                            + ":amount, :currency, :pan, 'SENT', :now)")
                    .bind("payment", request.paymentId()).bind("kind", request.kind().name())
                    .bind("mti", message.mti()).bind("stan", stan).bind("terminal", message.field(41))
                    .bind("merchant", message.field(42)).bind("rrn", rrn).bind("transmission", transmission)
                    .bind("processing", message.field(3)).bind("amount", request.amountMinor())
                    .bind("currency", request.currency()).bind("pan", Masking.pan(request.pan())).bind("now", now)
                    .executeAndReturnGeneratedKeys("message_id").mapTo(Long.class).one();
            return new Prepared(id, message, stan, rrn);
        });
    }

    void notSent(long messageId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE bank_message SET state = 'NOT_SENT' WHERE message_id = ? AND state = 'SENT'")
                .bind(0, messageId).execute());
    }

    /** Records the answer; false when the request was given up meanwhile (then it is being reversed). */
    boolean answered(long messageId, Iso8583Message response, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE bank_message SET state = 'ANSWERED', mti_received = :mti, "
                        + "response_code = :code, auth_code = :auth, rrn = COALESCE(:rrn, rrn), additional_amounts = :amounts, "
                        + "answered_at = :at WHERE message_id = :id AND state = 'SENT'")
                .bind("mti", response.mti()).bind("code", response.field(39)).bind("auth", response.field(38))
                .bind("rrn", response.field(37)).bind("amounts", response.field(54)).bind("at", at).bind("id", messageId)
                .execute() == 1);
    }

    /**
     * Gives up on a sent request: TIMED_OUT and, when it moves money, its reversal, in one transaction. The caller that
     * gave up owns the reversal even when a late answer already moved the row to LATE_ANSWER.
     */
    void timedOut(long messageId, boolean reverse, Instant at) {
        jdbi.useTransaction(h -> {
            markTimedOut(h, messageId, at);
            if (reverse) {
                reversals.queue(h, messageId, at);
            }
        });
    }

    private static boolean markTimedOut(Handle h, long messageId, Instant at) {
        return h.createUpdate("UPDATE bank_message SET state = 'TIMED_OUT', timed_out_at = :at "
                        + "WHERE message_id = :id AND state = 'SENT'")
                .bind("at", at).bind("id", messageId).execute() == 1;
    }

    /**
     * Requests still SENT long after their timeout (the gateway that sent them stopped before it knew the outcome):
     * TIMED_OUT and reversed. Also queues the reversal of a timed-out money request that has none (a stop between a late
     * answer and the caller's timeout). Returns how many requests it gave up.
     */
    int recoverInFlight(Instant sentBefore, Instant now) {
        List<Object[]> stale = jdbi.withHandle(h -> h.createQuery("SELECT message_id, kind FROM bank_message "
                        + "WHERE state = 'SENT' AND created_at < :before")
                .bind("before", sentBefore)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).list());
        int recovered = 0;
        for (Object[] row : stale) {
            long id = (Long) row[0];
            boolean reverse = BankRequest.Kind.valueOf((String) row[1]).movesMoney();
            boolean claimed = jdbi.inTransaction(h -> {
                boolean mine = markTimedOut(h, id, now);
                if (mine && reverse) {
                    reversals.queue(h, id, now);
                }
                return mine;
            });
            recovered += claimed ? 1 : 0;
        }
        List<Long> unreversed = jdbi.withHandle(h -> h.createQuery("SELECT m.message_id FROM bank_message m "
                        + "WHERE m.state IN ('TIMED_OUT', 'LATE_ANSWER') AND m.kind IN ('AUTHORIZATION', 'FINANCIAL') "
                        + "AND m.created_at < :before "
                        + "AND NOT EXISTS (SELECT 1 FROM bank_reversal r WHERE r.message_id = m.message_id)")
                .bind("before", sentBefore).mapTo(Long.class).list());
        for (long id : unreversed) {
            jdbi.useTransaction(h -> reversals.queue(h, id, now));
        }
        return recovered;
    }

    /**
     * A response that nobody waits for: a late answer to a request given up (recorded LATE_ANSWER, its reversal kept),
     * a late 0410 (acknowledges its reversal), or a response to nothing the gateway knows (recorded UNMATCHED).
     */
    Late late(Iso8583Message response, Instant at) {
        String stan = response.field(11);
        String terminal = response.field(41);
        if (response.mti().equals("0810")) {
            return Late.NETWORK;
        }
        if (stan != null && response.mti().equals("0410")) {
            if (reversals.acknowledgeLate(stan, terminal, response.field(39), at)) {
                return Late.REVERSAL_ACKNOWLEDGED;
            }
        } else if (stan != null && (response.mti().equals("0110") || response.mti().equals("0210"))) {
            String requestMti = response.mti().substring(0, 2) + "00";
            boolean recorded = jdbi.withHandle(h -> {
                Optional<Long> id = h.createQuery("SELECT message_id FROM bank_message WHERE stan = :stan AND mti_sent = :mti"
                                + (terminal == null ? "" : " AND terminal_id = :terminal")
                                + " ORDER BY message_id DESC FETCH FIRST 1 ROWS ONLY")
                        .bind("stan", stan).bind("mti", requestMti)
                        .bindMap(terminal == null ? Map.of() : Map.of("terminal", terminal))
                        .mapTo(Long.class).findOne();
                return id.isPresent() && h.createUpdate("UPDATE bank_message SET state = 'LATE_ANSWER', mti_received = :mti, "
                                + "response_code = :code, auth_code = :auth, answered_at = :at "
                                + "WHERE message_id = :id AND state IN ('SENT', 'TIMED_OUT')")
                        .bind("mti", response.mti()).bind("code", response.field(39)).bind("auth", response.field(38))
                        .bind("at", at).bind("id", id.get()).execute() == 1;
            });
            if (recorded) {
                return Late.LATE_ANSWER;
            }
        }
        recordUnmatched(response, at);
        return Late.UNMATCHED;
    }

    private void recordUnmatched(Iso8583Message response, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO bank_message(stan, terminal_id, merchant_id, rrn, masked_pan, state, "
                        + "mti_received, response_code, auth_code, created_at, answered_at) "
                        + "VALUES (:stan, :terminal, :merchant, :rrn, :pan, 'UNMATCHED', :mti, :code, :auth, :at, :at)")
                .bind("stan", Optional.ofNullable(response.field(11)).orElse("?"))
                .bind("terminal", response.field(41)).bind("merchant", response.field(42)).bind("rrn", response.field(37))
                .bind("pan", Masking.pan(response.field(2))).bind("mti", response.mti())
                .bind("code", response.field(39)).bind("auth", response.field(38)).bind("at", at)
                .execute());
    }
}
