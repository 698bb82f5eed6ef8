package io.tapbus.runtime.phone;

import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the writer's memory of the outbox bounded: every few seconds, messages final for a while are forgotten
 * (thread "sms-forgetter"). First the tables catch up with the journal, so a message read back later (a late receipt)
 * is read as the writer last made it; the writer forgets only a message unchanged since before the catch-up.
 */
final class SmsForgetter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmsForgetter.class);
    private static final Duration PERIOD = Duration.ofSeconds(5);
    /** How long a final message stays in memory (a receipt that follows a final one finds it there). */
    private static final Duration KEEP = Duration.ofSeconds(20);
    private static final int MAX_PER_ROUND = 50_000;

    private final WritePath writes;
    private final SmsOutbox outbox;
    private final SmsIndex index;
    private final Thread thread;
    private volatile boolean running = true;

    SmsForgetter(WritePath writes, SmsOutbox outbox, SmsIndex index) {
        this.writes = writes;
        this.outbox = outbox;
        this.index = index;
        this.thread = new Thread(this::run, "sms-forgetter");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(PERIOD.toMillis());
                forgetSome();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.debug("SMS forgetter: {} ({}); next round", e.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** One round; returns how many messages were forgotten. */
    int forgetSome() {
        Instant cutoff = Instant.now().minus(KEEP);
        List<SmsIndex.Finished> done = index.finishedBefore(cutoff, MAX_PER_ROUND);
        if (done.isEmpty()) {
            return 0;
        }
        writes.catchUp(); // every change made before the cutoff is in the tables now
        return writes.execute(b -> outbox.forget(b, done, cutoff));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
