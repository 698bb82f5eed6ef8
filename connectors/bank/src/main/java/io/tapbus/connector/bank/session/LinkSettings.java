package io.tapbus.connector.bank.session;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Framing;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one bank host and keep the session alive.
 *
 * @param codec        the message layout of the link
 * @param framing      the length header and TPDU of the link
 * @param timeout      how long a request (and the connect, at least one second) waits for its answer
 * @param echoInterval how often an echo test (0800/301) checks a signed-on link
 * @param reconnectMax the longest wait between two connection attempts (they start at 200 ms and double)
 */
public record LinkSettings(String host, int port, Iso8583Codec codec, Iso8583Framing framing, Duration timeout,
                           Duration echoInterval, Duration reconnectMax) {

    public LinkSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(framing, "framing");
        for (Duration d : new Duration[] {timeout, echoInterval, reconnectMax}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("link timeout, echo interval and reconnect wait must be positive");
            }
        }
    }
}
