package io.tapbus.samples.smsc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * The SMPP port: a server socket on the loopback address only, each connection a jSMPP {@link SMPPServerSession}
 * with TCP_NODELAY (a small submit_sm_resp is not held back by Nagle's algorithm) and a {@link CheckingPduReader}
 * in front of jSMPP's decoder. It does what jSMPP's SMPPServerSessionListener does, plus those two.
 */
final class SmppPort implements AutoCloseable {

    private final ServerSocket server;
    private final SubmitHandler handler;

    SmppPort(int port, SubmitHandler handler) throws IOException {
        this.handler = handler;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
    }

    int port() {
        return server.getLocalPort();
    }

    SMPPServerSession accept() throws IOException {
        Socket socket = server.accept();
        try {
            socket.setTcpNoDelay(true);
            SocketConnection connection = new SocketConnection(socket);
            connection.setSoTimeout(60000);
            PDUSender sender = new SynchronizedPDUSender(new DefaultPDUSender());
            CheckingPduReader reader = new CheckingPduReader(sender, connection.getOutputStream(),
                    handler::submitRead);
            return new SMPPServerSession(connection, (newState, oldState, source) -> {
            }, handler, handler, 8, 2000, sender, reader);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
