package io.tapbus.samples.load;

import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.ReaderKeys;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.samples.reader.PaymentLoadGenerator;
import io.tapbus.samples.reader.ReaderLoadGenerator;
import io.tapbus.samples.reader.SimulatedCardOptions;
import io.tapbus.samples.reader.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code tapbus-load-generator.jar bench --flow taps|payments|bank-payments|scans (--find-max | --rate N --duration-seconds S)}:
 * the open-loop load generator. {@code bench} without {@code --flow} runs the closed-loop generators of
 * samples/reader-simulator ({@code bench [--payments]}), unchanged.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static Path home() {
        String home = System.getProperty("tapbus.home");
        if (home == null) {
            home = System.getenv("TAPBUS_HOME");
        }
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        int from = args.length > 0 && args[0].equals("bench") ? 1 : 0;
        List<String> rest = Arrays.asList(args).subList(from, args.length);
        if (BenchOptions.wantsHelp(args)) {
            out.println(BenchOptions.USAGE);
            out.println(SmsBench.USAGE);
            out.println(CheckoutBench.USAGE);
            out.println();
            out.println(ReaderLoadGenerator.USAGE);
            out.println(PaymentLoadGenerator.USAGE);
            return Summary.EXIT_OK;
        }
        if (SmsBench.wants(rest)) {
            return SmsBench.run(rest, home(), out, err);
        }
        if (CheckoutBench.wants(rest)) {
            return CheckoutBench.run(rest, home(), out, err);
        }
        boolean open = rest.stream().anyMatch(a -> a.equals("--flow") || a.startsWith("--flow=") || a.equals("--find-max")
                || a.equals("--rate") || a.startsWith("--rate="));
        if (!open) {
            return ReaderLoadGenerator.run(args, out, err);
        }
        BenchOptions o;
        try {
            o = BenchOptions.parse(args, from, home());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(BenchOptions.USAGE);
            return Summary.EXIT_USAGE;
        }
        try {
            return new Bench(o, null, out, err).run();
        } catch (SetUpException e) {
            err.println("bench: " + e.getMessage());
            return e.exit;
        }
    }

    /** Set-up failed: unusable keys (usage, 2) or the bus refused or could not be reached (1). */
    static final class SetUpException extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;

        SetUpException(String message, int exit) {
            super(message);
            this.exit = exit;
        }
    }

    /** One bench run: set-up, connections, steps, summary. {@code flow} given by tests (fake target), else built here. */
    static final class Bench {
        private final BenchOptions o;
        private Flow flow;
        private final PrintStream out;
        private final PrintStream err;

        Bench(BenchOptions o, Flow flow, PrintStream out, PrintStream err) {
            this.o = o;
            this.flow = flow;
            this.out = out;
            this.err = err;
        }

        int run() throws SetUpException {
            Rest rest = null;
            try {
                if (flow == null) {
                    rest = new Rest(o.api, readSecret(o.adminKeyFile, "--admin-key-file"), 16);
                    flow = build(rest);
                    err.printf("bench: --flow %s: set-up through %s%n", o.flow, o.api);
                    flow.setUp();
                }
            } catch (IOException | UncheckedIOException e) {
                if (rest != null) {
                    rest.close();
                }
                throw new SetUpException("set-up failed: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                        + " (is the bus running? bin/tapbus run; for bank-payments also -Dtapbus.bank.enabled=true and bin/tapbus bank-sim)",
                        Summary.EXIT_WRONG);
            }
            if (o.writeUrls != null) {
                try {
                    ((ScanFlow) flow).writeUrls(o.writeUrls, o.count);
                } catch (IOException e) {
                    throw new SetUpException("cannot write " + o.writeUrls + ": " + e.getMessage(), Summary.EXIT_WRONG);
                } finally {
                    if (rest != null) {
                        rest.close();
                    }
                }
                err.printf("bench: %d scan URLs written to %s%n", o.count, o.writeUrls);
                out.println("{\"flow\":\"scans\",\"mode\":\"write-urls\",\"urls\":" + o.count + ",\"file\":\""
                        + o.writeUrls.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
                return Summary.EXIT_OK;
            }
            List<StepResult> steps = new ArrayList<>();
            try (OpenLoopEngine engine = new OpenLoopEngine(flow.host(), flow.port(), flow.protocol(), o.threads, flow,
                    o.timeoutMs)) {
                long began = System.nanoTime();
                engine.connect(flow.connections(), 128);
                err.printf("bench: %d connections open to %s:%d in %.1f s (%d event-loop threads)%n", engine.connections(),
                        flow.host(), flow.port(), (System.nanoTime() - began) / 1e9, o.threads);
                int[] id = {0};
                FindMax.StepRunner runner = (rate, seconds, warmUp) -> {
                    long prep = System.nanoTime();
                    Step step = flow.prepare(++id[0], rate, seconds, warmUp);
                    double prepSeconds = (System.nanoTime() - prep) / 1e9;
                    if (prepSeconds > 1) {
                        err.printf("bench: step %d precomputed (%d requests) in %.1f s%n", step.id, step.count, prepSeconds);
                    }
                    return engine.run(step);
                };
                Map<String, Object> summary;
                if (o.findMax) {
                    FindMax.Config c = new FindMax.Config(o.startRate, o.rateFactor, o.maxRate, o.stepSeconds,
                            o.warmupSeconds, o.p99LimitMs, o.maxSeconds, o.retries);
                    FindMax.Outcome outcome = FindMax.run(c, runner, err, System::nanoTime);
                    steps.addAll(outcome.steps());
                    summary = Summary.findMax(o.flow, c, outcome, flow.describe());
                    err.printf("bench: --flow %s: max %s/s with p99 <= %s ms (%s)%n", o.flow,
                            FindMax.fmt(((Number) summary.get("maxRatePerSecond")).doubleValue()), FindMax.fmt(o.p99LimitMs),
                            outcome.stoppedBecause());
                } else {
                    double warmed = 0;
                    while (warmed < o.warmupSeconds - 1e-9) {
                        double s = Math.min(o.stepSeconds, o.warmupSeconds - warmed);
                        StepResult r = runner.run(o.rate, s, true);
                        steps.add(r);
                        err.println(FindMax.line("warm-up", r, o.p99LimitMs));
                        warmed += s;
                    }
                    StepResult r = runner.run(o.rate, o.durationSeconds, false);
                    steps.add(r);
                    err.println(FindMax.line("fixed rate", r, o.p99LimitMs));
                    summary = Summary.fixedRate(o.flow, steps, flow.describe());
                }
                try {
                    flow.finish();
                } catch (IOException e) {
                    err.println("bench: could not save the generator's state: " + e.getMessage());
                }
                int exit = Summary.exitCode(summary);
                if (exit == Summary.EXIT_WRONG) {
                    err.println("bench: wrong answers: " + summary.get("wrongAnswerKinds") + hint(summary));
                }
                out.println(Summary.line(summary));
                out.flush();
                return exit;
            } catch (IOException e) {
                throw new SetUpException(e.getMessage(), Summary.EXIT_WRONG);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new SetUpException("failed: " + e, Summary.EXIT_WRONG);
            } finally {
                if (rest != null) {
                    rest.close();
                }
            }
        }

        private static String hint(Map<String, Object> summary) {
            String kinds = String.valueOf(summary.get("wrongAnswerKinds"));
            StringBuilder h = new StringBuilder();
            if (kinds.contains(ReasonCode.VELOCITY_EXCEEDED.name())) {
                h.append("; " + ReasonCode.VELOCITY_EXCEEDED + ": a card paid more often in ten minutes than payment-limits.csv allows"
                        + " (lower --payments-per-card, or the state file was lost: see the README)");
            }
            if (kinds.contains("ATC")) {
                h.append("; replayed ATCs: the state file does not match this bus (delete it together with data/)");
            }
            if (kinds.contains("ERROR UNKNOWN_READER")) {
                h.append("; unknown readers: raise -Dtapbus.demo.bench-readers or let the bench register them");
            }
            if (kinds.contains("BANK") || kinds.contains("ISSUER")) {
                h.append("; bank-payments need -Dtapbus.bank.enabled=true and bin/tapbus bank-sim running");
            }
            return h.toString();
        }

        private Flow build(Rest rest) throws IOException, SetUpException {
            BenchState state = new BenchState(o.stateFile);
            switch (o.flow) {
                case "scans":
                    return new ScanFlow(o, rest, err);
                case "taps":
                    return new TapFlow(o, rest, state, masterKey(), err);
                case "tickets":
                    return new TicketFlow(o, rest, masterKey(), err);
                default:
                    return new PaymentFlow(o, rest, state, masterKey(), issuerKey(), o.flow.equals("bank-payments"), err);
            }
        }

        private byte[] masterKey() throws SetUpException {
            try {
                return ReaderKeys.readHexKeyFile(o.masterKeyFile);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new SetUpException(e.getMessage(), Summary.EXIT_USAGE);
            }
        }

        private byte[] issuerKey() throws SetUpException {
            if (o.issuerKeyFile == null) {
                return Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY);
            }
            try {
                return SimulatedCardOptions.readIssuerKey(o.issuerKeyFile, o.issuerKeyLabel);
            } catch (UsageException e) {
                throw new SetUpException(e.getMessage(), Summary.EXIT_USAGE);
            }
        }

        private static String readSecret(Path file, String option) throws IOException {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new IOException("cannot read " + option + " " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
