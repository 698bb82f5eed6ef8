package io.tapbus.samples.reader;

import io.tapbus.connector.reader.ReaderConstants;
import java.time.Duration;
import java.util.Arrays;

/** The parameters of one bench run, validated. */
record BenchPlan(String host, int port, KeyOptions keys, int readers, String[] cards, long amountMinor, String currency,
                 long durationSeconds, long warmupSeconds, long maxTaps, Duration timeout) {

    static BenchPlan from(CommandLine line) throws UsageException {
        String[] cards = Arrays.stream(line.get("cards", "04A1B2C3D4E5F6").split(","))
                .map(String::strip).filter(card -> !card.isEmpty()).toArray(String[]::new);
        if (cards.length == 0) {
            throw new UsageException("--cards needs at least one card UID");
        }
        return new BenchPlan(
                line.get("host", "127.0.0.1"),
                line.intValue("port", ReaderConstants.DEFAULT_PORT, 1, 65535),
                KeyOptions.from(line, false),
                line.intValue("readers", 16, 1, 999),
                cards,
                line.longValue("amount", 1, 1, Long.MAX_VALUE),
                line.get("currency", "CNY"),
                line.longValue("duration-seconds", 20, 1, 86_400),
                line.longValue("warmup-seconds", 5, 0, 3_600),
                line.longValue("max-taps", 0, 0, Long.MAX_VALUE),
                Duration.ofMillis(line.longValue("timeout-ms", 5000, 1, 600_000)));
    }
}
