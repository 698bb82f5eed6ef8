package io.tapbus.samples.reader;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.common.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The simulated TapBus card of {@code --provider sim} and {@code pay}: personalised from an issuer master key
 * (IMK-AC) so that an issuer holding the same key verifies its ARQCs.
 */
public final class SimulatedCardOptions {

    static final Set<String> OPTIONS = Set.of("issuer-key-file", "issuer-key-label", "sim-pan", "sim-psn", "sim-expiry",
            "sim-balance", "sim-atc");
    static final String NO_APP_FLAG = "sim-no-app";
    /**
     * The public pyemv test IMK-AC that connectors/card's README and tests use: a DEMO key, never a production key.
     * An issuer (the bus) verifies the simulated card's ARQCs only if it holds the same key.
     */
    public static final String DEMO_ISSUER_KEY = "0123456789ABCDEFFEDCBA9876543210";
    static final String DEFAULT_PAN = "6212340000000001"; // the demo universal card of bin/tapbus run (DemoSeeder)

    private final boolean withApplication;
    private final CardProfile profile;
    private final int atc;
    private final long balanceMinor;
    private final boolean demoKey;

    private SimulatedCardOptions(boolean withApplication, CardProfile profile, int atc, long balanceMinor, boolean demoKey) {
        this.withApplication = withApplication;
        this.profile = profile;
        this.atc = atc;
        this.balanceMinor = balanceMinor;
        this.demoKey = demoKey;
    }

    static SimulatedCardOptions from(CommandLine line) throws UsageException {
        byte[] imk = line.has("issuer-key-file")
                ? readIssuerKey(Path.of(line.required("issuer-key-file")), line.get("issuer-key-label", null))
                : Hex.parse(DEMO_ISSUER_KEY);
        if (!line.has("issuer-key-file") && line.has("issuer-key-label")) {
            throw new UsageException("--issuer-key-label needs --issuer-key-file");
        }
        CardId card;
        try {
            card = new CardId(line.get("sim-pan", DEFAULT_PAN), line.get("sim-psn", "00"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sim-pan / --sim-psn: " + e.getMessage());
        }
        String expiry = line.get("sim-expiry", "3012");
        if (!expiry.matches("[0-9]{2}(0[1-9]|1[0-2])")) {
            throw new UsageException("--sim-expiry must be YYMM");
        }
        YearMonth expiryMonth = YearMonth.of(2000 + Integer.parseInt(expiry.substring(0, 2)),
                Integer.parseInt(expiry.substring(2)));
        long balance = line.longValue("sim-balance", 10_000, 0, 0xFFFF_FFFFL);
        int atc = line.has("sim-atc") ? parseAtc(line.required("sim-atc")) : clockAtc();
        return new SimulatedCardOptions(!line.flag(NO_APP_FLAG), CardProfile.personalise(imk, card, expiryMonth), atc,
                balance, !line.has("issuer-key-file"));
    }

    /** A card whose ATC starts from the clock, so that runs a second or more apart do not reuse an ATC (wraps in ~18 h). */
    private static int clockAtc() {
        return 1 + (int) (Instant.now().getEpochSecond() % 0xFF00);
    }

    private static int parseAtc(String hex) throws UsageException {
        if (!hex.matches("[0-9A-Fa-f]{1,4}") || Integer.parseInt(hex, 16) >= 0xFFFF) {
            throw new UsageException("--sim-atc must be 0 to FFFE in hex");
        }
        return Integer.parseInt(hex, 16);
    }

    /**
     * A key file as connectors/card reads it ({@code label = 32 hex digits} lines, {@code #} comments), or a file holding
     * only the 32 hex digits. The key never appears in a message.
     */
    public static byte[] readIssuerKey(Path file, String label) throws UsageException {
        List<String[]> entries = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int hash = raw.indexOf('#');
                String content = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
                if (content.isEmpty()) {
                    continue;
                }
                int eq = content.indexOf('=');
                entries.add(eq < 0 ? new String[] {"", content} : new String[] {content.substring(0, eq).strip(),
                        content.substring(eq + 1).strip()});
            }
        } catch (IOException e) {
            throw new UsageException("cannot read issuer key file " + file + ": " + e.getMessage());
        }
        for (String[] entry : entries) {
            if (label == null || label.equals(entry[0])) {
                if (!entry[1].matches("[0-9A-Fa-f]{32}")) {
                    throw new UsageException("issuer key file " + file + ": the key"
                            + (entry[0].isEmpty() ? "" : " of '" + entry[0] + "'") + " must be 32 hex digits");
                }
                return Hex.parse(entry[1].toUpperCase(java.util.Locale.ROOT));
            }
        }
        throw new UsageException("issuer key file " + file + " has " + (label == null ? "no key" : "no key labelled '" + label + "'"));
    }

    SimulatedCard newCard() {
        return withApplication ? SimulatedCard.withApplet(new TapBusPaymentApplet(profile, atc, balanceMinor))
                : SimulatedCard.withoutTapBusApplication();
    }

    boolean usesDemoKey() {
        return demoKey;
    }
}
