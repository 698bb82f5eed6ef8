package io.tapbus.samples.reader;

import io.tapbus.connector.common.Hex;
import io.tapbus.connector.reader.ReaderConstants;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;

/**
 * The parameters of one payment bench run ({@code bench --payments}), validated, and how cards are shared out among
 * the reader connections.
 *
 * @param cards        how many bench cards, numbered 1..cards (the bus's demo data seeds 16 of each funding)
 * @param bank         the bank-funded bench cards (ISO 8583 to the bank host) instead of the stored-value ones
 * @param issuerKey    the IMK-AC the simulated cards are personalised from (the bus must hold the same key)
 * @param demoIssuerKey whether {@code issuerKey} is the built-in demo key (no --issuer-key-file)
 * @param atcStart     every card's ATC before its first payment of this run (the first ARQC carries atcStart + 1)
 * @param atcFile      where the highest ATC of each funding is kept between runs ({@code --atc-file}), or null
 * @param cardWrites   complete each approved payment on the card (UPDATE RECORD) and report it (CARD_WRITE_RESULT)
 */
record PaymentBenchPlan(String host, int port, KeyOptions keys, int readers, int cards, boolean bank, long amountMinor,
                        String currency, int currencyNumeric, int country, String merchantCategory, byte[] issuerKey,
                        boolean demoIssuerKey, int atcStart, Path atcFile, boolean cardWrites, long durationSeconds,
                        long warmupSeconds, long maxPayments, Duration timeout) {

    /** The flag that turns {@code bench} into the payment benchmark. */
    static final String PAYMENTS_FLAG = "payments";
    static final Set<String> OPTIONS = Set.of("host", "port", "master-key", "master-key-file", "readers", "cards", "amount",
            "currency", "country", "merchant-category", "issuer-key-file", "issuer-key-label", "atc-start", "atc-file",
            "duration-seconds", "warmup-seconds", "max-payments", "timeout-ms");
    static final Set<String> FLAGS = Set.of(PAYMENTS_FLAG, "bank", "card-writes");

    /** As many bench cards of each funding as the bus's demo data seeds (DemoSeeder, R-BENCH readers' merchant). */
    static final int SEEDED_CARDS = 16;
    /** The last ATC a TapBus card uses: at FFFF it refuses GENERATE AC. */
    static final int LAST_ATC = 0xFFFF;
    static final String PSN = "00";
    static final String EXPIRY = "3012";

    static PaymentBenchPlan from(CommandLine line) throws UsageException {
        int readers = line.intValue("readers", SEEDED_CARDS, 1, 999);
        int cards = line.intValue("cards", SEEDED_CARDS, 1, 99);
        if (readers > cards) {
            throw new UsageException("--readers (" + readers + ") must not exceed --cards (" + cards
                    + "): a card is at one reader at a time, so each reader needs a card of its own");
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
        String mcc = line.get("merchant-category", null);
        if (mcc != null && !mcc.matches("[0-9]{4}")) {
            throw new UsageException("--merchant-category must be 4 digits");
        }
        if (!line.has("issuer-key-file") && line.has("issuer-key-label")) {
            throw new UsageException("--issuer-key-label needs --issuer-key-file");
        }
        byte[] issuerKey = line.has("issuer-key-file")
                ? SimulatedCardOptions.readIssuerKey(Path.of(line.required("issuer-key-file")), line.get("issuer-key-label", null))
                : Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY);
        boolean bank = line.flag("bank");
        Path atcFile = line.has("atc-file") ? Path.of(line.required("atc-file")) : null;
        Integer saved = atcFile == null ? null : AtcFile.read(atcFile, funding(bank));
        int atcStart = saved != null ? saved
                : line.has("atc-start") ? parseAtc(line.required("atc-start")) : clockAtc(Instant.now());
        return new PaymentBenchPlan(
                line.get("host", "127.0.0.1"),
                line.intValue("port", ReaderConstants.DEFAULT_PORT, 1, 65535),
                KeyOptions.from(line, false),
                readers,
                cards,
                bank,
                line.longValue("amount", 1, 1, 999_999_999_999L),
                currency,
                numeric,
                line.intValue("country", 156, 0, 999),
                mcc,
                issuerKey,
                !line.has("issuer-key-file"),
                atcStart,
                atcFile,
                line.flag("card-writes"),
                line.longValue("duration-seconds", 20, 1, 86_400),
                line.longValue("warmup-seconds", 5, 0, 3_600),
                line.longValue("max-payments", 0, 0, Long.MAX_VALUE),
                Duration.ofMillis(line.longValue("timeout-ms", 5000, 1, 600_000)));
    }

    /**
     * The ATC from the clock, as the simulated card of {@code pay} starts it: {@code 1 + epochSeconds mod 0xFF00}. Runs
     * further apart than the ATCs a card used before do not collide; closer runs catch up in the warm-up (see
     * {@link PaymentBenchWorker}) or take {@code --atc-start}.
     */
    static int clockAtc(Instant now) {
        return 1 + (int) (now.getEpochSecond() % 0xFF00);
    }

    static int parseAtc(String hex) throws UsageException {
        if (!hex.matches("[0-9A-Fa-f]{1,4}") || Integer.parseInt(hex, 16) >= LAST_ATC) {
            throw new UsageException("--atc-start must be 0 to FFFE in hex");
        }
        return Integer.parseInt(hex, 16);
    }

    /**
     * The PAN of bench card {@code i} (1-based), as runtime's {@code DemoSeeder.benchPan(i, bank)} seeds it:
     * {@code 62123499000000nn} stored value, {@code 62123498000000nn} bank-funded.
     */
    static String benchPan(int i, boolean bank) {
        if (i < 1 || i > 99) {
            throw new IllegalArgumentException("bench cards are numbered 1 to 99");
        }
        return String.format(bank ? "62123498000000%02d" : "62123499000000%02d", i);
    }

    /** STORED_VALUE or BANK, as the bus's payment cards say. */
    static String funding(boolean bank) {
        return bank ? "BANK" : "STORED_VALUE";
    }

    String funding() {
        return funding(bank);
    }

    String pan(int card) {
        return benchPan(card, bank);
    }

    /** The reader id of connection {@code worker} (1-based): R-BENCH-001 and on, as the tap bench. */
    static String readerId(int worker) {
        return String.format("%s%03d", ReaderLoadGenerator.READER_PREFIX, worker);
    }

    /**
     * The cards of connection {@code worker} (1-based): card j goes to connection ((j - 1) mod readers) + 1, so every
     * card belongs to exactly one connection and each connection has at least one (readers never exceed cards).
     */
    static List<Integer> cardsOf(int worker, int readers, int cards) {
        if (worker < 1 || worker > readers || readers > cards) {
            throw new IllegalArgumentException("worker " + worker + " of " + readers + " with " + cards + " cards");
        }
        List<Integer> own = new ArrayList<>();
        for (int card = worker; card <= cards; card += readers) {
            own.add(card);
        }
        return own;
    }

    List<Integer> cardsOf(int worker) {
        return cardsOf(worker, readers, cards);
    }

    @Override
    public byte[] issuerKey() {
        return issuerKey.clone();
    }
}
