package io.tapbus.connector.ota;

import static io.tapbus.connector.ota.PySimVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command packets against pySim's published bytes, both ways, and what is refused. */
class CommandPacketTest {

    private static OtaKeys sja5TripleDes() throws OtaException {
        return OtaKeys.of(OtaAlgorithm.TRIPLE_DES, bytes(SJA5_3DES_KIC), bytes(SJA5_3DES_KID));
    }

    private static OtaKeys sja5Aes() throws OtaException {
        return OtaKeys.of(OtaAlgorithm.AES, bytes(SJA5_AES_KIC), bytes(SJA5_AES_KID));
    }

    private static OtaKeys card3() throws OtaException {
        return OtaKeys.of(OtaAlgorithm.TRIPLE_DES, bytes(CARD_3DES_KIC), bytes(CARD_3DES_KID));
    }

    private static CommandPacket packet(String spi, int keys, String tar, String data) throws OtaException {
        return new CommandPacket(Spi.of(bytes(spi)), keys, keys, bytes(tar), 0, bytes(data));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "3DES-SJA5-CIPHERED-CC, 0619, " + SJA5_3DES_CIPHERED_CC_CMD,
        "3DES-SJA5-UNCIPHERED-CC, 0609, " + SJA5_3DES_UNCIPHERED_CC_CMD,
        "3DES-SJA5-UNCIPHERED-NOCC, 0601, " + SJA5_3DES_NOCC_CMD})
    void tripleDesSja5PacketsAreTheirBytesBothWays(String name, String spi, String expected) throws Exception {
        byte[] encoded = packet(spi, 0x35, TAR_USIM_RFM, SELECT_MF).encode(sja5TripleDes());
        assertThat(Hex.of(encoded)).isEqualTo(expected);

        CommandPacket decoded = CommandPacket.decode(bytes(expected), sja5TripleDes());
        assertThat(Hex.of(decoded.data())).isEqualTo(SELECT_MF);
        assertThat(Hex.of(decoded.tar())).isEqualTo(TAR_USIM_RFM);
        assertThat(decoded.spi()).isEqualTo(Spi.of(bytes(spi)));
        assertThat(decoded.counter()).isZero();
    }

    @Test
    void aesSja5PacketIsItsBytesBothWays() throws Exception {
        byte[] encoded = packet("0619", 0x22, TAR_USIM_RFM, SELECT_MF).encode(sja5Aes());
        assertThat(Hex.of(encoded)).isEqualTo(SJA5_AES_CIPHERED_CC_CMD);
        assertThat(Hex.of(CommandPacket.decode(encoded, sja5Aes()).data())).isEqualTo(SELECT_MF);
    }

    @Test
    void card3PacketsAreTheirBytesWithTheCplPySimLeavesOut() throws Exception {
        assertThat(Hex.of(packet("0419", 0x35, TAR_RAM, SELECT_MF_P2_00).encode(card3())))
                .isEqualTo(CARD_3DES_CIPHERED_CMD);
        assertThat(Hex.of(packet("0219", 0x35, TAR_RAM, SELECT_MF_P2_00).encode(card3())))
                .isEqualTo("001D" + CARD_3DES_SIGNED_CMD_AFTER_CPL);
        assertThat(Hex.of(packet("0019", 0x35, TAR_RAM, SELECT_MF_P2_00).encode(card3())))
                .isEqualTo("0015" + CARD_3DES_NONE_CMD_AFTER_CPL);
        assertThat(Hex.of(CommandPacket.decode(bytes("001D" + CARD_3DES_SIGNED_CMD_AFTER_CPL), card3()).data()))
                .isEqualTo(SELECT_MF_P2_00);
    }

    @ParameterizedTest(name = "{0} KIc/KID {1}, key {2}")
    @CsvSource({
        "3DES, 19, 0123456789ABCDEFFEDCBA98765432100011223344556677",
        "3DES, 10, 0123456789ABCDEFFEDCBA9876543210",
        "AES, 12, 000102030405060708090A0B0C0D0E0F1011121314151617",
        "AES, 12, 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"})
    void otherKeyLengthsAndImplicitAlgorithmsGoRoundTrip(String algorithm, String identifier, String key)
            throws Exception {
        OtaAlgorithm algo = algorithm.equals("AES") ? OtaAlgorithm.AES : OtaAlgorithm.TRIPLE_DES;
        OtaKeys keys = OtaKeys.of(algo, bytes(key), bytes(key));
        int id = Integer.parseInt(identifier, 16);
        for (String data : new String[] {"", "01", "00A40004023F00", "00D6000010" + "AB".repeat(16)}) {
            CommandPacket packet = new CommandPacket(Spi.of(bytes("1621")), id, id, bytes("000001"), 42, bytes(data));
            byte[] encoded = packet.encode(keys);
            CommandPacket decoded = CommandPacket.decode(encoded, keys);
            assertThat(Hex.of(decoded.data())).isEqualTo(data);
            assertThat(decoded.counter()).isEqualTo(42);
            assertThat((encoded.length - CommandPacket.CLEAR_PART) % algo.blockSize()).isZero();
        }
    }

    @Test
    void aTamperedPacketFailsItsChecksum() throws Exception {
        byte[] packet = bytes("001D" + CARD_3DES_SIGNED_CMD_AFTER_CPL);
        packet[packet.length - 1] ^= 1;
        assertThatThrownBy(() -> CommandPacket.decode(packet, card3()))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.CHECKSUM_FAILED))
                .hasMessageContaining("rc_cc_ds_failed");

        byte[] ciphered = bytes(SJA5_AES_CIPHERED_CC_CMD);
        ciphered[12] ^= 0x40;
        assertThatThrownBy(() -> CommandPacket.decode(ciphered, sja5Aes()))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.CHECKSUM_FAILED));
    }

    @Test
    void lengthFieldsThatDoNotAddUpAreRefused() throws Exception {
        assertThatThrownBy(() -> CommandPacket.decode(bytes("0021" + SJA5_3DES_NOCC_CMD.substring(4)), sja5TripleDes()))
                .hasMessageContaining("CPL says 33 octets follow, 32 do");
        assertThatThrownBy(() -> CommandPacket.decode(bytes("00201D" + SJA5_3DES_NOCC_CMD.substring(6)),
                sja5TripleDes())).hasMessageContaining("CHL 29 does not fit the SPI 0601");
        assertThatThrownBy(() -> CommandPacket.decode(bytes(SJA5_3DES_NOCC_CMD.substring(0, 20)), sja5TripleDes()))
                .hasMessageContaining("at least 16 octets");
        assertThatThrownBy(() -> CommandPacket.decode(bytes("000F" + CARD_3DES_CIPHERED_CMD.substring(4, 34)), card3()))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.CIPHERING_FAILED))
                .hasMessageContaining("not whole 8-octet blocks");
    }

    @Test
    void whatTapBusDoesNotSendIsRefusedWithTheReason() throws Exception {
        OtaKeys keys = sja5TripleDes();
        assertThatThrownBy(() -> packet("0619", 0x31, TAR_USIM_RFM, SELECT_MF).encode(keys))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.UNSUPPORTED))
                .hasMessageContaining("KIc 31 names single DES");
        assertThatThrownBy(() -> packet("0119", 0x35, TAR_USIM_RFM, SELECT_MF).encode(keys))
                .hasMessageContaining("redundancy check (RC)");
        assertThatThrownBy(() -> packet("0319", 0x35, TAR_USIM_RFM, SELECT_MF).encode(keys))
                .hasMessageContaining("digital signature (DS)");
        assertThatThrownBy(() -> packet("0619", 0x22, TAR_USIM_RFM, SELECT_MF).encode(keys))
                .hasMessageContaining("KIc 22 names AES but the algorithm is 3des");
        assertThatThrownBy(() -> packet("0619", 0x39, TAR_USIM_RFM, SELECT_MF).encode(keys))
                .hasMessageContaining("3 keys, which is a 24-octet key, got 16");
        assertThatThrownBy(() -> packet("0619", 0x26, TAR_USIM_RFM, SELECT_MF).encode(sja5Aes()))
                .hasMessageContaining("is reserved");
        assertThatThrownBy(() -> Spi.of(bytes("2619"))).hasMessageContaining("reserved");
        assertThatThrownBy(() -> OtaKeys.of(OtaAlgorithm.AES, new byte[15], null))
                .hasMessageContaining("the KIc key must be 16, 24 or 32 octets for aes, got 15");
        assertThatThrownBy(() -> packet("0619", 0x35, TAR_USIM_RFM, SELECT_MF).encode(
                OtaKeys.of(OtaAlgorithm.TRIPLE_DES, null, bytes(SJA5_3DES_KID))))
                .hasMessageContaining("ciphering needs the KIc key");
    }

    @Test
    void theSpiReadsAsTheSpecificationCodesIt() throws Exception {
        Spi spi = Spi.of(bytes("1639"));
        assertThat(spi.counterMode()).isEqualTo(Spi.CounterMode.HIGHER);
        assertThat(spi.ciphered()).isTrue();
        assertThat(spi.integrity()).isEqualTo(Spi.Integrity.CRYPTOGRAPHIC_CHECKSUM);
        assertThat(spi.porRequest()).isEqualTo(Spi.PorRequest.ALWAYS);
        assertThat(spi.porIntegrity()).isEqualTo(Spi.Integrity.CRYPTOGRAPHIC_CHECKSUM);
        assertThat(spi.porCiphered()).isTrue();
        assertThat(spi.porViaSmsSubmit()).isTrue();
        assertThat(spi).hasToString("1639");
    }
}
