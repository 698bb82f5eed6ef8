package io.tapbus.connector.phone;

import java.time.Duration;
import java.util.function.Function;

/**
 * How an SMPP link behaves, apart from whom it talks to ({@link SmscAccount}).
 *
 * @param window              submit_sm PDUs in flight at most (sent, response not yet received)
 * @param enquireLinkInterval idle time after which jSMPP sends enquire_link
 * @param responseTimeout     how long a submit_sm or bind waits for its response
 * @param reconnect           waits between attempts to connect and bind
 * @param throttled           waits before a part refused with ESME_RTHROTTLED or ESME_RMSGQFUL is sent again
 */
public record LinkSettings(int window, Duration enquireLinkInterval, Duration responseTimeout, Backoff reconnect,
        Backoff throttled) {

    public LinkSettings {
        if (window < 1) {
            throw new IllegalArgumentException("the window must be at least 1, got " + window);
        }
    }

    public static LinkSettings defaults() {
        return new LinkSettings(10, Duration.ofSeconds(30), Duration.ofSeconds(10),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10)));
    }

    /** The settings under {@code prefix}; each key not set keeps its {@link #defaults()} value. */
    public static LinkSettings from(Function<String, String> settings, String prefix) {
        LinkSettings d = defaults();
        return new LinkSettings(
                Integer.parseInt(SmscAccount.optional(settings, prefix + "window", String.valueOf(d.window))),
                millis(settings, prefix + "enquire-link-ms", d.enquireLinkInterval),
                millis(settings, prefix + "response-timeout-ms", d.responseTimeout),
                new Backoff(millis(settings, prefix + "reconnect-first-ms", d.reconnect.first()),
                        millis(settings, prefix + "reconnect-max-ms", d.reconnect.max())),
                new Backoff(millis(settings, prefix + "throttled-first-ms", d.throttled.first()),
                        millis(settings, prefix + "throttled-max-ms", d.throttled.max())));
    }

    private static Duration millis(Function<String, String> settings, String key, Duration fallback) {
        return Duration.ofMillis(Long.parseLong(
                SmscAccount.optional(settings, key, String.valueOf(fallback.toMillis()))));
    }
}
