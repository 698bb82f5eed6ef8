package io.tapbus.connector.bank.session;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A bank host on a loopback socket for the session tests: plain blocking I/O, 2-byte length headers, the ascii
 * layout. It records what it reads and answers what its responder returns (nothing: it stays silent).
 */
final class LoopbackBankHost implements AutoCloseable {
    static final Iso8583Codec CODEC = Iso8583Codec.named("ascii");

    private final ServerSocket server;
    private final Thread acceptor;
    final BlockingQueue<Iso8583Message> received = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    volatile Function<Iso8583Message, List<Iso8583Message>> responder = request -> List.of(answer(request, "00"));
    private volatile Socket current;

    LoopbackBankHost() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "loopback-bank-host");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The response to {@code request}: its STAN, terminal, transmission time and network code back, and field 39. */
    static Iso8583Message answer(Iso8583Message request, String responseCode) {
        Iso8583Message answer = Iso8583Message.of(Iso8583Matching.responseMti(request.mti()).orElseThrow());
        for (int field : new int[] {7, 11, 41, 70}) {
            if (request.has(field)) {
                answer = answer.with(field, request.field(field));
            }
        }
        return answer.with(39, responseCode);
    }

    /** The next message read, or a failure after five seconds. */
    Iso8583Message next() throws InterruptedException {
        Iso8583Message message = received.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("the host read nothing in 5 s");
        }
        return message;
    }

    /** The next message read with this MTI and field 70 (or any field 70 when null), skipping others. */
    Iso8583Message next(String mti, String networkCode) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            Iso8583Message message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && message.mti().equals(mti)
                    && (networkCode == null || networkCode.equals(message.field(70)))) {
                return message;
            }
        }
        throw new AssertionError("the host read no " + mti + " " + networkCode + " in 5 s");
    }

    synchronized void send(Iso8583Message message) throws Exception {
        writeFrame(Iso8583Framing.frame(CODEC.encode(message)));
    }

    synchronized void writeFrame(byte[] frame) throws IOException {
        OutputStream out = current.getOutputStream();
        out.write(frame);
        out.flush();
    }

    void dropConnection() throws IOException {
        current.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                current = socket;
                connections.incrementAndGet();
                serve(socket);
            } catch (IOException e) {
                // the session closed or the test dropped the connection: wait for the next one
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void serve(Socket socket) throws Exception {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            byte[] frame = new byte[in.readUnsignedShort()];
            in.readFully(frame);
            Iso8583Message request = CODEC.decode(frame);
            received.add(request);
            for (Iso8583Message answer : responder.apply(request)) {
                send(answer);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = current;
        if (socket != null) {
            socket.close();
        }
    }
}
