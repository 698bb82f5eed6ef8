package io.tapbus.connector.phone;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

/**
 * An SMSC for tests: jSMPP's own server API on a free loopback port. It records every bind and submit_sm, answers
 * with message ids "M1", "M2"..., and can delay its answers, throttle, refuse binds and drop the connection.
 */
final class TestSmsc extends SubmitOnlySmsc implements AutoCloseable {

    /** A bind as the SMSC saw it. */
    record Bind(String systemId, String password, String systemType) {
    }

    /** ESME_RBINDFAIL. */
    static final int BIND_FAILED = 0x0000000D;

    final List<Bind> binds = new CopyOnWriteArrayList<>();
    /** Every submit_sm received, throttled ones included. */
    final List<SubmitSm> received = new CopyOnWriteArrayList<>();
    /** The submit_sm answered with a message id, in the order of their ids. */
    final List<SubmitSm> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger maxOutstanding = new AtomicInteger();
    volatile long answerDelayMillis;
    /** Throttle the n-th submit_sm received (from 1) when true: ESME_RTHROTTLED if n is odd, else ESME_RMSGQFUL. */
    volatile IntPredicate throttle = n -> false;
    /** Drop the connection, unanswered, when the n-th submit_sm is received (from 1); 0 never. */
    volatile int dropAt;
    final AtomicInteger refuseBinds = new AtomicInteger();
    final AtomicInteger enquireLinks = new AtomicInteger();
    /** A command_status every submit_sm is refused with; 0 accepts. */
    volatile int refuseWith;

    private final SMPPServerSessionListener listener;
    private final Thread acceptor;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    TestSmsc() throws IOException {
        this(null);
    }

    /** On {@code connections} (TLS in SmscTlsTest); null: plain TCP. */
    TestSmsc(org.jsmpp.session.connection.ServerConnectionFactory connections) throws IOException {
        listener = connections == null ? new SMPPServerSessionListener(freePort())
                : new SMPPServerSessionListener(freePort(), connections);
        listener.setPduProcessorDegree(16); // more than any window under test: the window must come from the link
        listener.setMessageReceiverListener(this);
        acceptor = new Thread(this::acceptLoop, "test-smsc");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getPort();
    }

    /** The session bound last. */
    SMPPServerSession session() {
        return sessions.get(sessions.size() - 1);
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                BindRequest bind = session.waitForBind(5000);
                binds.add(new Bind(bind.getSystemId(), bind.getPassword(), bind.getSystemType()));
                if (refuseBinds.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    bind.reject(BIND_FAILED);
                    session.close();
                } else {
                    bind.accept("test-smsc");
                    sessions.add(session);
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession session)
            throws ProcessRequestException {
        received.add(submitSm);
        int n = received.size();
        maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
        try {
            if (n == dropAt) {
                session.close();
                throw new ProcessRequestException("dropped", 0x08);
            }
            sleep(answerDelayMillis);
            if (refuseWith != 0) {
                throw new ProcessRequestException("refused", refuseWith);
            }
            if (throttle.test(n)) {
                // both throttling answers of SMPP 3.4, taking turns
                throw new ProcessRequestException("throttled",
                        n % 2 == 0 ? SmscLink.ESME_RMSGQFUL : SmscLink.ESME_RTHROTTLED);
            }
            synchronized (accepted) {
                accepted.add(submitSm);
                return new SubmitSmResult(new MessageId("M" + ids.incrementAndGet()), new OptionalParameter[0]);
            }
        } catch (org.jsmpp.PDUStringException e) {
            throw new IllegalStateException(e);
        } finally {
            outstanding.decrementAndGet();
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        sessions.forEach(SMPPServerSession::close);
        listener.close();
    }

    @Override
    public void onAcceptEnquireLink(org.jsmpp.bean.EnquireLink enquireLink, Session source) {
        enquireLinks.incrementAndGet();
    }

}
