package io.tapbus.connector.phone.mm7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A one-connection HTTP peer on a loopback socket that reads one request and then does what the test scripted:
 * answer given bytes, close the connection, or never answer. For the client's failure modes that no MMSC simulator
 * produces on purpose (a proxy's HTML error page, a connection cut after the request).
 */
final class ScriptedHttpPeer implements AutoCloseable {

    enum Action { ANSWER, CLOSE, SILENCE }

    private final ServerSocket server;
    final CompletableFuture<String> requestHead = new CompletableFuture<>();
    final CompletableFuture<byte[]> requestBody = new CompletableFuture<>();

    ScriptedHttpPeer(Action action, String answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> serve(action, answer), "scripted-http-peer");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Action action, String answer) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            requestHead.complete(head);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            requestBody.complete(in.readNBytes(length));
            switch (action) {
                case ANSWER -> {
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    Thread.sleep(200);
                }
                case CLOSE -> { }
                case SILENCE -> Thread.sleep(60_000);
            }
        } catch (IOException | InterruptedException e) {
            requestHead.completeExceptionally(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static String http(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
