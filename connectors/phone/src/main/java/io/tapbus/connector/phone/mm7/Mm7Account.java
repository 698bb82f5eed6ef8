package io.tapbus.connector.phone.mm7;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One operator's MMSC as TapBus reaches it over MM7: the URL, the HTTP Basic credentials, the VASP and VAS ids the
 * operator assigned, the service code for billing, an optional sender short code, and the timeouts. The password
 * never appears in {@link #toString()} nor in a log line.
 */
public record Mm7Account(URI url, String username, String password, String vaspId, String vasId, String serviceCode,
        String senderShortCode, Duration connectTimeout, Duration requestTimeout) {

    public Mm7Account {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(vaspId, "vaspId");
        Objects.requireNonNull(vasId, "vasId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("the MMSC URL must be http or https");
        }
    }

    /**
     * The account under {@code prefix} ({@code tapbus.mmsc.<name>.}): {@code url}, {@code username},
     * {@code password}, {@code vasp-id}, {@code vas-id}, {@code service-code}, {@code sender-short-code},
     * {@code connect-timeout-ms} (default 5000) and {@code timeout-ms} (default 30000).
     */
    public static Mm7Account from(Function<String, String> settings, String prefix) {
        return new Mm7Account(URI.create(required(settings, prefix + "url")), required(settings, prefix + "username"),
                required(settings, prefix + "password"), required(settings, prefix + "vasp-id"),
                required(settings, prefix + "vas-id"), optional(settings, prefix + "service-code"),
                optional(settings, prefix + "sender-short-code"),
                Duration.ofMillis(Long.parseLong(orDefault(settings, prefix + "connect-timeout-ms", "5000"))),
                Duration.ofMillis(Long.parseLong(orDefault(settings, prefix + "timeout-ms", "30000"))));
    }

    private static String required(Function<String, String> settings, String key) {
        String value = settings.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the setting " + key + " is missing");
        }
        return value.strip();
    }

    private static String optional(Function<String, String> settings, String key) {
        String value = settings.apply(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orDefault(Function<String, String> settings, String key, String fallback) {
        String value = optional(settings, key);
        return value == null ? fallback : value;
    }

    @Override
    public String toString() {
        return "Mm7Account[" + url + ", user " + username + ", VASP " + vaspId + "/" + vasId + "]";
    }
}
