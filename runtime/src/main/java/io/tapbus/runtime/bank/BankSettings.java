package io.tapbus.runtime.bank;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code tapbus.bank.*} settings (config/application.properties, section "Bank").
 *
 * @param acquirerId       field 32, and the acquirer part of field 90 in reversals (1 to 11 digits)
 * @param terminalIdPrefix put in front of a request's terminal id to make field 41 (8 characters in all, space padded)
 */
public record BankSettings(String host, int port, String packager, Duration timeout, Duration echoInterval,
                           Duration reversalRetry, Duration reconnectMax, String acquirerId, String terminalIdPrefix) {

    public BankSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(packager, "packager");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("tapbus.bank.port must be 1-65535, got " + port);
        }
        if (!acquirerId.matches("\\d{1,11}")) {
            throw new IllegalArgumentException("tapbus.bank.acquirer-id must be 1 to 11 digits");
        }
        if (terminalIdPrefix.length() > 7) {
            throw new IllegalArgumentException("tapbus.bank.terminal-id-prefix must leave room in the 8 characters of field 41");
        }
        for (Duration d : new Duration[] {timeout, echoInterval, reversalRetry, reconnectMax}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("tapbus.bank durations must be positive");
            }
        }
    }

    /** Reads the settings through {@code lookup} (key to value, null when absent). */
    public static BankSettings from(Function<String, String> lookup) {
        Function<String, String> get = key -> {
            String value = lookup.apply(key);
            if (value == null) {
                throw new IllegalStateException("missing setting " + key + " (config/application.properties)");
            }
            return value.strip();
        };
        return new BankSettings(get.apply("tapbus.bank.host"), Integer.parseInt(get.apply("tapbus.bank.port")),
                get.apply("tapbus.bank.packager"),
                Duration.ofMillis(Long.parseLong(get.apply("tapbus.bank.timeout-ms"))),
                Duration.ofSeconds(Long.parseLong(get.apply("tapbus.bank.echo-seconds"))),
                Duration.ofSeconds(Long.parseLong(get.apply("tapbus.bank.reversal-retry-seconds"))),
                Duration.ofSeconds(Long.parseLong(get.apply("tapbus.bank.reconnect-max-seconds"))),
                get.apply("tapbus.bank.acquirer-id"), get.apply("tapbus.bank.terminal-id-prefix"));
    }

    /** Field 41 for a terminal: the prefix and the terminal id, space padded to 8 characters. */
    String bankTerminalId(String terminalId) {
        String id = terminalIdPrefix + terminalId;
        if (id.length() > 8) {
            throw new IllegalArgumentException("terminal id '" + terminalId + "' with prefix '" + terminalIdPrefix
                    + "' is over the 8 characters of field 41");
        }
        return String.format("%-8s", id);
    }
}
