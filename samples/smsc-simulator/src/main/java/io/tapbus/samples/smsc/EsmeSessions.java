package io.tapbus.samples.smsc;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jsmpp.bean.BindType;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;

/**
 * The ESMEs' connections to the simulated SMSC: each accepted session's bind checked against the configured account
 * (SMPP 3.4 ESME_RBINDFAIL for an unknown system_id, ESME_RINVPASWD for a wrong password), the bound sessions kept
 * until they unbind or close, and which of them receipts and incoming messages go to.
 */
final class EsmeSessions {
    /** SMPP 3.4 ESME_RBINDFAIL: bind failed (an unknown system_id). */
    static final int ESME_RBINDFAIL = 0x0000000D;
    /** SMPP 3.4 ESME_RINVPASWD: invalid password. */
    static final int ESME_RINVPASWD = 0x0000000E;

    /** A bound ESME session. */
    record Bound(SMPPServerSession session, BindType type, String systemId) {
        boolean receives() {
            return type == BindType.BIND_RX || type == BindType.BIND_TRX;
        }
    }

    private final SmscOptions options;
    private final Stats stats;
    private final Consumer<String> out;
    private final ScheduledExecutorService timer;
    private final List<Bound> bound = new CopyOnWriteArrayList<>();
    private final Set<SMPPServerSession> connected = ConcurrentHashMap.newKeySet();
    private final ExecutorService binders = Executors.newCachedThreadPool(r -> SmscSimulator.daemon(r, "smsc-bind"));
    private Runnable onReceiverBound = () -> { };

    EsmeSessions(SmscOptions options, Stats stats, Consumer<String> out, ScheduledExecutorService timer) {
        this.options = options;
        this.stats = stats;
        this.out = out;
        this.timer = timer;
    }

    /** What to do when a session that receives has bound (send the receipts waiting for one). */
    void onReceiverBound(Runnable action) {
        this.onReceiverBound = action;
    }

    /** A new connection: its bind is awaited and checked on another thread. */
    void accepted(SMPPServerSession session) {
        connected.add(session);
        binders.execute(() -> bind(session));
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(10000);
            String kind = kind(request.getBindType());
            if (!options.systemId().equals(request.getSystemId())) {
                refuse(session, request, ESME_RBINDFAIL, kind + " refused: unknown system_id '" + request.getSystemId()
                        + "' (ESME_RBINDFAIL 0x0D)");
                return;
            }
            if (!options.password().equals(request.getPassword())) {
                refuse(session, request, ESME_RINVPASWD, kind + " refused: wrong password for '"
                        + request.getSystemId() + "' (ESME_RINVPASWD 0x0E)");
                return;
            }
            request.accept("tapbus-smsc");
            Bound b = new Bound(session, request.getBindType(), request.getSystemId());
            bound.add(b);
            session.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
                    if (bound.remove(b)) {
                        out.accept("unbound: " + kind + " " + b.systemId() + " (" + bound.size() + " bound)");
                    }
                    connected.remove(session);
                }
            });
            stats.binds.increment();
            out.accept("bound: " + kind + " " + b.systemId() + " (" + bound.size() + " bound)");
            if (b.receives()) {
                onReceiverBound.run();
            }
        } catch (Exception e) {
            out.accept("connection closed before a bind completed (" + e.getClass().getSimpleName() + ")");
            session.close();
            connected.remove(session);
        }
    }

    private void refuse(SMPPServerSession session, BindRequest request, int status, String line) throws IOException {
        stats.bindsRefused.increment();
        out.accept("bind " + line);
        request.reject(status);
        // closed a moment later, as SMSCs do: closing at once can reset the connection before the ESME read the answer
        timer.schedule(() -> {
            session.close();
            connected.remove(session);
        }, 500, TimeUnit.MILLISECONDS);
    }

    private static String kind(BindType type) {
        return switch (type) {
            case BIND_TX -> "transmitter";
            case BIND_RX -> "receiver";
            case BIND_TRX -> "transceiver";
        };
    }

    /** The session receipts and incoming messages go to: the preferred one if it still receives, else any. */
    Optional<SMPPServerSession> receiver(SMPPServerSession preferred) {
        Bound any = null;
        for (Bound b : bound) {
            if (b.receives()) {
                if (b.session() == preferred) {
                    return Optional.of(preferred);
                }
                if (any == null) {
                    any = b;
                }
            }
        }
        return Optional.ofNullable(any).map(Bound::session);
    }

    int boundCount() {
        return bound.size();
    }

    /** Closes every connection; how many there were. */
    int closeAll() {
        int n = connected.size();
        for (SMPPServerSession s : connected) {
            s.close();
        }
        connected.clear();
        bound.clear();
        return n;
    }

    void close() {
        closeAll();
        binders.shutdownNow();
    }
}
