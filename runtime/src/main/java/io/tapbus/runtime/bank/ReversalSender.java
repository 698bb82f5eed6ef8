package io.tapbus.runtime.bank;

import io.tapbus.connector.bank.Iso8583Exception;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.session.BankSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due reversals of the {@link ReversalJournal}: 0400 the first time, 0401 after that, every
 * {@code tapbus.bank.reversal-retry-seconds}, until a 0410 comes back with any response code but 30 (format error).
 * 25 ("unable to locate original") is an acknowledgement too: the bank has nothing to reverse. Runs when a request
 * times out, at sign-on and on a timer; sends only on a signed-on link, so an attempt always reached the wire.
 */
final class ReversalSender {
    private static final Logger LOG = LoggerFactory.getLogger(ReversalSender.class);
    private static final int BATCH = 200;

    private record Attempt(ReversalJournal.Due due, String mti, BankSession.Sent sent) {
    }

    private final ReversalJournal journal;
    private final BankSession link;
    private final BankMessages messages;
    private final Duration timeout;
    private final Duration retry;

    ReversalSender(ReversalJournal journal, BankSession link, BankMessages messages, Duration timeout, Duration retry) {
        this.journal = journal;
        this.link = link;
        this.messages = messages;
        this.timeout = timeout;
        this.retry = retry;
    }

    /** Sends every due reversal and waits (up to the timeout) for their acknowledgements. Never throws. */
    synchronized void sendDue() {
        try {
            if (!link.signedOn()) {
                return;
            }
            List<Attempt> attempts = send(journal.due(Instant.now(), BATCH));
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Attempt attempt : attempts) {
                Optional<Iso8583Message> answer = link.await(attempt.sent(),
                        Duration.ofNanos(deadline - System.nanoTime()));
                answer.ifPresentOrElse(a -> acknowledged(attempt, a), () -> LOG.warn(
                        "Reversal {} of payment {} (original STAN {}) unanswered; repeating in {} s", attempt.mti(),
                        attempt.due().paymentId(), attempt.due().originalStan(), retry.toSeconds()));
            }
        } catch (RuntimeException e) {
            LOG.error("Sending reversals failed; the next round retries: {}", e.toString());
        }
    }

    private List<Attempt> send(List<ReversalJournal.Due> due) {
        List<Attempt> attempts = new ArrayList<>();
        for (ReversalJournal.Due d : due) {
            Instant now = Instant.now();
            Iso8583Message reversal = messages.reversal(d, d.attempts() > 0, now);
            try {
                BankSession.Sent sent = link.send(reversal);
                journal.attempted(d.reversalId(), now, now.plus(retry));
                attempts.add(new Attempt(d, reversal.mti(), sent));
                LOG.info("Reversal {} of payment {} sent: original STAN {}, attempt {}", reversal.mti(), d.paymentId(),
                        d.originalStan(), d.attempts() + 1);
            } catch (BankSession.LinkUnavailable e) {
                break; // the link dropped: the rest waits for the next sign-on
            } catch (Iso8583Exception e) {
                LOG.error("Reversal of payment {} does not encode ({}); it stays pending", d.paymentId(), e.getMessage());
                journal.attempted(d.reversalId(), now, now.plus(retry));
            }
        }
        return attempts;
    }

    private void acknowledged(Attempt attempt, Iso8583Message answer) {
        String code = answer.field(39);
        if (code == null || code.equals(BankResult.FORMAT_ERROR_CODE)) {
            LOG.error("Reversal {} of payment {} refused with response code {}; repeating in {} s", attempt.mti(),
                    attempt.due().paymentId(), code, retry.toSeconds());
            return;
        }
        journal.acknowledge(attempt.due().reversalId(), code, Instant.now());
        LOG.info("Reversal of payment {} acknowledged with response code {}{}", attempt.due().paymentId(), code,
                code.equals("25") ? " (the bank does not know the original: nothing to reverse)" : "");
    }
}
