package io.tapbus.runtime.bank;

import io.tapbus.connector.bank.Iso8583Exception;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.session.BankSession;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's side of the acquirer link: {@link #authorize} sends an authorization, financial request or balance
 * inquiry and blocks until the answer, the timeout, or a clean refusal. Thread-safe; any number of calls may be in
 * flight on the one connection.
 *
 * <p>Money is never left in doubt: a request is recorded before it is sent; one that gets no usable answer in
 * {@code tapbus.bank.timeout-ms} (or whose connection drops after the send) becomes TIMED_OUT and its reversal is
 * written in the same transaction, then repeated until the bank acknowledges it, across restarts. An approval that
 * arrives after the timeout is recorded as LATE_ANSWER and does not stop the reversal.
 */
public final class BankGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BankGateway.class);
    /**
     * A request still SENT this long after it was recorded belongs to a gateway that stopped mid-request: a live caller
     * gives up after at most two timeouts (the write, then the answer).
     */
    private static final Duration IN_FLIGHT_MARGIN = Duration.ofSeconds(10);

    private final BankSettings settings;
    private final ScheduledExecutorService worker;
    private final BankMessageJournal messagesJournal;
    private final ReversalJournal reversals;
    private final Jdbi jdbiForReversals;
    private final BankSession link;
    private final ReversalSender reversalSender;

    public BankGateway(BankSettings settings, Jdbi jdbi) {
        this(settings, jdbi, ZoneId.systemDefault());
    }

    BankGateway(BankSettings settings, Jdbi jdbi, ZoneId zone) {
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.worker = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "tapbus-bank-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        StanCounter stans = new StanCounter(jdbi, "acquirer-" + settings.acquirerId());
        BankMessages messages = new BankMessages(settings, zone);
        this.jdbiForReversals = jdbi;
        this.reversals = new ReversalJournal(jdbi, stans);
        this.messagesJournal = new BankMessageJournal(jdbi, stans, reversals, messages);
        this.link = new BankSession(settings.link(), stans::next, worker, new BankSession.Listener() {
            @Override
            public void signedOn() {
                reversalSender().sendDue();
            }

            @Override
            public void unsolicited(Iso8583Message response) {
                recordUnsolicited(response);
            }
        });
        this.reversalSender = new ReversalSender(reversals, link, messages, settings.timeout(), settings.reversalRetry());
    }

    /** The link's listener is built before the sender (which needs the link): it reads the field when called. */
    private ReversalSender reversalSender() {
        return reversalSender;
    }

    /** Recovers requests left in flight by a previous run, connects, and starts the reversal timer. */
    public BankGateway start() {
        recoverInFlight();
        link.start();
        long retryMillis = settings.reversalRetry().toMillis();
        worker.scheduleWithFixedDelay(() -> {
            recoverInFlight();
            reversalSender.sendDue();
        }, retryMillis, retryMillis, TimeUnit.MILLISECONDS);
        LOG.info("Bank gateway started: host {}:{}, packager {}, timeout {} ms", settings.host(), settings.port(),
                settings.packager(), settings.timeout().toMillis());
        return this;
    }

    /** Whether the link is up and signed on: the gateway's health. */
    public boolean signedOn() {
        return link.signedOn();
    }

    /** Reversals the bank has not acknowledged yet. */
    public long pendingReversals() {
        return reversals.pendingCount();
    }

    /**
     * Asks the bank and waits up to {@code tapbus.bank.timeout-ms} for the answer. A second call with the same payment id
     * and kind returns the first call's result without sending anything.
     *
     * @throws IllegalStateException when a call with the same payment id and kind is still waiting for the bank
     */
    public BankResult authorize(BankRequest request) {
        Optional<BankResult> earlier = messagesJournal.earlier(request.paymentId(), request.kind());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (!link.signedOn()) {
            LOG.warn("Bank unavailable (not signed on): payment {} not sent", request.paymentId());
            return BankResult.unavailable(request.paymentId());
        }
        BankMessageJournal.Begun begun = messagesJournal.begin(request, Instant.now());
        if (begun instanceof BankMessageJournal.Earlier e) {
            return e.result();
        }
        BankMessageJournal.Prepared prepared = (BankMessageJournal.Prepared) begun;
        BankSession.Sent sent;
        try {
            sent = link.send(prepared.message());
        } catch (BankSession.LinkUnavailable e) {
            messagesJournal.notSent(prepared.messageId());
            LOG.warn("Bank unavailable ({}): payment {} not sent", e.getMessage(), request.paymentId());
            return BankResult.unavailable(request.paymentId());
        } catch (Iso8583Exception e) {
            messagesJournal.notSent(prepared.messageId());
            LOG.error("Payment {} does not encode as ISO 8583, not sent: {}", request.paymentId(), e.getMessage());
            return new BankResult(BankResult.Outcome.FORMAT_ERROR, request.paymentId(), null, null, null, null, null,
                    false);
        }
        LOG.debug("Sent {}", prepared.message());
        Optional<Iso8583Message> answer = link.await(sent, settings.timeout());
        if (answer.isPresent() && answer.get().has(39)) {
            return answered(request, prepared, answer.get());
        }
        String why = answer.isPresent() ? "answer without response code"
                : sent.answer().isCompletedExceptionally() ? "connection lost before the answer"
                : "no answer within " + settings.timeout().toMillis() + " ms";
        return giveUp(request, prepared, why);
    }

    /**
     * Reverses whatever the bank may have authorised for a payment that the platform could not finish (the bus
     * stopped between the bank's answer and the reply): every money-moving request of the payment that was
     * approved, or sent without an answer, gets a reversal queued (once). Returns how many were queued.
     */
    public int reverse(String paymentId) {
        int queued = jdbiForReversals.inTransaction(h -> {
            int n = 0;
            for (Long messageId : h.createQuery("SELECT message_id FROM bank_message WHERE payment_id = ? AND kind IN ('AUTHORIZATION', 'FINANCIAL')"
                            + " AND (response_code = '00' OR state IN ('SENT', 'TIMED_OUT', 'LATE_ANSWER'))")
                    .bind(0, paymentId).mapTo(Long.class).list()) {
                if (reversals.queue(h, messageId, Instant.now())) {
                    n++;
                }
            }
            return n;
        });
        if (queued > 0) {
            LOG.warn("Payment {}: {} bank request(s) reversed because the payment was not finished", paymentId, queued);
            runOnWorker(reversalSender::sendDue);
        }
        return queued;
    }

    private BankResult answered(BankRequest request, BankMessageJournal.Prepared prepared, Iso8583Message answer) {
        LOG.debug("Answer {}", answer);
        if (!messagesJournal.answered(prepared.messageId(), answer, Instant.now())) {
            LOG.warn("Answer to payment {} came after the request was given up: not used", request.paymentId());
            return BankResult.timedOut(request.paymentId(), prepared.stan(), prepared.rrn(), request.kind().movesMoney());
        }
        String rrn = answer.has(37) ? answer.field(37) : prepared.rrn();
        return BankResult.answered(request.paymentId(), prepared.stan(), rrn, answer.field(39), answer.field(38),
                answer.field(54));
    }

    private BankResult giveUp(BankRequest request, BankMessageJournal.Prepared prepared, String why) {
        boolean reverse = request.kind().movesMoney();
        messagesJournal.timedOut(prepared.messageId(), reverse, Instant.now());
        LOG.warn("Payment {} (STAN {}): {}{}", request.paymentId(), prepared.stan(), why,
                reverse ? ": timed out, reversal queued" : ": timed out");
        if (reverse) {
            runOnWorker(reversalSender::sendDue);
        }
        return BankResult.timedOut(request.paymentId(), prepared.stan(), prepared.rrn(), reverse);
    }

    private void recordUnsolicited(Iso8583Message response) {
        try {
            switch (messagesJournal.late(response, Instant.now())) {
                case LATE_ANSWER -> LOG.warn("Late answer after the timeout, recorded and not used (reversal kept): {}",
                        response);
                case REVERSAL_ACKNOWLEDGED -> LOG.info("Late reversal acknowledgement recorded: {}", response);
                case NETWORK -> LOG.info("Late network management answer ignored: {}", response);
                case UNMATCHED -> LOG.warn("Response matching no request, recorded: {}", response);
            }
        } catch (RuntimeException e) {
            LOG.error("Recording a late bank response failed: {} ({})", response, e.toString());
        }
    }

    private void recoverInFlight() {
        try {
            Instant now = Instant.now();
            Duration inFlight = settings.timeout().multipliedBy(2).plus(IN_FLIGHT_MARGIN);
            int recovered = messagesJournal.recoverInFlight(now.minus(inFlight), now);
            if (recovered > 0) {
                LOG.warn("{} bank request(s) left in flight by a stopped gateway: timed out and reversed", recovered);
            }
        } catch (RuntimeException e) {
            LOG.error("Recovering bank requests in flight failed; the next round retries: {}", e.toString());
        }
    }

    private void runOnWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException closing) {
            // the timer resumes it at the next start
        }
    }

    @Override
    public void close() {
        link.close();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
        LOG.info("Bank gateway stopped");
    }
}
