package io.tapbus.samples.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.connector.card.pcsc.CardSession;
import io.tapbus.connector.card.sim.SimulatedReaders;
import io.tapbus.connector.card.sim.TapBusSimProvider;
import io.tapbus.connector.reader.PaymentResponse;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderBasket;
import io.tapbus.connector.reader.ReaderConstants;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReasonCode;
import java.io.PrintStream;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.smartcardio.CardException;
import javax.smartcardio.TerminalFactory;

/**
 * The PC/SC reader agent: watches a card terminal (a real one through the platform's PC/SC, or the {@code TapBusSim}
 * simulator), and for each card runs a {@link PaymentExchange} over the reader protocol, printing one JSON line per
 * tap on stdout. {@code agent} watches until stopped (or taps once with {@code --once}); {@code pay} is one tap of a
 * simulated card, with {@code --forge-arqc} and {@code --replay} (one real payment, then the same card data again) for
 * scripted demos.
 *
 * <p>Exit codes of a single tap ({@code --once}, {@code pay}): 0 a PAYMENT_RESPONSE came (any verdict), 3 an ERROR
 * reply, 1 no usable reply or no reader, 2 usage error, 4 the card could not be used (no TapBus application, card
 * error, no card in time). With {@code --replay} the last exchange decides.
 */
public final class ReaderAgent {

    static final int EXIT_CARD_UNUSABLE = 4;
    static final String SIM_TERMINAL = "TapBus Sim Reader 0";

    static final String USAGE = """
            usage: agent --reader ID (--key HEX | --key-file PATH | --master-key HEX | --master-key-file PATH)
                         --amount MINOR [--currency CNY] [--country 156] [--merchant-category NNNN]
                         [--provider pcsc|sim] [--terminal NAME] [--once] [--wait-seconds 30]
                         [--host 127.0.0.1] [--port 7400] [--timeout-ms 5000]
                         with --provider sim: [--issuer-key-file PATH [--issuer-key-label LABEL]] [--sim-pan DIGITS]
                         [--sim-psn NN] [--sim-expiry YYMM] [--sim-balance MINOR] [--sim-atc HEX] [--sim-no-app]
                   pay   the options of agent --provider sim --once, and [--correlation-id ID] [--forge-arqc] [--replay]
                         [--basket FILE.json [--coupon CODE[,CODE...]]] (then --amount may be left out: the basket's total)
              --provider pcsc  the platform's PC/SC readers (default); sim: a simulated reader with a TapBus card
              --forge-arqc     flip one bit of the card's ARQC (expect %1$s %2$s)
              --basket         the lines bought ([{"sku","category","quantity","unitPriceMinor"}]); the bus prices them
                               with the basket-pricing rules and charges the total minus the offers
              --replay         first one real payment with the card (it pays, the balance changes), then the same card
                               data (ATC, ARQC) again as a new payment under a new correlationId (expect %1$s %3$s)"""
            .formatted(PaymentResponse.Verdict.DECLINED, ReasonCode.CRYPTOGRAM_INVALID, ReasonCode.ATC_REPLAYED);

    private static final Set<String> CONNECTION_OPTIONS = Set.of("host", "port", "reader", "timeout-ms");
    private static final Set<String> PAYMENT_OPTIONS = Set.of("amount", "currency", "country", "merchant-category");
    private static final Set<String> AGENT_OPTIONS = Set.of("provider", "terminal", "wait-seconds");
    private static final Duration SIM_CARD_INTERVAL = Duration.ofSeconds(1);

    /** What happens between two taps: wait for the card to leave (PC/SC), or take the simulated card away and back. */
    interface Presenter {
        void afterTap() throws CardException, InterruptedException;
    }

    private final CardReaderAgent cards;
    private final PaymentExchange exchange;
    private final PrintStream out;
    private final PrintStream err;

    ReaderAgent(CardReaderAgent cards, PaymentExchange exchange, PrintStream out, PrintStream err) {
        this.cards = cards;
        this.exchange = exchange;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code agent ...} or {@code pay ...} and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0 || !args[0].equals("agent") && !args[0].equals("pay")) {
                throw new UsageException("give a command: agent or pay");
            }
            boolean pay = args[0].equals("pay");
            if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
                out.println(USAGE);
                return ReaderSimulator.EXIT_OK;
            }
            CommandLine line = CommandLine.parse(args, 1, options(pay), flags(pay));
            return start(line, pay, out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ReaderSimulator.EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReaderSimulator.EXIT_FAILED;
        }
    }

    private static int start(CommandLine line, boolean pay, PrintStream out, PrintStream err)
            throws UsageException, InterruptedException {
        String readerId = line.required("reader");
        if (!ReaderFrameCodec.isValidReaderId(readerId)) {
            throw new UsageException("--reader must be 1..32 characters of [A-Za-z0-9._-]");
        }
        byte[] key = KeyOptions.from(line, true).keyFor(readerId);
        String host = line.get("host", "127.0.0.1");
        int port = line.intValue("port", ReaderConstants.DEFAULT_PORT, 1, 65535);
        Duration timeout = Duration.ofMillis(line.longValue("timeout-ms", 5000, 1, 600_000));
        PaymentExchange.Terminal terminal = terminal(line, pay ? BasketOptions.from(line) : null);
        String provider = pay ? "sim" : line.get("provider", "pcsc");
        if (!provider.equals("sim") && !provider.equals("pcsc")) {
            throw new UsageException("--provider must be pcsc or sim");
        }
        SimulatedCardOptions simCard = null;
        if (provider.equals("sim")) {
            simCard = SimulatedCardOptions.from(line);
        } else if (line.flag(SimulatedCardOptions.NO_APP_FLAG)
                || SimulatedCardOptions.OPTIONS.stream().anyMatch(line::has)) {
            throw new UsageException("--issuer-key-file and the --sim-* options go with --provider sim");
        }
        boolean once = pay || line.flag("once");
        Duration wait = Duration.ofSeconds(line.longValue("wait-seconds", 30, 1, 86_400));

        PaymentExchange exchange = new PaymentExchange(terminal,
                () -> new ReaderClient(host, port, readerId, key, timeout), Clock.systemDefaultZone(),
                line.flag("forge-arqc"), line.flag("replay"));
        CardReaderAgent cards;
        Presenter presenter;
        try {
            if (simCard != null) {
                if (simCard.usesDemoKey()) {
                    err.println("agent: the simulated card is personalised from the DEMO issuer master key");
                }
                SimulatedReaders readers = new SimulatedReaders(SIM_TERMINAL);
                TerminalFactory factory = TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider());
                cards = CardReaderAgent.forTerminal(factory, line.get("terminal", null));
                SimulatedCardOptions card = simCard;
                readers.terminal(cards.terminalName()).insert(card.newCard());
                presenter = () -> {
                    readers.terminal(cards.terminalName()).remove();
                    Thread.sleep(SIM_CARD_INTERVAL.toMillis());
                    readers.terminal(cards.terminalName()).insert(card.newCard());
                };
            } else {
                cards = CardReaderAgent.forTerminal(platformPcsc(), line.get("terminal", null));
                CardReaderAgent watched = cards;
                presenter = () -> {
                    while (!watched.awaitRemoval(Duration.ofSeconds(1))) {
                        // the card is still on the reader; a new tap needs a new presentation
                    }
                };
            }
        } catch (CardException | NoSuchAlgorithmException | IllegalArgumentException e) {
            err.println("error: no card reader: " + e.getMessage());
            return ReaderSimulator.EXIT_FAILED;
        }
        ReaderAgent agent = new ReaderAgent(cards, exchange, out, err);
        err.println("agent: reader " + readerId + " on terminal '" + cards.terminalName() + "', bus " + host + ":" + port);
        if (once) {
            return agent.tapOnce(wait, line.get("correlation-id", null));
        }
        agent.watch(presenter);
        return ReaderSimulator.EXIT_OK;
    }

    /**
     * The platform's PC/SC provider. {@code TerminalFactory.getDefault()} is chosen once per JVM, when javax.smartcardio
     * is first used: if pcscd did not run then, it is the "None" factory for good, so PC/SC is then asked for by type.
     */
    static TerminalFactory platformPcsc() throws NoSuchAlgorithmException {
        TerminalFactory factory = TerminalFactory.getDefault();
        return factory.getType().equals("PC/SC") ? factory : TerminalFactory.getInstance("PC/SC", null);
    }

    /** Waits up to {@code wait} for a card, runs one payment with it, prints the outcome; returns the exit code. */
    int tapOnce(Duration wait, String correlationId) {
        Optional<CardSession> session;
        try {
            session = cards.awaitCard(wait);
        } catch (CardException e) {
            err.println("error: the card reader failed: " + e.getMessage());
            return ReaderSimulator.EXIT_FAILED;
        }
        if (session.isEmpty()) {
            ObjectNode line = PaymentExchange.JSON.createObjectNode();
            line.put("terminal", cards.terminalName());
            line.put("status", "NO_CARD");
            line.put("detail", "no card within " + wait.toSeconds() + " s");
            print(line);
            return EXIT_CARD_UNUSABLE;
        }
        try (CardSession card = session.get()) {
            List<PaymentExchange.Outcome> outcomes = exchange.run(card, cards.terminalName(), correlationId);
            outcomes.forEach(outcome -> print(outcome.line()));
            return exitCode(outcomes.get(outcomes.size() - 1).ending());
        }
    }

    /** Taps every card presented until the thread is interrupted (Ctrl-C ends the JVM). */
    void watch(Presenter presenter) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Optional<CardSession> session = cards.awaitCard(Duration.ofSeconds(5));
                if (session.isEmpty()) {
                    continue;
                }
                try (CardSession card = session.get()) {
                    exchange.run(card, cards.terminalName(), null).forEach(outcome -> print(outcome.line()));
                }
                presenter.afterTap();
            } catch (CardException e) {
                err.println("agent: the card reader failed: " + e.getMessage() + "; retrying");
                Thread.sleep(1000);
            }
        }
    }

    static int exitCode(PaymentExchange.Ending ending) {
        return switch (ending) {
            case RESPONSE -> ReaderSimulator.EXIT_OK;
            case ERROR_REPLY -> ReaderSimulator.EXIT_ERROR_REPLY;
            case NO_REPLY -> ReaderSimulator.EXIT_FAILED;
            case CARD_UNUSABLE -> EXIT_CARD_UNUSABLE;
        };
    }

    private void print(ObjectNode line) {
        try {
            out.println(PaymentExchange.JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String verdict = line.path("verdict").asText(line.path("error").asText(line.path("status").asText()));
        err.println("<- " + verdict + " (" + line.path("status").asText() + ", pan " + line.path("pan").asText("-")
                + ", atc " + line.path("atc").asText("-") + ")");
    }

    private static PaymentExchange.Terminal terminal(CommandLine line, ReaderBasket basket) throws UsageException {
        if (basket == null) {
            line.required("amount");
        }
        long amount = line.longValue("amount", basket == null ? 0 : basket.totalMinor(), 1, 999_999_999_999L);
        if (basket != null && amount != basket.totalMinor()) {
            throw new UsageException("--amount " + amount + " is not the basket's total " + basket.totalMinor());
        }
        String currency = line.get("currency", "CNY");
        int numeric;
        try {
            numeric = currency.matches("[A-Z]{3}") ? Currency.getInstance(currency).getNumericCode() : -1;
        } catch (IllegalArgumentException e) {
            numeric = -1;
        }
        if (numeric <= 0) {
            throw new UsageException("--currency must be an ISO 4217 code such as CNY");
        }
        int country = line.intValue("country", 156, 0, 999);
        String mcc = line.get("merchant-category", null);
        if (mcc != null && !mcc.matches("[0-9]{4}")) {
            throw new UsageException("--merchant-category must be 4 digits");
        }
        return new PaymentExchange.Terminal(amount, currency, numeric, country, mcc, basket);
    }

    private static Set<String> options(boolean pay) {
        Set<String> names = new HashSet<>(CONNECTION_OPTIONS);
        names.addAll(KeyOptions.NAMES);
        names.addAll(PAYMENT_OPTIONS);
        names.addAll(SimulatedCardOptions.OPTIONS);
        if (pay) {
            names.add("correlation-id");
            names.add(BasketOptions.BASKET);
            names.add(BasketOptions.COUPON);
        } else {
            names.addAll(AGENT_OPTIONS);
        }
        return names;
    }

    private static Set<String> flags(boolean pay) {
        return pay ? Set.of("forge-arqc", "replay", SimulatedCardOptions.NO_APP_FLAG)
                : Set.of("once", SimulatedCardOptions.NO_APP_FLAG);
    }
}
