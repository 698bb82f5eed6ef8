package io.tapbus.samples.load;

import java.lang.management.ManagementFactory;

/** Process CPU time (all threads of this JVM) against wall time and the machine's processors. */
final class CpuClock {
    private final long cpuStart;
    private final long wallStart;

    private CpuClock(long cpuStart, long wallStart) {
        this.cpuStart = cpuStart;
        this.wallStart = wallStart;
    }

    static CpuClock start() {
        return new CpuClock(processCpuNanos(), System.nanoTime());
    }

    record Sample(long cpuNanos, long wallNanos, int processors) {
        double cpuSeconds() {
            return cpuNanos / 1e9;
        }

        double share(double wallSeconds) {
            return wallSeconds <= 0 ? 0 : Math.min(1.0, Math.max(0.0, cpuSeconds() / (wallSeconds * processors)));
        }
    }

    Sample stop() {
        return new Sample(processCpuNanos() - cpuStart, System.nanoTime() - wallStart,
                Runtime.getRuntime().availableProcessors());
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        // fallback: the threads' CPU time
        long sum = 0;
        var threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }
}
