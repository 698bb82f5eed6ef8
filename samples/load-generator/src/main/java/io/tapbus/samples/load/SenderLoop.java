package io.tapbus.samples.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One event loop of the open-loop sender: its sender task, which writes each request of its lanes when its intended
 * send time has come and reschedules itself for the next one, and what its lanes measured in the current step. Touched
 * only on its thread.
 */
final class SenderLoop implements Runnable {
    final EventLoop eventLoop;
    /** Every lane of the engine, by id (the step names a request's lane by id). */
    private final List<Lane> lanes;
    /** Answers of the current step over all loops (what the engine waits for). */
    private final AtomicLong answered;
    private final OpenLoopEngine.ReplyCheck check;
    Step step;
    long start;
    int[] order = new int[0];
    int next;
    boolean active;
    Stats stats = new Stats();
    final List<Lane> dirty = new ArrayList<>();

    /** What this loop's lanes measured in one step. */
    static final class Stats {
        final Histogram histogram = new Histogram(3);
        final Map<String, Long> wrong = new HashMap<>();
        long ok;
        long answered;
    }

    SenderLoop(EventLoop eventLoop, List<Lane> lanes, AtomicLong answered, OpenLoopEngine.ReplyCheck check) {
        this.eventLoop = eventLoop;
        this.lanes = lanes;
        this.answered = answered;
        this.check = check;
    }

    void begin(Step step, long start, int[] order) {
        this.step = step;
        this.start = start;
        this.order = order;
        this.next = 0;
        this.active = true;
        this.stats = new Stats();
        run();
    }

    Stats finish() {
        active = false;
        Stats done = stats;
        stats = new Stats();
        step = null;
        return done;
    }

    @Override
    public void run() {
        if (!active) {
            return;
        }
        long now = System.nanoTime();
        while (next < order.length) {
            int i = order[next];
            long due = start + step.offsetNanos[i];
            if (due > now) {
                break;
            }
            Lane lane = lanes.get(step.lane[i]);
            if (lane.closed) {
                wrong("CONNECTION_CLOSED");
                answered.incrementAndGet();
                stats.answered++;
            } else {
                lane.push(step.id, i);
                lane.channel.write(Unpooled.wrappedBuffer(step.payload[i]), lane.channel.voidPromise());
                if (!lane.dirty) {
                    lane.dirty = true;
                    dirty.add(lane);
                }
            }
            next++;
        }
        for (Lane lane : dirty) {
            lane.dirty = false;
            lane.channel.flush();
        }
        dirty.clear();
        if (next < order.length) {
            long due = start + step.offsetNanos[order[next]];
            eventLoop.schedule(this, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    void answer(int stepId, int index, int laneId, Object reply) {
        if (step == null || stepId != step.id) {
            return; // a late answer of a step that is over: it was counted as TIMEOUT
        }
        long latencyMicros = (System.nanoTime() - (start + step.offsetNanos[index])) / 1000;
        stats.histogram.recordValue(Math.max(0, latencyMicros));
        String problem;
        try {
            problem = check.check(step, index, laneId, reply);
        } catch (RuntimeException e) {
            problem = "INVALID_REPLY";
        }
        if (problem == null) {
            stats.ok++;
        } else {
            wrong(problem);
        }
        stats.answered++;
        answered.incrementAndGet();
    }

    void lost(int stepId, String kind) {
        if (step != null && stepId == step.id) {
            wrong(kind);
            stats.answered++;
            answered.incrementAndGet();
        }
    }

    private void wrong(String kind) {
        stats.wrong.merge(kind, 1L, Long::sum);
    }
}
