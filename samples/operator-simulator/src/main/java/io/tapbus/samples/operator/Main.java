package io.tapbus.samples.operator;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;

/** bin/tapbus operator-sim: runs the operator simulator until interrupted. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        int exit = run(args, System.out, System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** 0 after --help, 2 for unusable options; otherwise runs until the JVM stops. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String host = "127.0.0.1";
        int port = 7700;
        String clientId = OperatorSimulator.DEMO_CLIENT_ID;
        String secret = System.getenv().getOrDefault("OPERATOR_SIM_CLIENT_SECRET", OperatorSimulator.DEMO_CLIENT_SECRET);
        OperatorState state;
        java.util.List<String[]> swaps = new java.util.ArrayList<>();
        String device = null;
        String prefix = "+";
        Integer monitored = null;
        long ttl = 3600;
        BigDecimal limit = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> {
                        help(out);
                        return 0;
                    }
                    case "--host" -> host = args[++i];
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--client-id" -> clientId = args[++i];
                    case "--sim-swap" -> swaps.add(args[++i].split("=", 2));
                    case "--device" -> device = args[++i];
                    case "--served-prefix" -> prefix = args[++i];
                    case "--monitored-days" -> monitored = Integer.parseInt(args[++i]);
                    case "--token-ttl-seconds" -> ttl = Long.parseLong(args[++i]);
                    case "--billing-limit" -> limit = new BigDecimal(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            state = new OperatorState(clientId, secret, Clock.systemUTC());
            for (String[] swap : swaps) {
                if (swap.length != 2 || !Exchange.E164.matcher(swap[0]).matches()) {
                    throw new IllegalArgumentException("--sim-swap wants +NUMBER=HOURSh or +NUMBER=RFC3339-date-time");
                }
                state.simSwap(swap[0], swap[1].endsWith("h") ? state.now().minus(Duration.ofMinutes(
                        Math.round(Double.parseDouble(swap[1].substring(0, swap[1].length() - 1)) * 60)))
                        : OffsetDateTime.parse(swap[1]).toInstant());
            }
            if (device != null && !Exchange.E164.matcher(device).matches()) {
                throw new IllegalArgumentException("--device wants an E.164 number");
            }
        } catch (RuntimeException e) {
            String why = e instanceof ArrayIndexOutOfBoundsException ? args[args.length - 1] + " needs a value" : e.getMessage();
            err.println("operator-sim: " + why + " (bin/tapbus operator-sim --help)");
            return 2;
        }
        state.deviceNumber(device);
        state.servedPrefix(prefix);
        state.monitoredPeriodDays(monitored);
        state.tokenTtl(Duration.ofSeconds(ttl));
        try (OperatorSimulator sim = OperatorSimulator.start(host, port, state)) {
            if (limit != null) {
                sim.billingLimit(limit);
            }
            out.println("operator simulator on " + sim.apiRoot() + " (token endpoint " + sim.tokenUrl() + ", client " + clientId + ")");
            new CountDownLatch(1).await();
        }
        return 0;
    }

    private static void help(PrintStream out) {
        out.println("""
                bin/tapbus operator-sim [options]   a mobile operator's CAMARA APIs on one HTTP port (samples/operator-simulator)
                  --host H                 listen address (default 127.0.0.1)
                  --port N                 HTTP port (default 7700)
                  --client-id ID           the API client TapBus authenticates as (default tapbus-demo); its secret is
                                           OPERATOR_SIM_CLIENT_SECRET, else the demo secret demo-operator-secret
                  --sim-swap +NUMBER=3h    the number's SIM changed 3 hours ago (or =2026-12-07T10:00:00Z); repeatable
                  --device +NUMBER         the number Number Verification finds on the device
                  --served-prefix +86      numbers outside it answer 404 IDENTIFIER_NOT_FOUND (default: all)
                  --monitored-days N       SIM changes older than N days are not disclosed (latestSimChange null)
                  --token-ttl-seconds N    access token lifetime (default 3600)
                  --billing-limit AMOUNT   carrier billing payments above it are denied (major units, default 500)
                Endpoints: POST /oauth2/token, /sim-swap/v1/check|retrieve-date, /number-verification/v1/verify,
                GET /number-verification/v1/device-phone-number, /carrier-billing/v0.4/payments[/prepare|/ID/confirm|/ID/cancel],
                /carrier-billing-refund/v0.2/payments/ID/refunds; state changes under /control (see README.md).""");
    }
}
