package io.tapbus.runtime.pos;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.Iso8583Message;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** A POS terminal on a plain socket: connectors/bank codec and 2-byte length framing, one request at a time. */
public final class PosClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Iso8583Codec codec = Iso8583Codec.named("ascii");

    public PosClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Iso8583Message send(Iso8583Message request) throws Exception {
        return sendRaw(codec.encode(request));
    }

    /** Frames and sends any bytes; the decoded answer, or null when TapBus closed the connection instead. */
    Iso8583Message sendRaw(byte[] message) throws Exception {
        out.write(Iso8583Framing.frame(message));
        out.flush();
        int length;
        try {
            length = in.readUnsignedShort();
        } catch (EOFException | java.net.SocketException closed) {
            return null;
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return codec.decode(body);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
