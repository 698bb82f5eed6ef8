package io.tapbus.samples.load;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * What the load generator remembers between runs against the same bus, in a properties file (by default
 * {@code data/bench/loadgen-state.properties} under TAPBUS_HOME, so that {@code rm -rf data} forgets it together with the
 * bus): its card pool's id, how many cards of each kind it provisioned, the cursor of the payment pools, the cards used
 * in the last ten minutes (velocity) and the highest ATC used.
 */
final class BenchState {

    private final Path file;
    private final Properties p = new Properties();

    BenchState(Path file) throws IOException {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        if (!p.containsKey("pool") || !p.getProperty("pool").matches("[0-9A-F]{4}")) {
            p.clear();
            p.setProperty("pool", String.format("%04X", new SecureRandom().nextInt(0x10000)));
        }
    }

    String pool() {
        return p.getProperty("pool");
    }

    long getLong(String key, long dflt) {
        try {
            return Long.parseLong(p.getProperty(key, Long.toString(dflt)).strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    void setLong(String key, long value) {
        p.setProperty(key, Long.toString(value));
    }

    String get(String key) {
        return p.getProperty(key);
    }

    void set(String key, String value) {
        if (value == null) {
            p.remove(key);
        } else {
            p.setProperty(key, value);
        }
    }

    Path file() {
        return file;
    }

    void save() throws IOException {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "TapBus load generator: its bench cards on this bus; delete together with the bus's data");
        }
    }
}
