package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.ReaderKeys;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster profile's TLS settings (global SSL context for REST and the reader port), and the broker's AMQP
 * acceptor with TLS as config/application.properties shows it, against a certificate made for the test with
 * keytool: TLS works, plain text is refused.
 */
class TlsListenersTest {
    private static final String PASSWORD = "test-only-keystore";
    private static Path keystore;
    private static final int AMQP_TLS_PORT = RunningBus.freePort();
    private static RunningBus bus;

    @BeforeAll
    static void start() throws Exception {
        keystore = Path.of("target", "tls-" + System.nanoTime() + ".p12").toAbsolutePath();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tapbus", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        bus = new RunningBus(Map.of(
                "camel.ssl.enabled", "true",
                "camel.ssl.key-store", "file:" + keystore,
                "camel.ssl.keystore-password", PASSWORD,
                "camel.server.use-global-ssl-context-parameters", "true",
                "camel.component.netty.use-global-ssl-context-parameters", "true",
                "tapbus.reader.ssl", "true",
                "tapbus.broker.amqp-acceptor", "tcp://127.0.0.1:" + AMQP_TLS_PORT + "?protocols=AMQP;saslMechanisms=PLAIN;sslEnabled=true;"
                        + "keyStorePath=" + keystore + ";keyStorePassword=" + PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void restIsServedOverTlsOnly() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + bus.httpPort + "/api/partners/me"))
                .header("Authorization", "Bearer " + RunningBus.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"partnerId\":\"tapbus\"");
        assertThatThrownBy(() -> bus.get("/partners/me", RunningBus.adminToken())).as("plain HTTP").isInstanceOf(Exception.class);
    }

    @Test
    void amqpPartnersConnectOverTlsOnly() throws Exception {
        NodeAmqpClient.install();
        Path ca = keystore.resolveSibling(keystore.getFileName() + ".pem");
        Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-exportcert", "-rfc",
                "-alias", "tapbus", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-file", ca.toString())
                .redirectErrorStream(true).start();
        assertThat(export.waitFor()).as(new String(export.getInputStream().readAllBytes())).isZero();
        String admin = RunningBus.adminToken();
        Map<String, String> env = new java.util.HashMap<>(Map.of("TAPBUS_AMQP_PORT", String.valueOf(AMQP_TLS_PORT),
                "TAPBUS_KEY_ID", admin.substring(0, admin.indexOf('.')), "TAPBUS_SECRET", admin.substring(admin.indexOf('.') + 1),
                "TAPBUS_TIMEOUT_MS", "5000"));
        try (NodeAmqpClient plain = NodeAmqpClient.start(env, "partner-client.js", "access", "receive:tapbus.events")) {
            plain.finish();
            assertThat(plain.exitCode()).as("no AMQP session in plain text: " + plain.output()).isNotZero();
        }
        env.put("TAPBUS_AMQP_CA", ca.toString());
        try (NodeAmqpClient tls = NodeAmqpClient.start(env, "partner-client.js", "access", "receive:tapbus.events")) {
            assertThat(tls.await("done").path("connectionOpen").asBoolean()).as(tls.output()).isTrue();
        }
    }

    @Test
    void readerPortSpeaksTheProtocolInsideTls() throws Exception {
        byte[] key = ReaderKeys.diversify(RunningBus.readerMasterKey(), "R-DEMO-1");
        try (SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket("localhost", bus.readerPort)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            socket.getOutputStream().write(ReaderFrameCodec.encode(FrameType.HEARTBEAT, System.currentTimeMillis() * 1000, "R-DEMO-1", new byte[0], key));
            byte[] prefix = socket.getInputStream().readNBytes(5);
            byte[] rest = socket.getInputStream().readNBytes(((prefix[3] & 0xFF) << 8) | (prefix[4] & 0xFF));
            byte[] frame = new byte[prefix.length + rest.length];
            System.arraycopy(prefix, 0, frame, 0, 5);
            System.arraycopy(rest, 0, frame, 5, rest.length);
            assertThat(ReaderFrameCodec.decode(frame).type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        }
        try (Socket plain = new Socket("127.0.0.1", bus.readerPort)) {
            plain.setSoTimeout(5000);
            plain.getOutputStream().write(ReaderFrameCodec.encode(FrameType.HEARTBEAT, 1, "R-DEMO-1", new byte[0], key));
            int first = plain.getInputStream().read();
            assertThat(first).as("no protocol answer to plain text (a TLS alert or a close)").isNotEqualTo(0x54);
        } catch (java.net.SocketException reset) {
            assertThat(reset).isNotNull();
        }
    }
}
