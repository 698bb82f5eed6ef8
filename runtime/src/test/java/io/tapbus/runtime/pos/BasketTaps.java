package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.samples.reader.ReaderAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Card payments with baskets in a test bus, as the tests of baskets at the till make them: a tap at a reader through the
 * reader simulator ({@code pay}, demo reader master key, card personalised from the demo issuer key), and a chained POS
 * terminal's 0200 of demo-shop with field 48.
 */
final class BasketTaps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BasketTaps() {
    }

    /** The card {@code pan} tapped at {@code readerId} with the reader simulator's further options; its JSON line. */
    static JsonNode readerPay(RunningBus bus, String readerId, String pan, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("pay", "--reader", readerId, "--master-key-file",
                RunningBus.HOME.resolve("config/demo-keys/reader-master.hex").toString(), "--port", String.valueOf(bus.readerPort),
                "--sim-pan", pan, "--sim-psn", "00", "--issuer-key-file", RunningBus.HOME.resolve("config/demo-keys/issuer-keys.txt").toString(),
                "--issuer-key-label", "tapbus-demo"));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReaderAgent.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines[lines.length - 1]).as("agent stderr: " + err.toString(StandardCharsets.UTF_8)).isNotEmpty();
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** A 0200 purchase of {@code pan} at demo-shop's POS terminal: the card in {@code card} is tapped now (field 55). */
    static Iso8583Message posPurchase(CardReaderAgent card, String pan, String stan, long amountMinor, String field48) throws Exception {
        Map<Integer, String> f = new TreeMap<>();
        f.put(2, pan);
        f.put(3, "000000");
        f.put(4, String.format("%012d", amountMinor));
        f.put(7, "1207" + stan);
        f.put(11, stan);
        f.put(22, "071");
        f.put(23, "000");
        f.put(41, DemoSeeder.POS_TERMINAL);
        f.put(42, "DEMOSHOP0000001");
        f.put(48, field48);
        f.put(49, "156");
        f.put(55, PosCards.field55(PosCards.tap(card, amountMinor)));
        return Iso8583Message.of("0200", f);
    }

    /** A field 48 element: tag, three-digit length, value. */
    static String element(String tag, String value) {
        return tag + String.format("%03d", value.length()) + value;
    }
}
