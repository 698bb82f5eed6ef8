package io.tapbus.runtime.mms;

import io.tapbus.connector.phone.mm7.Mm7Client;
import io.tapbus.connector.phone.mm7.Mm7Exception;
import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import io.tapbus.connector.phone.mm7.SubmitResult;
import io.tapbus.connector.phone.mm7.TicketMms;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes QUEUED messages from the outbox and submits them to their MMSC, one at a time, on one thread ("mms-sender").
 * Each is recorded SUBMITTING (durable) before its SubmitReq is sent, with the TransactionID {@code tb-<id>}; its
 * outcome is recorded through the write path: SUBMITTED with the MMSC's message id; QUEUED again with a backoff for a
 * failure that may pass (unreachable, a temporary MM7 status, an HTTP error); OUTCOME_UNKNOWN when it may be at the
 * MMSC (no answer, or an answer that is not MM7: never sent again); FAILED with the MM7 status otherwise, or when
 * its attempts are used up.
 */
final class MmsSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MmsSender.class);

    /** What the sender learnt of each MMSC: UNKNOWN until the first exchange, then UP (it answered) or DOWN. */
    private final Map<String, String> linkStates = new ConcurrentHashMap<>();
    /** SubmitRsp message ids whose SUBMITTED is being stored: a delivery report that overtakes it finds them here. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    private final MmsQueries queries;
    private final MmsOutbox outbox;
    private final WritePath writes;
    private final Map<String, Mm7Client> clients;
    private final Duration poll;
    private final Duration retryFirst;
    private final Duration retryMax;
    private final int maxAttempts;
    private final Object wakeUp = new Object();
    private final Thread thread;
    private volatile boolean running = true;

    MmsSender(MmsQueries queries, MmsOutbox outbox, WritePath writes, Map<String, Mm7Client> clients, Duration poll,
            Duration retryFirst, Duration retryMax, int maxAttempts) {
        this.queries = queries;
        this.outbox = outbox;
        this.writes = writes;
        this.clients = clients;
        this.poll = poll;
        this.retryFirst = retryFirst;
        this.retryMax = retryMax;
        this.maxAttempts = maxAttempts;
        clients.keySet().forEach(name -> linkStates.put(name, "UNKNOWN"));
        this.thread = new Thread(this::run, "mms-sender");
        thread.setDaemon(true);
    }

    MmsSender start() {
        thread.start();
        return this;
    }

    /** A message was queued: look now rather than at the next poll. */
    void wakeUp() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    Map<String, String> linkStates() {
        return new LinkedHashMap<>(linkStates);
    }

    /** The outbox message whose SubmitRsp named {@code mmscMessageId} at {@code mmsc}, while it is being stored. */
    String justAnswered(String mmsc, String mmscMessageId) {
        return answered.get(mmsc + " " + mmscMessageId);
    }

    private void run() {
        while (running) {
            try {
                if (!sendSome()) {
                    synchronized (wakeUp) {
                        wakeUp.wait(poll.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a write that failed: the message stays as stored (QUEUED, or SUBMITTING and then OUTCOME_UNKNOWN)
                LOG.warn("MMS sender: {} ({}); trying again", e.getClass().getSimpleName(), e.getMessage());
                sleep();
            }
        }
    }

    /** One round; false when nothing was due. */
    private boolean sendSome() {
        writes.catchUp();
        List<MmsQueries.Sendable> due = queries.sendable(Instant.now(), 20);
        for (MmsQueries.Sendable m : due) {
            if (!running) {
                return true;
            }
            Mm7Client client = clients.get(m.mmsc());
            if (client == null) {
                LOG.warn("MMS {}: its MMSC '{}' is not configured; it waits", m.messageId(), m.mmsc());
                continue;
            }
            if (writes.execute(b -> outbox.submitting(b, m.messageId()))) {
                send(client, m);
            }
        }
        return !due.isEmpty() && due.stream().anyMatch(m -> clients.containsKey(m.mmsc()));
    }

    private void send(Mm7Client client, MmsQueries.Sendable m) {
        int attempt = m.attempts() + 1;
        try {
            SubmitResult result = client.submit(TicketMms.submit(m.transactionId(), m.msisdn(), m.subject(), m.text(),
                    m.qrPayload()));
            linkStates.put(m.mmsc(), "UP");
            String key = m.mmsc() + " " + result.messageId();
            answered.put(key, m.messageId());
            try {
                writes.execute(b -> {
                    outbox.submitted(b, m.messageId(), result.messageId());
                    return null;
                });
            } finally {
                answered.remove(key);
            }
            LOG.info("MMS {} via {}: submitted, attempt {}", m.messageId(), m.mmsc(), attempt);
        } catch (Mm7Exception e) {
            linkStates.put(m.mmsc(), reached(e.problem()) ? "UP" : "DOWN");
            record(m, attempt, e);
        } catch (IllegalArgumentException e) {
            // not composable (checked when queued, so only after a change of the rules): never on the wire
            LOG.warn("MMS {}: not composable ({})", m.messageId(), e.getMessage());
            writes.execute(b -> {
                outbox.failed(b, m.messageId(), Problem.BAD_REQUEST.name(), null);
                return null;
            });
        }
    }

    private void record(MmsQueries.Sendable m, int attempt, Mm7Exception e) {
        Integer status = e.status() == null ? null : e.status().code();
        String problem = e.problem().name();
        LOG.info("MMS {} via {}, attempt {}: {}", m.messageId(), m.mmsc(), attempt, e.getMessage());
        writes.execute(b -> {
            if (e.outcomeUnknown() || e.problem() == Problem.MALFORMED_ANSWER) {
                outbox.outcomeUnknown(b, m.messageId(), problem);
            } else if ((e.retryable() || e.problem() == Problem.HTTP_ERROR) && attempt < maxAttempts) {
                outbox.retryLater(b, m.messageId(), problem, status, Instant.now().plus(backoff(attempt)));
            } else {
                outbox.failed(b, m.messageId(), problem, status);
            }
            return null;
        });
    }

    /** first, 2 × first, 4 × first ... up to the maximum. */
    Duration backoff(int attempt) {
        long ms = retryFirst.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(ms, retryMax.toMillis()));
    }

    /** Whether a failure shows that the MMSC is there (it answered something). */
    private static boolean reached(Problem p) {
        return p == Problem.FAULT || p == Problem.UNAUTHORIZED || p == Problem.MALFORMED_ANSWER
                || p == Problem.BAD_REQUEST;
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
