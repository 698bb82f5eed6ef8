package io.tapbus.samples.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Polls the simulator's /stats every 100 ms: when the submits went out. */
final class SmscSampler {

/** The simulator's submit counter, read once. */
interface Submits {
    long read() throws IOException;
}

private final Submits submitsNow;
private final PrintStream log;

SmscSampler(Submits submitsNow, PrintStream log) {
    this.submitsNow = submitsNow;
    this.log = log;
}

    private final List<long[]> samples = new ArrayList<>(); // {nanoTime, submits}
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::loop, "sms-bench-smsc-stats");

    SmscSampler start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                long submits = submitsNow.read();
                synchronized (samples) {
                    samples.add(new long[] {System.nanoTime(), submits});
                }
                Thread.sleep(100);
            } catch (IOException e) {
                log.println("bench: SMSC stats: " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    /** Submits per second from the first sample that saw one of this run's to the first that saw them all. */
    double sustained(long base, long total) {
        synchronized (samples) {
            long[] first = null;
            long[] lastBefore = null;
            for (long[] s : samples) {
                if (s[1] == base) {
                    lastBefore = s;
                }
                if (first == null && s[1] > base) {
                    first = lastBefore != null ? lastBefore : s;
                }
                if (first != null && s[1] >= base + total) {
                    double secs = (s[0] - first[0]) / 1e9;
                    return secs <= 0 ? 0 : StepReport.round3((s[1] - first[1]) / secs);
                }
            }
            return 0;
        }
    }

    /** Submits per second between two instants (the samples nearest them). */
    double rateBetween(long from, long to) {
        synchronized (samples) {
            long[] a = nearest(from);
            long[] b = nearest(to);
            return a == null || b == null || b[0] <= a[0] ? 0 : StepReport.round3((b[1] - a[1]) / ((b[0] - a[0]) / 1e9));
        }
    }

    /** Seconds from {@code from} until the SMSC had {@code reached} submits. */
    double secondsAfter(long from, long reached) {
        synchronized (samples) {
            for (long[] s : samples) {
                if (s[1] >= reached) {
                    return StepReport.round3(Math.max(0, (s[0] - from) / 1e9));
                }
            }
            return -1;
        }
    }

    private long[] nearest(long t) {
        long[] best = null;
        for (long[] s : samples) {
            if (best == null || Math.abs(s[0] - t) < Math.abs(best[0] - t)) {
                best = s;
            }
        }
        return best;
    }
}
