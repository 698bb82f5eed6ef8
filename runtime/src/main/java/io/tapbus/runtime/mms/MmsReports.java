package io.tapbus.runtime.mms;

import io.tapbus.connector.phone.mm7.DeliveryReport;
import io.tapbus.connector.phone.mm7.DeliveryReportListener;
import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.write.WritePath;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery reports of one MMSC, stored through the write path before the receiver answers. When storing fails
 * (the disk is full, the bus is stopping) this throws: the receiver answers VASPErrorRsp 3000 and the MMSC sends the
 * report again, so none is lost. A report naming no message of ours is logged and acknowledged (refusing it would
 * only make the MMSC send it again and again).
 */
final class MmsReports implements DeliveryReportListener {
    private static final Logger LOG = LoggerFactory.getLogger(MmsReports.class);

    private final String mmsc;
    private final WritePath writes;
    private final MmsOutbox outbox;
    private final MmsSender sender;

    MmsReports(String mmsc, WritePath writes, MmsOutbox outbox, MmsSender sender) {
        this.mmsc = mmsc;
        this.writes = writes;
        this.outbox = outbox;
        this.sender = sender;
    }

    @Override
    public void onReport(DeliveryReport report) {
        String msisdn = msisdn(report.recipient());
        Optional<String> message = store(report, msisdn, null, false);
        // the report may have overtaken the storing of its SubmitRsp: wait for that a moment, then record both
        long until = System.currentTimeMillis() + 1000;
        while (message.isEmpty() && System.currentTimeMillis() < until) {
            String just = sender.justAnswered(mmsc, report.messageId());
            if (just != null) {
                message = store(report, msisdn, just, false);
            } else {
                sleep();
                message = store(report, msisdn, null, false);
            }
        }
        if (message.isEmpty()) {
            // last: a message whose outcome is unknown (sent, unanswered), by its recipient
            message = store(report, msisdn, null, true);
        }
        if (message.isEmpty()) {
            LOG.info("{}: delivery report {} for unknown message id {} (to {}): acknowledged, nothing to update",
                    mmsc, report.status().wire(), report.messageId(), Masking.msisdn(msisdn));
        } else {
            LOG.debug("{}: delivery report {} for MMS {}", mmsc, report.status().wire(), message.get());
        }
    }

    private Optional<String> store(DeliveryReport r, String msisdn, String justSubmitted, boolean byRecipient) {
        return writes.execute(b -> {
            if (justSubmitted != null) {
                outbox.submitted(b, justSubmitted, r.messageId());
            }
            return outbox.report(b, mmsc, r.messageId(), msisdn, r.status(), byRecipient);
        });
    }

    /** The recipient as the outbox stores numbers (+ and digits), or null for an address that is not a number. */
    static String msisdn(String recipient) {
        if (recipient == null) {
            return null;
        }
        String s = recipient.strip();
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        return s.matches("[1-9][0-9]{6,14}") ? "+" + s : null;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
