package io.tapbus.runtime.phone;

import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsEncoder;
import io.tapbus.connector.phone.SmsPart;
import io.tapbus.connector.phone.SmscLink;
import io.tapbus.connector.phone.SubmitException;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the parts that became QUEUED from the writer's index ({@link SmsIndex}: no query, no wait for the tables) and
 * submits them, one thread ("sms-sender"). For each part it picks the first
 * bound SMSC of the number's route ({@link SmsRouter}); parts whose SMSCs are all down stay QUEUED. The parts it
 * takes are recorded SUBMITTING (one write unit for the lot, durable) before any is handed to the link; the link
 * keeps at most its window in flight and answers throttling itself. Each outcome is recorded through the write
 * path: SUBMITTED with the SMSC's message id, REFUSED, OUTCOME_UNKNOWN (sent, unanswered: never sent again), or
 * QUEUED again when the link closed before writing it.
 */
final class SmsSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);
    /** How many parts a round may look at beyond those it can send (parts whose SMSC is down or full go back). */
    private static final int SCAN = 256;

    private final SmsStore store;
    private final SmsIndex index;
    private final SmsOutbox outbox;
    private final WritePath writes;
    private final SmsRouter router;
    private final Map<String, SmscLink> links;
    /** Per SMSC: parts recorded SUBMITTING and not answered yet, at most its window (so that few wait unsent). */
    private final Map<String, Semaphore> inFlight = new HashMap<>();
    private final RecentSubmits recent;
    /** Each SMSC's window: a round waits until one SMSC has a quarter of its window free (or all of it). */
    private final Map<String, Integer> windows;
    private final Duration poll;
    private final Object wakeUp = new Object();
    /** Set by {@link #wake()} and by each stored outcome, so that a wake-up just before the wait is not lost. */
    private boolean woken;
    private final Thread thread;
    private volatile boolean running = true;

    SmsSender(SmsStore store, SmsIndex index, SmsOutbox outbox, WritePath writes, SmsRouter router,
            Map<String, SmscLink> links, Map<String, Integer> windows, Duration poll, RecentSubmits recent) {
        this.recent = recent;
        this.store = store;
        this.index = index;
        this.outbox = outbox;
        this.writes = writes;
        this.router = router;
        this.links = links;
        windows.forEach((name, window) -> inFlight.put(name, new Semaphore(window)));
        this.windows = Map.copyOf(windows);
        this.poll = poll;
        this.thread = new Thread(this::run, "sms-sender");
        thread.setDaemon(true);
    }

    SmsSender start() {
        thread.start();
        return this;
    }

    private record Taken(OutboxMessage message, OutboxMessage.Part part, String smsc) {}

    private void run() {
        while (running) {
            try {
                if (!sendSome()) {
                    synchronized (wakeUp) {
                        if (!woken) {
                            wakeUp.wait(poll.toMillis());
                        }
                        woken = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a write that failed: its parts stay as stored (QUEUED, or SUBMITTING and never sent)
                LOG.warn("SMS sender: {} ({}); trying again", e.getClass().getSimpleName(), e.getMessage());
                sleep();
            }
        }
    }

    /** One round; false when there was nothing it could send. */
    private boolean sendSome() {
        // each stored outcome wakes the sender: while an SMSC's parts are in flight, one round per quarter of its window
        // instead of a query and a write unit for every slot that comes free (its last outcome always wakes it)
        int free = 0;
        boolean worthARound = false;
        for (Map.Entry<String, Semaphore> e : inFlight.entrySet()) {
            int f = e.getValue().availablePermits();
            int window = windows.get(e.getKey());
            free += f;
            worthARound |= f > 0 && (f == window || f >= window / 4);
        }
        if (!worthARound || !index.anyReady() || links.values().stream().noneMatch(SmscLink::isBound)) {
            return false;
        }
        List<Taken> chosen = new ArrayList<>();
        List<SmsIndex.Ref> later = new ArrayList<>();
        Instant now = Instant.now();
        // the ready parts in order; those whose SMSC has no free slot (or not due yet) go back to the front
        for (int looked = 0; chosen.size() < free && looked < free + SCAN; looked++) {
            SmsIndex.Ref ref = index.takeReady();
            if (ref == null) {
                break;
            }
            OutboxMessage m = store.messages.read(ref.messageId()); // its durable value: QUEUED when indexed
            OutboxMessage.Part part = m == null ? null : m.part(ref.partNo());
            if (part == null || part.state() != PartState.QUEUED) {
                continue; // sent or expired since: the index is a hint
            }
            String smsc = ref.notBefore().isAfter(now) ? null : boundSmsc(m.msisdn()); // takes a permit of that SMSC
            if (smsc == null) {
                later.add(ref);
            } else {
                chosen.add(new Taken(m, part, smsc));
            }
        }
        index.putBack(later);
        if (chosen.isEmpty()) {
            return false;
        }
        List<Taken> marked;
        try {
            marked = writes.execute(b -> {
                List<Taken> ok = new ArrayList<>();
                for (Taken t : chosen) {
                    if (outbox.submitting(b, t.message().messageId(), t.part().partNo(), t.smsc())) {
                        ok.add(t);
                    }
                }
                return ok;
            });
        } catch (RuntimeException e) {
            chosen.forEach(t -> inFlight.get(t.smsc()).release());
            index.putBack(chosen.stream().map(t -> new SmsIndex.Ref(t.message().messageId(), t.part().partNo(),
                    now)).toList()); // not stored: still QUEUED
            throw e;
        }
        chosen.stream().filter(t -> !marked.contains(t)).forEach(t -> inFlight.get(t.smsc()).release());
        Map<String, List<SmsPart>> encoded = new HashMap<>();
        for (Taken t : marked) {
            submit(t, encoded);
        }
        return true;
    }

    private void submit(Taken t, Map<String, List<SmsPart>> encoded) {
        OutboxMessage m = t.message();
        OutboxMessage.Part p = t.part();
        try {
            SmsPart part = p.userData() != null
                    ? SmsPart.binaryWithHeader(HexFormat.of().parseHex(p.userData()), m.protocolId(), m.dataCoding())
                    : encoded.computeIfAbsent(m.messageId(), id -> SmsEncoder.text(m.text(), m.concatRef(), false))
                            .get(p.partNo() - 1);
            links.get(t.smsc()).submitPart(SmppAddress.msisdn(m.msisdn()), part, p.partNo(), p.userRef())
                    .whenComplete((smscId, failure) -> record(t, smscId, failure));
        } catch (PhoneCodecException | IllegalArgumentException | IndexOutOfBoundsException e) {
            record(t, null, e);
        }
    }

    private void record(Taken t, String smscId, Throwable failure) {
        String id = t.message().messageId();
        int n = t.part().partNo();
        Throwable cause = failure instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : failure;
        if (smscId != null) {
            recent.answered(t.smsc(), smscId, id, n);
        }
        writes.submit(b -> {
            if (cause == null) {
                outbox.submitted(b, id, n, smscId);
            } else if (cause instanceof SubmitException se && se.outcomeUnknown()) {
                outbox.outcomeUnknown(b, id, n);
            } else if (cause instanceof SubmitException se && se.commandStatus() != 0) {
                outbox.refused(b, id, n, se.commandStatus());
            } else if (cause instanceof SubmitException) {
                outbox.requeue(b, id, n, Instant.now()); // the link closed before writing it
            } else {
                outbox.refused(b, id, n, 0); // not encodable, not sendable: logged below, never on the wire
            }
            return null;
        }).whenComplete((done, writeFailure) -> {
            inFlight.get(t.smsc()).release();
            wake();
            if (smscId != null) {
                recent.stored(t.smsc(), smscId);
            }
            if (writeFailure != null) {
                LOG.error("SMS {} part {}: its outcome could not be stored ({}); it stays SUBMITTING and becomes"
                        + " OUTCOME_UNKNOWN at the next start", id, n, writeFailure.getMessage());
            }
        });
        if (cause != null) {
            LOG.info("SMS {} part {} via {}: {}", id, n, t.smsc(), cause instanceof SubmitException
                    ? cause.getMessage() : cause.getClass().getSimpleName());
        }
    }

    /** Something may be sendable now (a message was queued, a window slot came free): look at once, not at the poll. */
    void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    private String boundSmsc(String msisdn) {
        for (String name : router.smscsFor(msisdn)) {
            SmscLink link = links.get(name);
            if (link != null && link.isBound()) {
                // the preferred bound SMSC, or none this round when its window is full (failover is for links down)
                return inFlight.get(name).tryAcquire() ? name : null;
            }
        }
        return null;
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
