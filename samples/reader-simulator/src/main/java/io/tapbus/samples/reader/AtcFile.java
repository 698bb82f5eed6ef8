package io.tapbus.samples.reader;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code --atc-file}: the highest ATC the payment bench used, per funding ({@code STORED_VALUE=0F3A}, {@code BANK=0210}),
 * so that the next run starts every card above it without having to find the bus's ATCs in its warm-up. Delete it
 * together with the bus's data.
 */
final class AtcFile {

    private AtcFile() {
    }

    /** The saved ATC for {@code funding}; null when the file or the entry does not exist. */
    static Integer read(Path file, String funding) throws UsageException {
        if (!Files.exists(file)) {
            return null;
        }
        Properties saved = load(file);
        String value = saved.getProperty(funding);
        if (value == null) {
            return null;
        }
        try {
            return PaymentBenchPlan.parseAtc(value.strip());
        } catch (UsageException e) {
            throw new UsageException("--atc-file " + file + ": " + funding + " must be an ATC of 0 to FFFE in hex, got '"
                    + value + "'");
        }
    }

    /** Keeps the higher of the saved ATC and {@code highestAtc} for {@code funding}; other entries stay. */
    static void write(Path file, String funding, int highestAtc) throws IOException {
        Properties saved = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                saved.load(in);
            }
        }
        int before = -1;
        try {
            before = Integer.parseInt(saved.getProperty(funding, "-1").strip(), 16);
        } catch (NumberFormatException e) {
            // a damaged entry is overwritten
        }
        saved.setProperty(funding, String.format("%04X", Math.min(Math.max(before, highestAtc), 0xFFFE)));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            saved.store(out, "TapBus payment bench: highest ATC used per funding; delete together with the bus's data");
        }
    }

    private static Properties load(Path file) throws UsageException {
        Properties saved = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            saved.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read --atc-file " + file + ": " + e.getMessage());
        }
        return saved;
    }
}
