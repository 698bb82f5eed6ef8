package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.LengthHeader;
import io.tapbus.connector.bank.Tpdu;
import io.tapbus.connector.card.pcsc.CardReaderAgent;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.jpos.JposMessages;
import io.tapbus.runtime.jpos.RecordingPackager;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A jPOS terminal (jPOS 2.1.10, AGPL-3.0, test scope only: NACChannel, 2-byte length and a TPDU, with ISO87BPackager)
 * chained through TapBus's POS port, configured to match: layout binary, length header binary2, TPDU 6000010000.
 * It echoes, pays with a simulated TapBus card and gets its answers with the TPDU's addresses swapped; the bytes are
 * jPOS's own packing both ways. A terminal that leaves the TPDU out is answered with a format error, not cut off.
 */
class JposTerminalTest {
    private static final String TPDU = "6000010000";
    private static final AtomicInteger STAN = new AtomicInteger(500);
    private static final Iso8583Codec BINARY = Iso8583Codec.named("binary");

    private static RunningBus bus;
    private static CardReaderAgent card;
    private static final RecordingPackager PACKAGER = new RecordingPackager(new ISO87BPackager());

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus(Map.of("tapbus.pos.packager", "binary", "tapbus.pos.length-header", "binary2",
                "tapbus.pos.tpdu", TPDU));
        card = PosCards.card(DemoSeeder.ACTIVE_CARD_PAN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (bus != null) {
            bus.close();
        }
    }

    private static NACChannel terminal() throws Exception {
        NACChannel channel = new NACChannel("127.0.0.1", bus.posPort, PACKAGER, PosCards.HEX.parseHex(TPDU));
        channel.setTimeout(15_000);
        channel.connect();
        return channel;
    }

    private static ISOMsg exchange(NACChannel channel, ISOMsg request) throws Exception {
        channel.send(request);
        return channel.receive();
    }

    private static String nextStan() {
        return String.format("%06d", STAN.getAndIncrement());
    }

    private static ISOMsg echo(String stan) throws Exception {
        ISOMsg m = new ISOMsg("0800");
        m.set(7, "0612120000");
        m.set(11, stan);
        m.set(70, "301");
        return m;
    }

    @Test
    void anEchoIsAnsweredWithTheTpduAddressesSwapped() throws Exception {
        NACChannel channel = terminal();
        try {
            ISOMsg answer = exchange(channel, echo(nextStan()));

            assertThat(answer.getMTI()).isEqualTo("0810");
            assertThat(answer.getString(39)).isEqualTo("00");
            assertThat(answer.getString(70)).isEqualTo("301");
            assertThat(PosCards.HEX.formatHex(answer.getHeader())).isEqualTo("6000000001");
        } finally {
            channel.disconnect();
        }
    }

    @Test
    void aCardPaymentIsApprovedInTheTerminalsOwnTerms() throws Exception {
        long amount = 300;
        String stan = nextStan();
        ISOMsg request = new ISOMsg("0200");
        request.set(2, DemoSeeder.ACTIVE_CARD_PAN);
        request.set(3, "000000");
        request.set(4, String.format("%012d", amount));
        request.set(7, "0612" + stan.substring(2) + "00");
        request.set(11, stan);
        request.set(22, "071");
        request.set(23, "000");
        request.set(41, DemoSeeder.POS_TERMINAL);
        request.set(42, "DEMOSHOP0000001");
        request.set(49, "156");
        request.set(55, PosCards.field55(PosCards.tap(card, amount)));
        NACChannel channel = terminal();
        try {
            ISOMsg answer = exchange(channel, request);

            assertThat(answer.getMTI()).isEqualTo("0210");
            assertThat(answer.getString(39)).as(answer.toString()).isEqualTo("00");
            assertThat(answer.getString(38)).hasSize(6);
            assertThat(answer.getString(11)).isEqualTo(stan);
            assertThat(answer.getString(41)).isEqualTo(DemoSeeder.POS_TERMINAL);
            assertThat(answer.hasField(2)).as("the PAN is not echoed").isFalse();
        } finally {
            channel.disconnect();
        }
    }

    @Test
    void theBytesAreJposOwnPackingBothWays() throws Exception {
        NACChannel channel = terminal();
        try {
            exchange(channel, echo(nextStan()));
        } finally {
            channel.disconnect();
        }

        assertThat(PACKAGER.packed).isNotEmpty();
        for (byte[] sent : PACKAGER.packed) {
            ISOMsg theirs = unpack(sent);
            assertThat(BINARY.decode(sent)).as("TapBus reads what jPOS packed").isEqualTo(JposMessages.ours(theirs));
        }
        assertThat(PACKAGER.unpacked).isNotEmpty();
        for (byte[] received : PACKAGER.unpacked) {
            ISOMsg theirs = unpack(received);
            assertThat(PosCards.HEX.formatHex(theirs.pack())).as("jPOS packs TapBus's answer to the same bytes")
                    .isEqualTo(PosCards.HEX.formatHex(received));
            assertThat(PosCards.HEX.formatHex(BINARY.encode(JposMessages.ours(theirs))))
                    .isEqualTo(PosCards.HEX.formatHex(received));
        }
    }

    @Test
    void aFrameWithoutTheTpduIsAnsweredWithAFormatErrorAndTheConnectionStaysUp() throws Exception {
        Iso8583Framing link = new Iso8583Framing(LengthHeader.BINARY2, Tpdu.ofHex(TPDU));
        Iso8583Message echo = Iso8583Message.of("0800", Map.of(7, "0612120000", 11, nextStan(), 70, "301"));
        try (Socket socket = new Socket("127.0.0.1", bus.posPort)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            out.write(Iso8583Framing.frame(BINARY.encode(echo)));
            Iso8583Message refused = read(in, link);
            out.write(link.wrap(BINARY.encode(echo.with(11, nextStan()))));
            Iso8583Message answered = read(in, link);

            assertThat(refused.mti() + " " + refused.field(39)).isEqualTo("0810 30");
            assertThat(answered.mti() + " " + answered.field(39)).isEqualTo("0810 00");
        }
    }

    private static Iso8583Message read(DataInputStream in, Iso8583Framing link) throws Exception {
        byte[] frame = new byte[in.readUnsignedShort()];
        in.readFully(frame);
        return link.read(frame, BINARY).message();
    }

    private static ISOMsg unpack(byte[] bytes) throws Exception {
        ISOMsg m = new ISOMsg();
        m.setPackager(new ISO87BPackager());
        m.unpack(bytes);
        return m;
    }
}
