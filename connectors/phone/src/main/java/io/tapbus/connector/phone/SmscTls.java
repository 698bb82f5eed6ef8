package io.tapbus.connector.phone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * SMPP over TLS to an SMSC that offers it: the link's connections are TLS sockets whose server certificate must chain
 * to the trust store and name the host (endpoint identification as for HTTPS). Settings under {@code prefix}:
 * {@code tls} (true/false), {@code trust-store} (a PKCS12 file; empty: the JVM's trusted roots) and
 * {@code trust-store-password}.
 */
public final class SmscTls implements ConnectionFactory {
    private final SSLContext context;

    public SmscTls(SSLContext context) {
        this.context = context;
    }

    /** The TLS factory the settings ask for, or null when {@code tls} is not true. */
    public static SmscTls from(Function<String, String> settings, String prefix) {
        if (!Boolean.parseBoolean(SmscAccount.optional(settings, prefix + "tls", "false"))) {
            return null;
        }
        String store = SmscAccount.optional(settings, prefix + "trust-store", "");
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (store.isEmpty()) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(Path.of(store))) {
                    ks.load(in, SmscAccount.optional(settings, prefix + "trust-store-password", "").toCharArray());
                }
                tmf.init(ks);
            }
            ssl.init(null, tmf.getTrustManagers(), null);
            return new SmscTls(ssl);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the setting " + prefix + "trust-store (" + store + ") cannot be used: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.startHandshake();
        return new SocketConnection(socket);
    }
}
