package io.tapbus.samples.smsc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * jSMPP's server socket, but on the loopback address only, with the port it really got (for port 0) and
 * TCP_NODELAY on each connection, so that a small submit_sm_resp is not held back by Nagle's algorithm.
 */
final class LoopbackServerFactory implements ServerConnectionFactory {

    private volatile ServerSocket socket;

    /** The port listened on; valid after the listener is created. */
    int port() {
        return socket.getLocalPort();
    }

    @Override
    public ServerConnection listen(int port) throws IOException {
        return listen(port, 0, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return listen(port, timeout, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Math.max(backlog, 50));
        server.setSoTimeout(timeout);
        socket = server;
        return new ServerConnection() {
            @Override
            public Connection accept() throws IOException {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                return new SocketConnection(s);
            }

            @Override
            public void setSoTimeout(int millis) throws IOException {
                server.setSoTimeout(millis);
            }

            @Override
            public int getSoTimeout() throws IOException {
                return server.getSoTimeout();
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        };
    }
}
