package io.tapbus.samples.smsc;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jsmpp.session.SMPPServerSession;

/**
 * The SMSC: jSMPP's server sessions on 127.0.0.1 ({@link SmppPort}); binds and bound sessions are {@link EsmeSessions}'.
 * It can drop every connection, go down (close the port) and come back. Submits are handled by {@link SubmitHandler},
 * receipts by {@link ReceiptSender}, incoming messages by {@link MoSender}.
 */
public final class SmscSimulator implements AutoCloseable {

    /** SMPP 3.4 ESME_RBINDFAIL: bind failed (an unknown system_id). */
    public static final int ESME_RBINDFAIL = EsmeSessions.ESME_RBINDFAIL;
    /** SMPP 3.4 ESME_RINVPASWD: invalid password. */
    public static final int ESME_RINVPASWD = EsmeSessions.ESME_RINVPASWD;

    private final SmscOptions options;
    private final Consumer<String> out;
    private final Behaviour behaviour;
    private final Stats stats = new Stats();
    private final MoRoundTrips roundTrips = new MoRoundTrips();
    private final MessagePrinter printer;
    private final ReceiptSender receipts;
    private final SubmitHandler handler;
    private final MoSender mo;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "smsc-timer"));
    private final EsmeSessions sessions;
    private final CountDownLatch closed = new CountDownLatch(1);
    private SmppPort listener;
    private ScheduledFuture<?> comeBack;
    private int port;

    public SmscSimulator(SmscOptions options, Consumer<String> out) {
        this.options = options;
        this.out = out;
        this.behaviour = new Behaviour(options);
        this.printer = new MessagePrinter(options, out);
        this.receipts = new ReceiptSender(this, behaviour, stats, out, printer.enabled());
        this.handler = new SubmitHandler(behaviour, stats, printer, receipts, options.logEvery(), out, this, roundTrips);
        this.mo = new MoSender(this, stats, options.shortCode(), roundTrips);
        this.port = options.port();
        this.sessions = new EsmeSessions(options, stats, out, timer);
        sessions.onReceiverBound(receipts::flushPending);
    }

    public SmscSimulator start() throws IOException {
        open();
        timer.scheduleWithFixedDelay(() -> {
            if (receipts.pending() > 0 && receiver(null).isPresent()) {
                receipts.flushPending(); // receipts whose deliver_sm went unanswered, tried again
            }
        }, 5, 5, TimeUnit.SECONDS);
        if (options.quiet()) {
            timer.scheduleAtFixedRate(new Runnable() {
                private String last = "";

                @Override
                public void run() {
                    String line = statsLine();
                    if (!line.equals(last)) {
                        out.accept(line);
                        last = line;
                    }
                }
            }, 10, 10, TimeUnit.SECONDS);
        }
        return this;
    }

    private synchronized void open() throws IOException {
        SmppPort l = new SmppPort(port, handler);
        port = l.port();
        listener = l;
        Thread acceptor = daemon(() -> acceptLoop(l), "smsc-accept");
        acceptor.start();
    }

    private void acceptLoop(SmppPort l) {
        while (isCurrent(l)) {
            try {
                sessions.accepted(l.accept());
            } catch (IOException e) {
                if (!isCurrent(l)) {
                    return; // closed by down or close
                }
            } catch (RuntimeException e) {
                out.accept("accept failed: " + e.getClass().getSimpleName());
            }
        }
    }

    private synchronized boolean isCurrent(SmppPort l) {
        return listener == l;
    }

    /** The session receipts and incoming messages go to: the preferred one if it still receives, else any. */
    Optional<SMPPServerSession> receiver(SMPPServerSession preferred) {
        return sessions.receiver(preferred);
    }

    /** Closes every connection, as a network failure would; binds are accepted again at once. */
    public int drop() {
        stats.drops.increment();
        return closeAll();
    }

    private int closeAll() {
        return sessions.closeAll();
    }

    /** Closes the port and every connection; connections are refused until {@link #up} or after {@code seconds}. */
    public synchronized void down(long seconds) {
        closeListener();
        closeAll();
        if (comeBack != null) {
            comeBack.cancel(false);
        }
        comeBack = timer.schedule(() -> {
            try {
                up();
            } catch (IOException e) {
                out.accept("could not listen again on port " + port + ": " + e.getMessage());
            }
        }, seconds, TimeUnit.SECONDS);
    }

    /** Listens again after {@link #down}; true when it was down. */
    public synchronized boolean up() throws IOException {
        if (comeBack != null) {
            comeBack.cancel(false);
            comeBack = null;
        }
        if (listener != null || closed.getCount() == 0) {
            return false;
        }
        open();
        out.accept("up: SMPP on 127.0.0.1:" + port + " again");
        return true;
    }

    public synchronized boolean isUp() {
        return listener != null;
    }

    private synchronized void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                // closing anyway
            }
            listener = null;
        }
    }

    public synchronized int port() {
        return port;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    public Stats stats() {
        return stats;
    }

    public MoSender mo() {
        return mo;
    }

    int boundCount() {
        return sessions.boundCount();
    }

    public String statsLine() {
        return stats.line(sessions.boundCount(), receipts.pending()) + "; " + (isUp() ? "up" : "DOWN") + "; " + behaviour;
    }

    /** The incoming commands' round trips (JSON), see {@link MoRoundTrips}. */
    public String roundTripsJson() {
        return roundTrips.json();
    }

    /** For a new benchmark run: forgets the round trips and restarts the in-flight peak from now. */
    public void benchReset() {
        roundTrips.reset();
        stats.resetPeak();
    }

    public String statsJson() {
        return stats.json(sessions.boundCount(), receipts.pending(), isUp());
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            closed.countDown();
            closeListener();
        }
        sessions.close();
        receipts.close();
        timer.shutdownNow();
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
