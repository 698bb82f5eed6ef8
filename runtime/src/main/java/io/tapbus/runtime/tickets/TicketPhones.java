package io.tapbus.runtime.tickets;

import io.tapbus.connector.common.Masking;
import io.tapbus.connector.reader.ticket.Base45;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.mms.MmsChannel;
import io.tapbus.runtime.phone.PhoneChannel;
import io.tapbus.runtime.write.Batch;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickets sold with delivery PHONE (docs/tickets.md "Tickets to the phone"). In the sale's own write unit an MMS goes
 * to the buyer's phone with the ticket's text and its QR code (the code a gate reads: {@code B45:} and the Base45 of the
 * signed ticket bytes), so a sale is never without its MMS nor sends it twice. When the MMS channel gives up on that MMS
 * (refused, failed, expired), the write unit that records it also queues an SMS with the ticket's text and the same code:
 * the fallback, sent once. The delivery state is what both outboxes hold under the correlation {@code ticket:<id>}.
 * Bound before the phone channels exist; {@link #connect} hands them over once they run.
 */
public final class TicketPhones {
    private static final Logger LOG = LoggerFactory.getLogger(TicketPhones.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final Duration SMS_VALIDITY = Duration.ofDays(1);

    /** The phone delivery of a ticket: its MMS and, when one went, its SMS fallback; ids and states, the number masked. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Delivery(String msisdn, String mmsMessageId, String mmsState, String smsMessageId, String smsState) {}

    private final TicketBook book;
    private volatile MmsChannel mms;
    private volatile PhoneChannel phone;

    TicketPhones(TicketBook book) {
        this.book = book;
    }

    /** The channels, once started (either may be absent: a phone sale is then refused). */
    public void connect(MmsChannel mmsChannel, PhoneChannel phoneChannel) {
        this.phone = phoneChannel;
        this.mms = mmsChannel;
        if (mmsChannel != null) {
            mmsChannel.onGivenUp((batch, messageId, kind, correlation, msisdn, state) -> {
                if ("TICKET".equals(kind) && correlation != null && correlation.startsWith("ticket:")) {
                    fallback(batch, correlation.substring("ticket:".length()), msisdn, messageId, state);
                }
            });
        }
    }

    /** Refuses a phone sale the bus cannot deliver, before anything is paid. */
    void checkReady() {
        if (mms == null || phone == null) {
            throw new DomainError(DomainError.Code.SYSTEM_UNAVAILABLE, "the phone channels are not running: no ticket goes to a phone");
        }
    }

    /** In the sale's unit: the MMS with the QR code. Throws IllegalArgumentException for a number that is not E.164. */
    String send(Batch batch, TicketState t, String msisdn) {
        return mms.queue(batch, "TICKET", msisdn, "Your ticket " + t.product(), text(t), qr(t), correlation(t.ticketId()));
    }

    private void fallback(Batch batch, String ticketId, String msisdn, String mmsId, String state) {
        TicketState t = book.state(batch, ticketId);
        PhoneChannel p = phone;
        if (t == null || !TicketState.ISSUED.equals(t.status()) || p == null) {
            return; // refunded meanwhile, or no SMS channel: nothing to fall back to
        }
        if (fallbackQueued(batch, ticketId)) {
            return; // given up on before (EXPIRED_NO_REPORT, then a late DEFERRED report made it wait again): sent once
        }
        String smsId = p.outbox().queue(batch, msisdn, text(t) + " Show this code at the gate: " + qr(t), correlation(ticketId),
                SMS_VALIDITY).messageId();
        LOG.info("ticket {}: MMS {} {}, SMS fallback {} queued for {}", ticketId, mmsId, state, smsId, Masking.msisdn(msisdn));
    }

    /** Whether the ticket's SMS fallback is queued already (the writer's own connection: what the journal holds). */
    private static boolean fallbackQueued(Batch batch, String ticketId) {
        return batch.handle().createQuery("SELECT COUNT(*) FROM sms_message WHERE correlation = ?").bind(0, correlation(ticketId))
                .mapTo(Long.class).one() > 0;
    }

    /** The ticket's phone delivery, or null when it went to no phone. */
    public Delivery delivery(String ticketId) {
        MmsChannel m = mms;
        var sent = m == null ? java.util.List.<io.tapbus.runtime.mms.MmsQueries.Message>of()
                : m.queries().byCorrelation(correlation(ticketId), 1);
        if (sent.isEmpty()) {
            return null;
        }
        PhoneChannel p = phone;
        var sms = p == null ? java.util.List.<io.tapbus.runtime.phone.SmsQueries.Message>of()
                : p.queries().byCorrelation(correlation(ticketId), 1);
        return new Delivery(sent.get(0).msisdn(), sent.get(0).messageId(), sent.get(0).state(),
                sms.isEmpty() ? null : sms.get(0).messageId(), sms.isEmpty() ? null : sms.get(0).state());
    }

    /** What the MMS and the SMS say of the ticket (never its code: that is the QR, or the SMS's last words). */
    static String text(TicketState t) {
        return "TapBus ticket " + t.ticketId() + ": " + t.kind() + " " + t.product() + ", zones " + t.zones() + ", valid "
                + WHEN.format(t.validFrom()) + " to " + WHEN.format(t.validUntil()) + " UTC"
                + (t.uses() == 0 ? "." : ", " + t.uses() + (t.uses() == 1 ? " use." : " uses."));
    }

    /** The QR code's text: 'B45:' and the Base45 of the signed ticket bytes, as the ticket API shows it. */
    static String qr(TicketState t) {
        return "B45:" + Base45.encode(Base64.getUrlDecoder().decode(t.payload()));
    }

    private static String correlation(String ticketId) {
        return "ticket:" + ticketId;
    }
}
