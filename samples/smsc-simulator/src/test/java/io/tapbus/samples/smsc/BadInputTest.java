package io.tapbus.samples.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bytes no SMPP library would send, written on a raw socket: the simulator answers with the protocol's own negative
 * responses (generic_nack, or the command's response with an error status) and stays up for the next ESME.
 */
class BadInputTest {

    private static final int GENERIC_NACK = 0x80000000;
    private static final int BIND_TRANSCEIVER = 0x00000009;
    private static final int SUBMIT_SM = 0x00000004;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private SmscSimulator smsc;

    private record Pdu(int length, int id, int status, int sequence) {
    }

    @BeforeEach
    void start() throws Exception {
        smsc = new SmscSimulator(SmscOptions.parse("--port", "0", "--control-port", "off", "--no-stdin",
                "--receipts", "off"), lines::add).start();
    }

    @AfterEach
    void stop() {
        smsc.close();
    }

    @Test
    void unknownCommandIdGetsGenericNackInvalidCommandIdAndTheSessionStaysBound() throws Exception {
        try (Socket socket = bound()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            write(out, 0x00000777, 2, new byte[0]);
            assertThat(read(in)).isEqualTo(new Pdu(16, GENERIC_NACK, 0x03, 2));
            // still bound: a well-formed submit_sm is answered with a message id
            write(out, SUBMIT_SM, 3, submitBody("8613800138000", "still here"));
            Pdu resp = read(in);
            assertThat(resp.id()).isEqualTo(0x80000004);
            assertThat(resp.status()).isZero();
            assertThat(resp.sequence()).isEqualTo(3);
        }
        assertThat(smsc.stats().submits()).isEqualTo(1);
    }

    @Test
    void aSubmitSmWhoseBodyDoesNotParseIsRefusedNotAccepted() throws Exception {
        try (Socket socket = bound()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            // service_type, then addresses that never end: every C-Octet String runs past the PDU
            write(out, SUBMIT_SM, 5, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII));
            Pdu answer = read(in);
            System.out.println("malformed submit_sm answered " + answer);
            assertThat(answer.sequence()).isEqualTo(5);
            assertThat(answer.status()).isNotZero();
            assertThat(answer.id()).isIn(GENERIC_NACK, 0x80000004);
        }
        assertThat(smsc.stats().submits()).isZero();
        stillServes();
    }

    @Test
    void aCommandLengthBelowTheHeaderGetsGenericNackInvalidLengthAndTheSimulatorStaysUp() throws Exception {
        try (Socket socket = bound()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.writeInt(8); // command_length 8: not even a header
            out.writeInt(SUBMIT_SM);
            out.writeInt(0);
            out.writeInt(6);
            out.flush();
            Pdu answer = read(in);
            assertThat(answer.id()).isEqualTo(GENERIC_NACK);
            assertThat(answer.status()).isEqualTo(0x02); // ESME_RINVCMDLEN
            // the stream can no longer be framed: the SMSC closes this connection
            socket.setSoTimeout(5000);
            try {
                while (true) {
                    read(in);
                }
            } catch (EOFException | java.net.SocketException closed) {
                // expected
            }
        }
        stillServes();
    }

    private void stillServes() throws Exception {
        try (Esme esme = Esme.transceiver(smsc.port())) {
            assertThat(esme.submit("+8613800138000", "the SMSC is still up", -1)).isNotBlank();
        }
    }

    private Socket bound() throws IOException {
        Socket socket = new Socket("127.0.0.1", smsc.port());
        socket.setSoTimeout(5000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cString(body, SmscOptions.DEMO_SYSTEM_ID);
        cString(body, SmscOptions.DEMO_PASSWORD);
        cString(body, "");
        body.write(0x34); // interface_version 3.4
        body.write(0);
        body.write(0);
        cString(body, "");
        write(new DataOutputStream(socket.getOutputStream()), BIND_TRANSCEIVER, 1, body.toByteArray());
        Pdu resp = read(new DataInputStream(socket.getInputStream()));
        assertThat(resp.id()).isEqualTo(0x80000009);
        assertThat(resp.status()).isZero();
        return socket;
    }

    private static byte[] submitBody(String to, String text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cString(body, "");
        body.write(3);
        body.write(0);
        cString(body, "10690000");
        body.write(1);
        body.write(1);
        cString(body, to);
        body.writeBytes(new byte[] {0, 0, 0}); // esm_class, protocol_id, priority_flag
        cString(body, "");
        cString(body, "");
        body.writeBytes(new byte[] {0, 0, 0, 0}); // registered_delivery, replace_if_present, data_coding, default id
        byte[] sm = text.getBytes(StandardCharsets.US_ASCII);
        body.write(sm.length);
        body.writeBytes(sm);
        return body.toByteArray();
    }

    private static void cString(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    private static void write(DataOutputStream out, int id, int sequence, byte[] body) throws IOException {
        out.writeInt(16 + body.length);
        out.writeInt(id);
        out.writeInt(0);
        out.writeInt(sequence);
        out.write(body);
        out.flush();
    }

    /** The next PDU, skipping enquire_link the SMSC may send. */
    private static Pdu read(DataInputStream in) throws IOException {
        while (true) {
            int length = in.readInt();
            Pdu pdu = new Pdu(length, in.readInt(), in.readInt(), in.readInt());
            in.skipNBytes(length - 16);
            if (pdu.id() != 0x00000015) {
                return pdu;
            }
        }
    }
}
