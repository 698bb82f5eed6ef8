package io.tapbus.samples.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open-loop sender: a fixed set of keep-alive connections ("lanes") on a few Netty event-loop threads. A step's
 * requests are precomputed ({@link Step}); each event loop runs one sender task that writes every request of its lanes
 * when its intended send time has come and reschedules itself for the next one, never waiting for answers, so a lane
 * may have many requests in flight (the reader protocol and HTTP/1.1 both answer in order per connection). Answers are
 * matched to the oldest request in flight on their lane, checked ({@link ReplyCheck}) and timed from the request's
 * intended send time into a per-loop HdrHistogram: there is no coordinated omission.
 *
 * <p>This class opens the connections and runs the steps; {@link SenderLoop} sends and measures on each event loop,
 * {@link Lane} is one connection and {@link StepReport} merges the loops' measurements into the step's result.
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
    private final Map<EventLoop, SenderLoop> loops = new IdentityHashMap<>();
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
                lane.loop = loops.computeIfAbsent(f.channel().eventLoop(), el -> new SenderLoop(el, lanes, answered, check));
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
        Map<SenderLoop, int[]> indices = new HashMap<>();
        int[] perLoop = new int[0];
        Map<SenderLoop, Integer> counts = new HashMap<>();
        for (int i = 0; i < step.count; i++) {
            counts.merge(lanes.get(step.lane[i]).loop, 1, Integer::sum);
        }
        Map<SenderLoop, Integer> filled = new HashMap<>();
        for (Map.Entry<SenderLoop, Integer> e : counts.entrySet()) {
            indices.put(e.getKey(), new int[e.getValue()]);
            filled.put(e.getKey(), 0);
        }
        for (int i = 0; i < step.count; i++) {
            SenderLoop loop = lanes.get(step.lane[i]).loop;
            int at = filled.get(loop);
            indices.get(loop)[at] = i;
            filled.put(loop, at + 1);
        }
        CpuClock cpu = CpuClock.start();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        for (SenderLoop loop : loops.values()) {
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
        StepReport report = new StepReport();
        for (SenderLoop loop : loops.values()) {
            Future<SenderLoop.Stats> f = loop.eventLoop.submit(loop::finish);
            try {
                report.add(f.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return report.result(step, start, end, used);
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
}
