package io.tapbus.connector.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;

/**
 * An SMSC that sends a command id SMPP 3.4 does not define gets generic_nack ESME_RINVCMDID with the same sequence
 * number (§4.3). jSMPP's session does this itself; the peer here is a raw socket so that the PDU can be anything.
 */
class UnknownCommandTest {

    private static final int GENERIC_NACK = 0x80000000;
    private static final int BIND_TRANSCEIVER = 0x00000009;
    private static final int ESME_RINVCMDID = 0x00000003;

    @Test
    void anUnknownCommandIdIsAnsweredWithGenericNack() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            SmscAccount account = new SmscAccount("127.0.0.1", server.getLocalPort(), "tapbus", "pw", "");
            LinkSettings settings = new LinkSettings(1, Duration.ofSeconds(30), Duration.ofSeconds(2),
                    new Backoff(Duration.ofMillis(50), Duration.ofMillis(50)),
                    new Backoff(Duration.ofMillis(50), Duration.ofMillis(50)));
            try (SmscLink link = new SmscLink(account, settings, SubmitSettings.from("10690000"), r -> { }, s -> { });
                    Socket socket = accept(server, link)) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                ByteBuffer bind = read(in);
                assertThat(bind.getInt(4)).isEqualTo(BIND_TRANSCEIVER);
                out.write(new DefaultComposer().bindResp(BIND_TRANSCEIVER | 0x80000000, bind.getInt(12), "raw"));
                SmscLinkTest.await(link::isBound);

                out.write(TestHex.bytes("00000010 00000777 00000000 00000063")); // command id 0x777, sequence 99
                ByteBuffer nack = read(in);

                assertThat(nack.getInt(4)).isEqualTo(GENERIC_NACK);
                assertThat(nack.getInt(8)).isEqualTo(ESME_RINVCMDID);
                assertThat(nack.getInt(12)).isEqualTo(99);
                assertThat(link.isBound()).isTrue();
            }
        }
    }

    private static Socket accept(ServerSocket server, SmscLink link) throws Exception {
        link.start();
        server.setSoTimeout(5000);
        Socket socket = server.accept();
        socket.setSoTimeout(5000);
        return socket;
    }

    private static ByteBuffer read(DataInputStream in) throws Exception {
        int length = in.readInt();
        byte[] pdu = new byte[length];
        ByteBuffer.wrap(pdu).putInt(length);
        in.readFully(pdu, 4, length - 4);
        return ByteBuffer.wrap(pdu);
    }
}
