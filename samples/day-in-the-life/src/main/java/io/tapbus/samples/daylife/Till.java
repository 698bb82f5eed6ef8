package io.tapbus.samples.daylife;

import com.fasterxml.jackson.databind.JsonNode;
import io.tapbus.samples.reader.ReaderAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * demo-shop's till, reader R-DEMO-1: the person's card is tapped and the reader sends the basket with the payment
 * request (reader protocol §12.1, basket extension) over the real reader port, as {@code bin/tapbus reader-sim pay
 * --basket FILE --coupon CODE} does. The card is the simulated TapBus card personalised from the demo issuer key; its
 * transaction counter comes from the clock, like reader-sim's.
 */
final class Till {
    static final String READER = "R-DEMO-1";
    private final Day day;

    Till(Day day) {
        this.day = day;
    }

    /** Taps the card for the basket (a JSON array of lines) with the coupon codes; the reader's answer (JSON line). */
    JsonNode pay(String basketJson, List<String> couponCodes) throws IOException {
        Path basket = Files.createTempFile("day-basket", ".json");
        try {
            Files.writeString(basket, basketJson);
            Path keys = day.home().resolve("config/demo-keys");
            String[] args = {"pay", "--reader", READER, "--host", day.options.readerHost(), "--port", String.valueOf(day.options.readerPort()),
                    "--master-key-file", keys.resolve("reader-master.hex").toString(), "--sim-pan", day.options.cardPan(), "--sim-psn", "00",
                    "--issuer-key-file", keys.resolve("issuer-keys.txt").toString(), "--issuer-key-label", "tapbus-demo",
                    "--basket", basket.toString(), "--coupon", String.join(",", couponCodes)};
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = ReaderAgent.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
            String last = lines[lines.length - 1];
            if (!last.startsWith("{")) {
                throw new IOException("the reader did not pay (exit " + exit + "): " + err.toString(StandardCharsets.UTF_8).strip());
            }
            return Rest.JSON.readTree(last);
        } finally {
            Files.deleteIfExists(basket);
        }
    }
}
