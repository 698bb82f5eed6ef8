package io.tapbus.connector.ota;

import static io.tapbus.connector.ota.PySimVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Securing commands with counters from the store, and matching proofs of receipt to them. */
class OtaSenderTest {

    private static final CardKeySet CARD = new CardKeySet("8988211000000467285", 3);
    private static final Spi SPI = new Spi(0x16, 0x39); // counter higher, ciphered, CC; PoR ciphered with CC
    private static final byte[] TAR = bytes(TAR_USIM_RFM);

    private OtaKeys keys;
    private InMemoryOtaCounterStore counters;
    private OtaSender sender;

    @BeforeEach
    void setUp() throws Exception {
        keys = OtaKeys.of(OtaAlgorithm.TRIPLE_DES, bytes(SJA5_3DES_KIC), bytes(SJA5_3DES_KID));
        counters = new InMemoryOtaCounterStore();
        sender = new OtaSender(counters);
    }

    /** What the card sends back for a packet: its TAR and counter, por_ok, one command answered 9000. */
    private byte[] cardAnswers(byte[] packet, int status) throws Exception {
        CommandPacket received = CommandPacket.decode(packet, keys);
        return new ResponsePacket(received.tar(), received.counter(), status, bytes("019000"), false, 0)
                .encode(keys, true, 8);
    }

    @Test
    void eachCommandGetsTheNextCounterAndItsPorIsAcceptedOnce() throws Exception {
        OtaSender.SecuredCommand first = sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, bytes(SELECT_MF));
        OtaSender.SecuredCommand second = sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, bytes(SELECT_MF));
        assertThat(first.counter()).isEqualTo(1);
        assertThat(second.counter()).isEqualTo(2);
        assertThat(first.userData()).hasSize(1);
        assertThat(SmsDataDownload.commandPacket(first.userData())).isEqualTo(first.packet());
        assertThat(CommandPacket.decode(first.packet(), keys).counter()).isEqualTo(1);

        byte[] por = cardAnswers(second.packet(), 0);
        ResponsePacket accepted = sender.receipt(CARD, keys, SPI, por);
        assertThat(accepted.counter()).isEqualTo(2);
        assertThat(accepted.remoteResponse().orElseThrow().numberOfCommands()).isEqualTo(1);

        assertThatThrownBy(() -> sender.receipt(CARD, keys, SPI, por))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.COUNTER_REPLAYED))
                .hasMessageContaining("counter 0000000002 of 8988211000000467285/3")
                .hasMessageContaining("answered already");
        assertThat(sender.receipt(CARD, keys, SPI, cardAnswers(first.packet(), 0)).counter()).isEqualTo(1);
    }

    @Test
    void aPorForACounterNeverSentIsRefused() throws Exception {
        sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, bytes(SELECT_MF));
        byte[] forged = new ResponsePacket(TAR, 9, 0, bytes("019000"), false, 0).encode(keys, true, 8);
        assertThatThrownBy(() -> sender.receipt(CARD, keys, SPI, forged))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.COUNTER_UNKNOWN))
                .hasMessageContaining("never sent");
    }

    @Test
    void moreTimeNeededKeepsTheCommandAwaitingItsFinalPor() throws Exception {
        OtaSender.SecuredCommand sent = sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, bytes(SELECT_MF));
        assertThat(sender.receipt(CARD, keys, SPI, cardAnswers(sent.packet(), 0x08)).statusLabel())
                .isEqualTo("more_time_needed");
        assertThat(sender.receipt(CARD, keys, SPI, cardAnswers(sent.packet(), 0x00)).statusLabel())
                .isEqualTo("por_ok");
    }

    @Test
    void aPorWithABadChecksumOrWithoutTheAskedChecksumIsRefused() throws Exception {
        OtaSender.SecuredCommand sent = sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, bytes(SELECT_MF));
        byte[] por = cardAnswers(sent.packet(), 0);
        por[por.length - 1] ^= 1;
        assertThatThrownBy(() -> sender.receipt(CARD, keys, SPI, por))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.CHECKSUM_FAILED));
        byte[] unauthenticated = new ResponsePacket(TAR, sent.counter(), 0, bytes("019000"), false, 0)
                .encode(keys, true, 0);
        assertThatThrownBy(() -> sender.receipt(CARD, keys, SPI, unauthenticated))
                .hasMessageContaining("asked for a checksummed proof of receipt and this one (status por_ok) has none");
        assertThat(sender.receipt(CARD, keys, SPI, cardAnswers(sent.packet(), 0)).statusLabel()).isEqualTo("por_ok");
    }

    @Test
    void inputThatCannotBeSentUsesNoCounter() throws Exception {
        assertThatThrownBy(() -> sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, new byte[0x10000]))
                .hasMessageContaining("CPL allows 65535");
        assertThatThrownBy(() -> sender.secure(CARD, keys, SPI, 0x25, 0x35, TAR, bytes(SELECT_MF)))
                .hasMessageContaining("KIc 25 uses key 2, but the counter is kept for key set 3");
        assertThatThrownBy(() -> sender.secure(CARD, keys, new Spi(0x16, 0x39), 0x32, 0x32, TAR, bytes(SELECT_MF)))
                .hasMessageContaining("names AES");
        assertThat(counters.last(CARD)).isEmpty();
        assertThat(sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, bytes(SELECT_MF)).counter()).isEqualTo(1);
    }

    @Test
    void aLongCommandGoesAsConcatenatedMessagesReferencedByItsCounter() throws Exception {
        byte[] update = bytes("00D6000080" + "5A".repeat(0x80) + "00D6008080" + "A5".repeat(0x80));
        OtaSender.SecuredCommand sent = sender.secure(CARD, keys, SPI, 0x35, 0x35, TAR, update);
        assertThat(sent.userData()).hasSize(3);
        assertThat(sent.userData().get(0)[3]).isEqualTo((byte) sent.counter());
        assertThat(CommandPacket.decode(SmsDataDownload.commandPacket(sent.userData()), keys).data()).isEqualTo(update);
    }
}
