package io.tapbus.samples.bank;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.Iso8583Message;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** A blocking ISO 8583 client on a plain socket, as an acquirer would connect: tests only. */
final class BankClient implements AutoCloseable {

    /** What a read got: a message, nothing within the time, or the end of the connection. */
    sealed interface Received permits Answer, Silence, Closed {
    }

    record Answer(Iso8583Message message) implements Received {
    }

    record Silence() implements Received {
    }

    record Closed() implements Received {
    }

    private final Socket socket;
    private final Iso8583Codec codec;
    private final DataInputStream in;
    private final OutputStream out;

    BankClient(int port, Iso8583Codec codec) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.codec = codec;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    void send(Iso8583Message message) throws Exception {
        sendRaw(codec.encode(message));
    }

    void sendRaw(byte[] body) throws IOException {
        out.write(Iso8583Framing.frame(body));
        out.flush();
    }

    Received receive(int timeoutMillis) throws Exception {
        socket.setSoTimeout(timeoutMillis);
        try {
            int length = in.readUnsignedShort();
            byte[] body = new byte[length];
            in.readFully(body);
            return new Answer(codec.decode(body));
        } catch (SocketTimeoutException e) {
            return new Silence();
        } catch (EOFException e) {
            return new Closed();
        }
    }

    /** The answer, failing when there is none within 5 seconds. */
    Iso8583Message exchange(Iso8583Message request) throws Exception {
        send(request);
        Received received = receive(5000);
        if (received instanceof Answer answer) {
            return answer.message();
        }
        throw new AssertionError("no answer to " + request + ": " + received);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
