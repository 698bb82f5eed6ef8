package io.tapbus.samples.operator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A mobile operator's API exposure on one HTTP port: token endpoint, SIM Swap, Number Verification, Carrier
 * Billing (and its refunds), and the control endpoint. Start it, point TapBus's {@code tapbus.operator.*} settings
 * at {@link #apiRoot()} and {@link #tokenUrl()}, change its state through {@link #state()} or /control.
 */
public final class OperatorSimulator implements AutoCloseable {
    /** DEMO credentials of the simulator's one API client. */
    public static final String DEMO_CLIENT_ID = "tapbus-demo";
    public static final String DEMO_CLIENT_SECRET = "demo-operator-secret";

    private final OperatorState state;
    private final BillingBook book = new BillingBook();
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "operator-sim");
        t.setDaemon(true);
        return t;
    });

    private OperatorSimulator(OperatorState state, String host, int port) throws IOException {
        this.state = state;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext(TokenEndpoint.PATH, new TokenEndpoint(state));
        server.createContext(SimSwapApi.BASE + "/", new SimSwapApi(state));
        server.createContext(NumberVerificationApi.BASE + "/", new NumberVerificationApi(state));
        server.createContext(CarrierBillingApi.BASE + "/", new CarrierBillingApi(state, book, CarrierBillingApi.BASE));
        server.createContext(CarrierBillingApi.REFUND_BASE + "/", new CarrierBillingApi(state, book, CarrierBillingApi.REFUND_BASE));
        server.createContext(ControlApi.PATH + "/", new ControlApi(state, book));
        server.setExecutor(workers);
    }

    /** Starts on {@code host:port} (port 0: any free port) with the demo client. */
    public static OperatorSimulator start(String host, int port) throws IOException {
        return start(host, port, new OperatorState(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, Clock.systemUTC()));
    }

    public static OperatorSimulator start(String host, int port, OperatorState state) throws IOException {
        OperatorSimulator sim = new OperatorSimulator(state, host, port);
        sim.server.start();
        return sim;
    }

    public OperatorState state() {
        return state;
    }

    /** Carrier billing payments above this many major units are denied (default 500). */
    public void billingLimit(BigDecimal major) {
        book.lineLimit(major);
    }

    /** The status of a carrier billing payment, null when unknown. */
    public String paymentStatus(String paymentId) {
        BillingBook.Payment p = book.find(paymentId);
        return p == null ? null : p.status;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI apiRoot() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    public URI tokenUrl() {
        return URI.create(apiRoot() + TokenEndpoint.PATH);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
