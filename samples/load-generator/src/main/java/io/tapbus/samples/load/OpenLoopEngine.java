package io.tapbus.samples.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The open-loop sender: a fixed set of keep-alive connections ("lanes") on a few Netty event-loop threads. A step's
 * requests are precomputed ({@link Step}); each event loop runs one sender task that writes every request of its lanes
 * when its intended send time has come and reschedules itself for the next one, never waiting for answers, so a lane
 * may have many requests in flight (the reader protocol and HTTP/1.1 both answer in order per connection). Answers are
 * matched to the oldest request in flight on their lane, checked ({@link ReplyCheck}) and timed from the request's
 * intended send time into a per-loop HdrHistogram: there is no coordinated omission.
 */
final class OpenLoopEngine implements AutoCloseable {

    enum Protocol { READER, HTTP }

    /** Checks one answer; null when it is the expected one, else a short kind ("DECLINED VELOCITY_EXCEEDED", "HTTP_500"). */
    interface ReplyCheck {
        String check(Step step, int index, int lane, Object reply);
    }

    private final String host;
    private final int port;
    private final Protocol protocol;
    private final ReplyCheck check;
    private final long timeoutNanos;
    private final EventLoopGroup group;
    private final List<Lane> lanes = new ArrayList<>();
    private final Map<EventLoop, Loop> loops = new IdentityHashMap<>();
    private final AtomicLong answered = new AtomicLong();

    OpenLoopEngine(String host, int port, Protocol protocol, int threads, ReplyCheck check, long timeoutMillis) {
        this.host = host;
        this.port = port;
        this.protocol = protocol;
        this.check = check;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    /** Opens {@code count} connections, {@code parallel} at a time; fails when one cannot be opened. */
    void connect(int count, int parallel) throws IOException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        for (int from = 0; from < count; from += parallel) {
            List<ChannelFuture> pending = new ArrayList<>();
            List<Lane> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + parallel); i++) {
                Lane lane = new Lane(i);
                batch.add(lane);
                pending.add(bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (protocol == Protocol.READER) {
                            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(4096, 3, 2, 0, 0));
                        } else {
                            ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
                        }
                        ch.pipeline().addLast(lane);
                    }
                }).connect(host, port));
            }
            for (int i = 0; i < pending.size(); i++) {
                ChannelFuture f = pending.get(i).awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new IOException("cannot open connection " + (from + i + 1) + " of " + count + " to " + host + ":"
                            + port + ": " + f.cause(), f.cause());
                }
                Lane lane = batch.get(i);
                lane.channel = f.channel();
                lane.loop = loops.computeIfAbsent(f.channel().eventLoop(), Loop::new);
                lanes.add(lane);
            }
        }
    }

    int connections() {
        return lanes.size();
    }

    /**
     * Sends the step open loop, waits until every request is answered (or the reply timeout after its last intended send
     * time passed), and returns what it measured. Requests still unanswered count as TIMEOUT; their answers, should they
     * come later, are ignored.
     */
    StepResult run(Step step) throws InterruptedException {
        answered.set(0);
        Map<Loop, int[]> indices = new HashMap<>();
        int[] perLoop = new int[0];
        Map<Loop, Integer> counts = new HashMap<>();
        for (int i = 0; i < step.count; i++) {
            counts.merge(lanes.get(step.lane[i]).loop, 1, Integer::sum);
        }
        Map<Loop, Integer> filled = new HashMap<>();
        for (Map.Entry<Loop, Integer> e : counts.entrySet()) {
            indices.put(e.getKey(), new int[e.getValue()]);
            filled.put(e.getKey(), 0);
        }
        for (int i = 0; i < step.count; i++) {
            Loop loop = lanes.get(step.lane[i]).loop;
            int at = filled.get(loop);
            indices.get(loop)[at] = i;
            filled.put(loop, at + 1);
        }
        CpuClock cpu = CpuClock.start();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        for (Loop loop : loops.values()) {
            int[] mine = indices.getOrDefault(loop, perLoop);
            loop.eventLoop.execute(() -> loop.begin(step, start, mine));
        }
        long lastIntended = start + (step.count == 0 ? 0 : step.offsetNanos[step.count - 1]);
        long deadline = lastIntended + timeoutNanos;
        while (answered.get() < step.count && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long end = System.nanoTime();
        CpuClock.Sample used = cpu.stop();
        Histogram histogram = new Histogram(3);
        Map<String, Long> wrong = new TreeMap<>();
        long ok = 0;
        long got = 0;
        for (Loop loop : loops.values()) {
            Future<Loop.Stats> f = loop.eventLoop.submit(loop::finish);
            Loop.Stats stats;
            try {
                stats = f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            histogram.add(stats.histogram);
            stats.wrong.forEach((k, v) -> wrong.merge(k, v, Long::sum));
            ok += stats.ok;
            got += stats.answered;
        }
        long unanswered = step.count - got;
        if (unanswered > 0) {
            wrong.merge("TIMEOUT", unanswered, Long::sum);
        }
        long wrongCount = wrong.values().stream().mapToLong(Long::longValue).sum();
        double wall = (end - start) / 1e9;
        double sendWindow = Math.max(step.seconds, 1e-9);
        return new StepResult(step.id, step.warmUp, step.rate, step.count, got, ok, wrongCount, wrong,
                ms(histogram, 50), ms(histogram, 90), ms(histogram, 99), ms(histogram, 99.9),
                histogram.getTotalCount() == 0 ? 0 : round3(histogram.getMaxValue() / 1000.0),
                round3(wall), round3(used.cpuSeconds()), round4(used.share(wall)), round3(got / Math.max(wall, sendWindow)));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : round3(h.getValueAtPercentile(percentile) / 1000.0);
    }

    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double round4(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            if (lane.channel != null) {
                lane.channel.close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Process CPU time (all threads of this JVM) against wall time and the machine's processors. */
    static final class CpuClock {
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

    /** One event loop: its sender task and what its lanes measured in the current step. Touched only on its thread. */
    private final class Loop implements Runnable {
        final EventLoop eventLoop;
        Step step;
        long start;
        int[] order = new int[0];
        int next;
        boolean active;
        Stats stats = new Stats();
        final List<Lane> dirty = new ArrayList<>();

        final class Stats {
            final Histogram histogram = new Histogram(3);
            final Map<String, Long> wrong = new HashMap<>();
            long ok;
            long answered;
        }

        Loop(EventLoop eventLoop) {
            this.eventLoop = eventLoop;
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

    /** One connection: the FIFO of its requests in flight (step id and index), on its event loop only. */
    private final class Lane extends ChannelInboundHandlerAdapter {
        final int id;
        Channel channel;
        Loop loop;
        boolean dirty;
        volatile boolean closed;
        private long[] fifo = new long[64];
        private int head;
        private int size;

        Lane(int id) {
            this.id = id;
        }

        @Override
        public boolean isSharable() {
            return false;
        }

        void push(int stepId, int index) {
            if (size == fifo.length) {
                long[] bigger = new long[fifo.length * 2];
                for (int k = 0; k < size; k++) {
                    bigger[k] = fifo[(head + k) % fifo.length];
                }
                fifo = bigger;
                head = 0;
            }
            fifo[(head + size) % fifo.length] = ((long) stepId << 32) | (index & 0xFFFFFFFFL);
            size++;
        }

        long pop() {
            if (size == 0) {
                return -1;
            }
            long e = fifo[head];
            head = (head + 1) % fifo.length;
            size--;
            return e;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                long e = pop();
                if (e < 0) {
                    return; // an answer nobody asked for (e.g. an ERROR before the server closes): nothing to match
                }
                loop.answer((int) (e >>> 32), (int) e, id, msg);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed = true;
            if (loop == null) {
                return;
            }
            long e;
            while ((e = pop()) >= 0) {
                loop.lost((int) (e >>> 32), "CONNECTION_CLOSED");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
