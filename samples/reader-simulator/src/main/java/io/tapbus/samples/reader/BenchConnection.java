package io.tapbus.samples.reader;

import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.ReaderClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One benchmark reader's connection to the bus, opened on demand and dropped after errors that close it (shared by
 * the tap and the payment load generators), and the counting both do.
 */
final class BenchConnection {
    private static final long RECONNECT_PAUSE_MILLIS = 100;

    private final String host;
    private final int port;
    private final String readerId;
    private final byte[] key;
    private final Duration timeout;
    private ReaderClient client;

    BenchConnection(String host, int port, String readerId, byte[] key, Duration timeout) {
        this.host = host;
        this.port = port;
        this.readerId = readerId;
        this.key = key;
        this.timeout = timeout;
    }

    /** The open connection; null when connecting failed (after a short pause, so a down bus is not hammered). */
    ReaderClient open() {
        if (client != null) {
            return client;
        }
        try {
            client = new ReaderClient(host, port, readerId, key, timeout);
            return client;
        } catch (IOException e) {
            try {
                Thread.sleep(RECONNECT_PAUSE_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
            client = null;
        }
    }

    /** Whether the bus closes the connection after an ERROR with this code (unknown codes: assume it does). */
    static boolean closesConnection(String code) {
        try {
            return ErrorCode.valueOf(code).closesConnection();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    static void count(boolean measured, Map<String, Long> counts, String key) {
        if (measured) {
            counts.merge(key, 1L, Long::sum);
        }
    }
}
