package io.tapbus.runtime.phone;

import io.tapbus.connector.common.Masking;
import io.tapbus.connector.phone.DeliverSmPdu;
import io.tapbus.connector.phone.DeliveryReceipt;
import io.tapbus.connector.phone.ReceiptListener;
import io.tapbus.connector.phone.Tlv;
import io.tapbus.runtime.write.WritePath;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery receipts of one SMSC link, stored through the write path before the deliver_sm is answered (so an
 * answered receipt is never lost; if storing fails, the link answers a temporary error and the SMSC delivers it
 * again). The part is found by the SMSC's message id in the writer's index ({@link SmsIndex}), or among the parts
 * whose submit_sm_resp was just seen ({@link RecentSubmits}: a receipt may overtake it); else, rarely, in the tables
 * (a message forgotten since it became final, or a part whose outcome is unknown, by our user_message_reference). A
 * receipt for a message id we do not know is logged and acknowledged: nothing can be done with it, and refusing it
 * would only make the SMSC send it again and again.
 */
final class SmsReceipts implements ReceiptListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmsReceipts.class);

    private final String smsc;
    private final WritePath writes;
    private final SmsOutbox outbox;
    private final SmsIndex index;
    private final RecentSubmits recent;
    private final SmsQueries queries;

    SmsReceipts(String smsc, WritePath writes, SmsOutbox outbox, SmsIndex index, RecentSubmits recent,
            SmsQueries queries) {
        this.smsc = smsc;
        this.writes = writes;
        this.outbox = outbox;
        this.index = index;
        this.recent = recent;
        this.queries = queries;
    }

    @Override
    public void onReceipt(DeliveryReceipt receipt) {
        onReceipt(receipt, null);
    }

    @Override
    public void onReceipt(DeliveryReceipt r, DeliverSmPdu pdu) {
        Integer userRef = pdu == null ? null : pdu.tlv(Tlv.USER_MESSAGE_REFERENCE).filter(t -> t.value().length == 2)
                .map(t -> ((t.value()[0] & 0xFF) << 8) | (t.value()[1] & 0xFF)).orElse(null);
        String msisdn = pdu == null || pdu.source().address().isEmpty() ? null : "+" + pdu.source().address();
        Optional<SmsQueries.Found> part = known(r.messageId(), 50);
        if (part.isEmpty()) {
            part = inTables(r.messageId(), userRef, msisdn);
        }
        if (part.isEmpty()) {
            part = known(r.messageId(), 450); // the receipt may have overtaken its submit_sm_resp by more
        }
        SmsQueries.Found p = part.orElse(null);
        boolean stored = p != null && writes.execute(b -> outbox.receipt(b, p.messageId(), p.partNo(), smsc,
                r.messageId(), PartState.of(r.state()), r.error()));
        if (!stored) {
            LOG.info("{}: receipt {} for unknown message id {} (from {}): acknowledged, nothing to update", smsc,
                    r.state(), r.messageId(), Masking.msisdn(msisdn));
        } else {
            LOG.debug("{}: receipt {} for SMS {}", smsc, r.state(), p.messageId());
        }
    }

    /** The part in the index or just answered, waiting up to {@code millis} for it to be either. */
    private Optional<SmsQueries.Found> known(String smscMessageId, long millis) {
        long until = System.currentTimeMillis() + millis;
        while (true) {
            SmsIndex.Ref ref = index.awaited(smsc, smscMessageId);
            if (ref != null) {
                return Optional.of(new SmsQueries.Found(ref.messageId(), ref.partNo()));
            }
            RecentSubmits.Part just = recent.find(smsc, smscMessageId, 0);
            if (just != null) {
                return Optional.of(new SmsQueries.Found(just.messageId(), just.partNo()));
            }
            if (System.currentTimeMillis() >= until) {
                return Optional.empty();
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The rare path: the tables, once they hold every answered change; the writer decides on its own state. */
    private Optional<SmsQueries.Found> inTables(String smscMessageId, Integer userRef, String msisdn) {
        writes.catchUp();
        Optional<SmsQueries.Found> part = queries.bySmscId(smsc, smscMessageId);
        if (part.isEmpty() && userRef != null && msisdn != null) {
            part = queries.byUserRef(userRef, msisdn);
            part.ifPresent(p -> LOG.info("SMS {} part {}: outcome resolved by a receipt's user_message_reference",
                    p.messageId(), p.partNo()));
        }
        return part;
    }
}
