package io.tapbus.connector.phone;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where an SMSC is and how TapBus logs in to it: host, port, and the bind_transceiver's system_id, password and
 * system_type (SMPP 3.4 §4.1.5). The password never appears in {@link #toString()} nor in a log line.
 */
public record SmscAccount(String host, int port, String systemId, String password, String systemType) {

    public SmscAccount {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        systemType = systemType == null ? "" : systemType;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMSC port must be 1 to 65535, got " + port);
        }
        if (systemId.length() > 15 || password.length() > 8 || systemType.length() > 12) {
            throw new IllegalArgumentException("SMPP 3.4 allows a system_id of 15, a password of 8 and a system_type"
                    + " of 12 characters at most");
        }
    }

    /**
     * The account under {@code prefix} ({@code tapbus.smsc.<name>.}): {@code host}, {@code port}, {@code system-id},
     * {@code password} and {@code system-type}. Host, system id and password have no default.
     */
    public static SmscAccount from(Function<String, String> settings, String prefix) {
        return new SmscAccount(required(settings, prefix + "host"),
                Integer.parseInt(optional(settings, prefix + "port", "2775")),
                required(settings, prefix + "system-id"), required(settings, prefix + "password"),
                optional(settings, prefix + "system-type", ""));
    }

    static String required(Function<String, String> settings, String key) {
        String value = settings.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the setting " + key + " is missing");
        }
        return value.strip();
    }

    static String optional(Function<String, String> settings, String key, String fallback) {
        String value = settings.apply(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    @Override
    public String toString() {
        return "SmscAccount[" + systemId + "@" + host + ":" + port + (systemType.isEmpty() ? "" : " " + systemType)
                + "]";
    }
}
