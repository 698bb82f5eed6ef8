package io.tapbus.connector.phone;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ESME link to one SMSC (SMPP 3.4, jSMPP's {@link SMPPSession}): bound as a transceiver, kept alive with
 * enquire_link, bound again with a backoff when the connection drops or the bind is refused. {@link #submit} sends
 * the parts of one message with at most {@code window} submit_sm in flight over the whole link; a part the SMSC
 * throttles (ESME_RTHROTTLED, ESME_RMSGQFUL) is sent again, the same part, after a backoff. A part that has not been
 * written when the link is down waits for the next bind. Incoming deliver_sm go to a {@link DeliverSmHandler}.
 */
public final class SmscLink implements AutoCloseable {

    public static final int ESME_RTHROTTLED = 0x00000058;
    public static final int ESME_RMSGQFUL = 0x00000014;
    private static final Logger LOG = LoggerFactory.getLogger(SmscLink.class);
    /**
     * jSMPP's threads for incoming PDUs (its default is 3) and their queue (default 100). Receipts and incoming texts
     * are answered only once stored, so each of these threads waits for a durable write; submit_sm_resp PDUs go
     * through the same threads. With 3, at most 3 receipts could share one write batch and the responses to our
     * submits waited behind them (measured: ~90 SMS/s, bench --flow sms in docs/benchmarks.md).
     */
    static final int PDU_THREADS = 64;
    static final int PDU_QUEUE = 2000;

    private final SmscAccount account;
    private final LinkSettings settings;
    private final SubmitSettings submitSettings;
    private final DeliverSmHandler handler;
    private final ExecutorService window;
    private final Thread binder;
    private final Object lock = new Object();
    private SMPPSession session;
    private volatile boolean running = true;
    private int binds;
    private volatile org.jsmpp.session.connection.ConnectionFactory connections;

    public SmscLink(SmscAccount account, LinkSettings settings, SubmitSettings submitSettings,
            ReceiptListener receipts, IncomingListener incoming) {
        this.account = account;
        this.settings = settings;
        this.submitSettings = submitSettings;
        this.handler = new DeliverSmHandler(receipts, incoming);
        this.window = Executors.newFixedThreadPool(settings.window(),
                r -> daemon(r, "smpp-submit-" + account.systemId()));
        this.binder = daemon(this::bindLoop, "smpp-bind-" + account.systemId());
    }

    /** Connects over TLS ({@link SmscTls}) instead of plain TCP; call before {@link #start}. Null: plain TCP. */
    public SmscLink useTls(SmscTls tls) {
        this.connections = tls;
        return this;
    }

    /** Starts binding in the background; {@link #submit} waits for the bind. */
    public SmscLink start() {
        binder.start();
        return this;
    }

    /** True while bound. */
    public boolean isBound() {
        synchronized (lock) {
            return session != null && session.getSessionState().isBound();
        }
    }

    /** How many binds succeeded so far (the first and every rebind). */
    public int binds() {
        synchronized (lock) {
            return binds;
        }
    }

    /**
     * Sends the parts of one message to {@code destination}; completes with the SMSC's message id of each part, in
     * part order, or with a {@link SubmitException} for the first part that failed.
     */
    public CompletableFuture<List<String>> submit(SmppAddress destination, List<SmsPart> parts) {
        if (!running) {
            return CompletableFuture.failedFuture(SubmitException.stopped(1));
        }
        List<CompletableFuture<String>> each = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            int number = i + 1;
            SmsPart part = parts.get(i);
            each.add(CompletableFuture.supplyAsync(() -> submitPart(destination, part, number), window));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Sends one part (number {@code number} of its message, for log lines) with the user_message_reference TLV
     * (0x0204) set to {@code userMessageReference} (0-65535): the sender's own correlation, which an SMSC may
     * echo in the part's delivery receipt. Completes with the SMSC's message id, or a {@link SubmitException}.
     */
    public CompletableFuture<String> submitPart(SmppAddress destination, SmsPart part, int number,
            int userMessageReference) {
        if (!running) {
            return CompletableFuture.failedFuture(SubmitException.stopped(number));
        }
        OptionalParameter reference = new OptionalParameter.User_message_reference((short) userMessageReference);
        return CompletableFuture.supplyAsync(() -> submitPart(destination, part, number, reference), window);
    }

    private String submitPart(SmppAddress destination, SmsPart part, int number, OptionalParameter... tlvs) {
        int throttled = 0;
        while (running) {
            SMPPSession s = awaitBound();
            if (s == null) {
                break;
            }
            try {
                return send(s, destination, part, tlvs).getMessageId();
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                if (status != ESME_RTHROTTLED && status != ESME_RMSGQFUL) {
                    throw SubmitException.refused(number, status);
                }
                Duration wait = settings.throttled().delay(throttled++);
                LOG.info("{}: part {} throttled (0x{}), sent again in {} ms", account, number,
                        Integer.toHexString(status), wait.toMillis());
                sleep(wait);
            } catch (ResponseTimeoutException | InvalidResponseException e) {
                throw SubmitException.unknown(number, e);
            } catch (IOException e) {
                // not written: jSMPP found the session closed, or the write failed; the part waits for the next bind
                LOG.info("{}: part {} not sent ({}), waiting for the link", account, number, e.getMessage());
                sleep(settings.throttled().first());
            } catch (PDUException e) {
                throw new PhoneCodecException(PhoneCodecException.Problem.BAD_ADDRESS,
                        "submit_sm refused by jSMPP: " + e.getMessage());
            }
        }
        throw SubmitException.stopped(number);
    }

    private org.jsmpp.session.SubmitSmResult send(SMPPSession s, SmppAddress destination, SmsPart part,
            OptionalParameter... tlvs)
            throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException,
            IOException {
        SmppAddress source = submitSettings.source();
        return s.submitShortMessage(submitSettings.serviceType(), TypeOfNumber.valueOf((byte) source.ton()),
                NumberingPlanIndicator.valueOf((byte) source.npi()), source.address(),
                TypeOfNumber.valueOf((byte) destination.ton()),
                NumberingPlanIndicator.valueOf((byte) destination.npi()), destination.address(),
                new ESMClass(part.esmClass()), (byte) part.protocolId(), (byte) 0, null, null,
                new RegisteredDelivery(submitSettings.registeredDelivery()), (byte) 0,
                DataCodings.newInstance((byte) part.dataCoding()), (byte) 0,
                part.shortMessage(submitSettings.packedSeptets()), tlvs);
    }

    private SMPPSession awaitBound() {
        synchronized (lock) {
            while (running && (session == null || !session.getSessionState().isBound())) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return running ? session : null;
        }
    }

    private void bindLoop() {
        int attempt = 0;
        while (running) {
            SMPPSession s = newSession();
            CountDownLatch closed = new CountDownLatch(1);
            s.addSessionStateListener((now, before, source) -> {
                if (now == SessionState.CLOSED || before.isBound() && !now.isBound()) {
                    closed.countDown();
                }
            });
            try {
                s.connectAndBind(account.host(), account.port(), new BindParameter(BindType.BIND_TRX,
                        account.systemId(), account.password(), account.systemType(), TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null), settings.responseTimeout().toMillis());
                LOG.info("{}: bound as transceiver", account);
                attempt = 0;
                synchronized (lock) {
                    session = s;
                    binds++;
                    lock.notifyAll();
                }
                closed.await();
                LOG.warn("{}: link lost ({})", account, s.getSessionState());
            } catch (IOException e) {
                LOG.warn("{}: bind failed: {}", account, bindFailure(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                synchronized (lock) {
                    if (session == s) {
                        session = null;
                    }
                }
                s.close();
            }
            if (running) {
                Duration wait = settings.reconnect().delay(attempt++);
                LOG.info("{}: binding again in {} ms", account, wait.toMillis());
                sleep(wait);
            }
        }
    }

    private SMPPSession newSession() {
        SMPPSession s = connections == null ? new SMPPSession() : new SMPPSession(connections);
        s.setEnquireLinkTimer((int) settings.enquireLinkInterval().toMillis());
        s.setTransactionTimer(settings.responseTimeout().toMillis());
        s.setMessageReceiverListener(handler);
        s.setPduProcessorDegree(PDU_THREADS);
        s.setQueueCapacity(PDU_QUEUE);
        return s;
    }

    /** A refused bind by its command_status; the exception text may quote the PDU, so only the status is logged. */
    private static String bindFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException n) {
                return String.format("refused with command_status 0x%08X", n.getCommandStatus());
            }
        }
        return e.getClass().getSimpleName() + " " + e.getMessage();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Unbinds and stops; parts still waiting fail with a {@link SubmitException}. */
    @Override
    public void close() {
        running = false;
        SMPPSession s;
        synchronized (lock) {
            s = session;
            lock.notifyAll();
        }
        if (s != null) {
            s.unbindAndClose();
        }
        binder.interrupt();
        window.shutdownNow();
        try {
            binder.join(TimeUnit.SECONDS.toMillis(5));
            window.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
