package io.tapbus.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMPP over TLS: jSMPP's SMSC server behind a TLS server socket with a certificate keytool made for 127.0.0.1. The
 * link binds and submits when it trusts that certificate and connects to the name in it; it never binds when it
 * connects by another name (localhost), and a plain-TCP link to the TLS port never binds either.
 */
class SmscTlsTest {
    private static final String PASSWORD = "test-only-keystore";
    private static Path keystore;
    private TestSmsc smsc;
    private SmscLink link;

    @BeforeAll
    static void certificate() throws Exception {
        keystore = Path.of("target", "smsc-tls-" + System.nanoTime() + ".p12").toAbsolutePath();
        Files.createDirectories(keystore.getParent());
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smsc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test-smsc",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    void aLinkThatTrustsTheCertificateBindsAndSubmitsOverTls() throws Exception {
        smsc = new TestSmsc(tlsServer());
        link = link("127.0.0.1", true);
        SmscLinkTest.await(link::isBound);
        List<String> ids = link.submit(SmppAddress.msisdn("+8613800138000"), SmsEncoder.text("over TLS", 1, false))
                .get(10, TimeUnit.SECONDS);
        assertThat(ids).hasSize(1);
        assertThat(smsc.accepted).hasSize(1);
    }

    @Test
    void aCertificateForAnotherNameOrPlainTcpNeverBinds() throws Exception {
        smsc = new TestSmsc(tlsServer());
        link = link("localhost", true); // the certificate names 127.0.0.1 only
        Thread.sleep(1500);
        assertThat(link.isBound()).isFalse();
        link.close();
        link = link("127.0.0.1", false);
        Thread.sleep(1500);
        assertThat(link.isBound()).isFalse();
        assertThat(smsc.binds).isEmpty();
    }

    private SmscLink link(String host, boolean tls) {
        Map<String, String> settings = Map.of("tapbus.smsc.t.host", host, "tapbus.smsc.t.port", String.valueOf(smsc.port()),
                "tapbus.smsc.t.system-id", "tapbus", "tapbus.smsc.t.password", "s3cret", "tapbus.smsc.t.tls",
                String.valueOf(tls), "tapbus.smsc.t.trust-store", keystore.toString(),
                "tapbus.smsc.t.trust-store-password", PASSWORD, "tapbus.smsc.t.response-timeout-ms", "1000",
                "tapbus.smsc.t.reconnect-first-ms", "100", "tapbus.smsc.t.reconnect-max-ms", "200");
        LinkSettings timing = LinkSettings.from(settings::get, "tapbus.smsc.t.");
        return new SmscLink(SmscAccount.from(settings::get, "tapbus.smsc.t."), timing, SubmitSettings.from("10690000"),
                r -> { }, sms -> { }).useTls(SmscTls.from(settings::get, "tapbus.smsc.t.")).start();
    }

    private static ServerConnectionFactory tlsServer() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int port) throws java.io.IOException {
                return listen(port, 0, 50);
            }

            @Override
            public ServerConnection listen(int port, int timeout) throws java.io.IOException {
                return listen(port, timeout, 50);
            }

            @Override
            public ServerConnection listen(int port, int timeout, int backlog) throws java.io.IOException {
                ServerSocket s = ssl.getServerSocketFactory().createServerSocket(port, backlog);
                s.setSoTimeout(timeout);
                return new ServerSocketConnection(s);
            }
        };
    }
}
