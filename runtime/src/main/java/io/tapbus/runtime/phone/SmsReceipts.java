package io.tapbus.runtime.phone;

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
 * again). A receipt for a message id we do not know is logged and acknowledged: nothing can be done with it, and
 * refusing it would only make the SMSC send it again and again.
 */
final class SmsReceipts implements ReceiptListener {
    private static final Logger LOG = LoggerFactory.getLogger(SmsReceipts.class);

    private final String smsc;
    private final WritePath writes;
    private final SmsOutbox outbox;
    private final RecentSubmits recent;

    SmsReceipts(String smsc, WritePath writes, SmsOutbox outbox, RecentSubmits recent) {
        this.recent = recent;
        this.smsc = smsc;
        this.writes = writes;
        this.outbox = outbox;
    }

    @Override
    public void onReceipt(DeliveryReceipt receipt) {
        onReceipt(receipt, null);
    }

    private Optional<String> store(DeliveryReceipt r, Integer userRef, String msisdn, long waitMillis) {
        RecentSubmits.Part just = waitMillis == 0 ? null : recent.find(smsc, r.messageId(), waitMillis);
        if (waitMillis > 0 && just == null) {
            return Optional.empty();
        }
        return writes.execute(b -> {
            if (just != null) {
                outbox.submitted(b, just.messageId(), just.partNo(), r.messageId());
            }
            return outbox.receipt(b, smsc, r.messageId(), PartState.of(r.state()), r.error(), userRef, msisdn);
        });
    }

    @Override
    public void onReceipt(DeliveryReceipt r, DeliverSmPdu pdu) {
        Integer userRef = pdu == null ? null : pdu.tlv(Tlv.USER_MESSAGE_REFERENCE).filter(t -> t.value().length == 2)
                .map(t -> ((t.value()[0] & 0xFF) << 8) | (t.value()[1] & 0xFF)).orElse(null);
        String msisdn = pdu == null || pdu.source().address().isEmpty() ? null : "+" + pdu.source().address();
        Optional<String> message = store(r, userRef, msisdn, 0);
        if (message.isEmpty()) {
            // the receipt may have overtaken its submit_sm_resp: wait for that a moment, then record both
            message = store(r, userRef, msisdn, 500);
        }
        if (message.isEmpty()) {
            LOG.info("{}: receipt {} for unknown message id {} (from {}): acknowledged, nothing to update", smsc,
                    r.state(), r.messageId(), Msisdns.mask(msisdn));
        } else {
            LOG.debug("{}: receipt {} for SMS {}", smsc, r.state(), message.get());
        }
    }
}
