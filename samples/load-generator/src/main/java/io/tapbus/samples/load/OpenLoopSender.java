package io.tapbus.samples.load;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** The SMS benches' open-loop sending: request i at its intended time, latency measured from that time. */
final class OpenLoopSender {

    private OpenLoopSender() {
    }

    interface Call {
        HttpResponse<String> send(int i) throws IOException;
    }

    interface Check {
        String wrong(HttpResponse<String> r);
    }

    /** What the sending threads measured: latency from each request's intended time, answers by kind. */
    static final class Sent {
        final Histogram latency = new ConcurrentHistogram(3);
        final LongAdder ok = new LongAdder();
        final LongAdder answered = new LongAdder();
        final Map<String, Long> wrong = new ConcurrentHashMap<>();
        long startNanos;
        long endNanos;
        CpuClock.Sample cpu;

        StepResult result(double rate, int count, Map<String, Long> kinds) {
            double wall = (endNanos - startNanos) / 1e9;
            long wrongCount = kinds.values().stream().mapToLong(Long::longValue).sum();
            return new StepResult(1, false, rate, count, answered.sum(), ok.sum(), wrongCount, kinds, ms(latency, 50),
                    ms(latency, 90), ms(latency, 99), ms(latency, 99.9), StepReport.round3(latency.getMaxValue() / 1000.0),
                    StepReport.round3(wall), StepReport.round3(cpu.cpuSeconds()), StepReport.round4(cpu.share(wall)),
                    StepReport.round3(answered.sum() / Math.max(wall, 1e-9)));
        }
    }

    /** Request i goes at start + i/rate (its intended time) from one of {@code threads} threads, whatever came back. */
    static Sent send(int count, double rate, int threads, Call call, Check check) throws InterruptedException {
        Sent s = new Sent();
        AtomicInteger next = new AtomicInteger();
        CpuClock clock = CpuClock.start();
        long start = System.nanoTime() + 20_000_000L;
        s.startNanos = start;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long intended = start + Math.round(i * 1e9 / rate);
                    for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    String bad;
                    try {
                        HttpResponse<String> r = call.send(i);
                        s.answered.increment();
                        bad = check.wrong(r);
                    } catch (IOException e) {
                        bad = "HTTP_FAILED";
                    }
                    s.latency.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                    if (bad == null) {
                        s.ok.increment();
                    } else {
                        s.wrong.merge(bad, 1L, Long::sum);
                    }
                }
            }, "sms-bench-" + t);
            w.setDaemon(true);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        s.endNanos = System.nanoTime();
        s.cpu = clock.stop();
        return s;
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : StepReport.round3(h.getValueAtPercentile(percentile) / 1000.0);
    }
}
