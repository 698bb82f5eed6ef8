package io.tapbus.runtime.bank;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.session.LinkSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code tapbus.bank.*} settings (config/application.properties, section "Bank").
 *
 * @param packager         the message layout: ascii, binary, iso87a, iso87b or a bank's variant (config/iso8583)
 * @param acquirerId       field 32, and the acquirer part of field 90 in reversals (1 to 11 digits)
 * @param terminalIdPrefix put in front of a request's terminal id to make field 41 (8 characters in all, space padded)
 * @param lengthHeader     binary2 (2 bytes) or ascii4 (4 ASCII digits, jPOS's ASCIIChannel)
 * @param tpdu             10 hex digits sent before every request, or blank for none
 */
public record BankSettings(String host, int port, String packager, Duration timeout, Duration echoInterval,
                           Duration reversalRetry, Duration reconnectMax, String acquirerId, String terminalIdPrefix,
                           String lengthHeader, String tpdu) {

    public BankSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(packager, "packager");
        Objects.requireNonNull(lengthHeader, "lengthHeader");
        tpdu = tpdu == null ? "" : tpdu.strip();
        try {
            Iso8583Framing.of(lengthHeader, tpdu);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tapbus.bank.length-header / tapbus.bank.tpdu: " + e.getMessage(), e);
        }
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

    /** A 2-byte binary length header and no TPDU. */
    public BankSettings(String host, int port, String packager, Duration timeout, Duration echoInterval,
                        Duration reversalRetry, Duration reconnectMax, String acquirerId, String terminalIdPrefix) {
        this(host, port, packager, timeout, echoInterval, reversalRetry, reconnectMax, acquirerId, terminalIdPrefix,
                "binary2", "");
    }

    /** How messages are framed on the link. */
    public Iso8583Framing framing() {
        return Iso8583Framing.of(lengthHeader, tpdu);
    }

    /** The link part: where the host is and how the session with it is kept. */
    public LinkSettings link() {
        return new LinkSettings(host, port, Iso8583Codec.named(packager), framing(), timeout, echoInterval,
                reconnectMax);
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
                get.apply("tapbus.bank.acquirer-id"), get.apply("tapbus.bank.terminal-id-prefix"),
                get.apply("tapbus.bank.length-header"), lookup.apply("tapbus.bank.tpdu"));
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
