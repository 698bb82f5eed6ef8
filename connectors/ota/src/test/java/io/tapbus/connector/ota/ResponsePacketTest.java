package io.tapbus.connector.ota;

import static io.tapbus.connector.ota.PySimVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proofs of receipt against pySim's published bytes, both ways, and what is refused. */
class ResponsePacketTest {

    private static OtaKeys keys(String algorithm, String kic, String kid) throws OtaException {
        return OtaKeys.of(OtaAlgorithm.parse(algorithm), bytes(kic), bytes(kid));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "3DES-SJA5-CIPHERED-CC, 3des, " + SJA5_3DES_KIC + ", " + SJA5_3DES_KID + ", true, 8, 6132, "
                + SJA5_3DES_CIPHERED_CC_POR,
        "3DES-SJA5-UNCIPHERED-CC, 3des, " + SJA5_3DES_KIC + ", " + SJA5_3DES_KID + ", false, 8, 6132, "
                + SJA5_3DES_UNCIPHERED_CC_POR,
        "3DES-SJA5-UNCIPHERED-NOCC, 3des, " + SJA5_3DES_KIC + ", " + SJA5_3DES_KID + ", false, 0, 6132, "
                + SJA5_3DES_NOCC_POR,
        "AES128-SJA5-CIPHERED-CC, aes, " + SJA5_AES_KIC + ", " + SJA5_AES_KID + ", true, 8, 6132, "
                + SJA5_AES_CIPHERED_CC_POR,
        "test_resp_3des_ciphered, 3des, " + CARD_3DES_KIC + ", " + CARD_3DES_KID + ", true, 8, 612F, "
                + CARD_3DES_CIPHERED_POR,
        "test_resp_3des_signed, 3des, " + CARD_3DES_KIC + ", " + CARD_3DES_KID + ", false, 8, 612F, "
                + CARD_3DES_SIGNED_POR,
        "test_resp_3des_none, 3des, " + CARD_3DES_KIC + ", " + CARD_3DES_KID + ", false, 0, 612F, "
                + CARD_3DES_NONE_POR})
    void pySimProofsOfReceiptDecodeToTheirValuesAndEncodeToTheirBytes(String name, String algorithm, String kic,
            String kid, boolean ciphered, int checksumLength, String statusWord, String userData) throws Exception {
        OtaKeys keys = keys(algorithm, kic, kid);
        for (ResponsePacket por : new ResponsePacket[] {ResponsePacket.decode(bytes(userData), keys, ciphered),
            ResponsePacket.decode(bytes(userData), keys)}) {
            assertThat(por.statusLabel()).isEqualTo("por_ok");
            assertThat(por.status()).contains(PorStatus.POR_OK);
            assertThat(Hex.of(por.tar())).isEqualTo(TAR_USIM_RFM);
            assertThat(por.counter()).isZero();
            assertThat(por.ciphered()).isEqualTo(ciphered);
            assertThat(por.checksumLength()).isEqualTo(checksumLength);
            RemoteResponse response = por.remoteResponse().orElseThrow();
            assertThat(response.numberOfCommands()).isEqualTo(1);
            assertThat(Hex.of(response.lastStatusWord())).isEqualTo(statusWord);
            assertThat(response.lastResponseData()).isEmpty();

            assertThat(Hex.of(por.encode(keys, ciphered, checksumLength))).isEqualTo(userData);
        }
    }

    @Test
    void aPorWithoutChecksumDecodesWithoutKeys() throws Exception {
        ResponsePacket por = ResponsePacket.decode(bytes(SJA5_3DES_NOCC_POR), null);
        assertThat(por.statusLabel()).isEqualTo("por_ok");
        assertThat(Hex.of(por.data())).isEqualTo("016132");
    }

    @Test
    void pySimsAlteredPorFailsItsChecksum() throws Exception {
        OtaKeys keys = keys("3des", CARD_3DES_KIC, CARD_3DES_KID);
        for (boolean detect : new boolean[] {false, true}) {
            assertThatThrownBy(() -> {
                if (detect) {
                    ResponsePacket.decode(bytes(CARD_3DES_SIGNED_POR_ALTERED), keys);
                } else {
                    ResponsePacket.decode(bytes(CARD_3DES_SIGNED_POR_ALTERED), keys, false);
                }
            }).isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                    .isEqualTo(OtaException.Kind.CHECKSUM_FAILED)).hasMessageContaining("rc_cc_ds_failed");
        }
    }

    @Test
    void aCipheredPorFailsWithTheWrongKeyOrTheWrongAlgorithm() throws Exception {
        OtaKeys wrongKid = keys("3des", SJA5_3DES_KIC, SJA5_3DES_KIC);
        assertThatThrownBy(() -> ResponsePacket.decode(bytes(SJA5_3DES_CIPHERED_CC_POR), wrongKid))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.CHECKSUM_FAILED))
                .hasMessageContaining("neither in clear nor deciphered");
        OtaKeys aesInstead = keys("aes", SJA5_3DES_KIC, SJA5_3DES_KID);
        assertThatThrownBy(() -> ResponsePacket.decode(bytes(SJA5_3DES_CIPHERED_CC_POR), aesInstead))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.CHECKSUM_FAILED));
        OtaKeys noKic = OtaKeys.of(OtaAlgorithm.TRIPLE_DES, null, bytes(SJA5_3DES_KID));
        assertThatThrownBy(() -> ResponsePacket.decode(bytes(SJA5_3DES_CIPHERED_CC_POR), noKic))
                .hasMessageContaining("needs the KIc key too");
    }

    @Test
    void aChecksummedPorNeedsTheKidKey() {
        assertThatThrownBy(() -> ResponsePacket.decode(bytes(SJA5_3DES_UNCIPHERED_CC_POR), null))
                .isInstanceOfSatisfying(OtaException.class, e -> assertThat(e.kind())
                        .isEqualTo(OtaException.Kind.MALFORMED))
                .hasMessageContaining("carries a 8-octet checksum: verifying it needs the KID key");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "                                                   | the user data is empty",
        "05710000                                           | UDHL says 5 octets, only 3 follow",
        "027102000E0AB0001100000000000000016132             | element 71 says 2 octets but UDHL 2 ends the header"
                + " after 0",
        "0371000000                                         | leaves no room for its length",
        "027000000E0AB0001100000000000000016132             | IEI 70: this is a command packet",
        "020500000E0AB0001100000000000000016132             | no response packet identifier (IEI 71)",
        "0371010000                                         | must be empty, it has 1 octets",
        "07000301020171000E0AB0001100000000000000016132     | a concatenated proof of receipt",
        "027100000F0AB0001100000000000000016132             | RPL says 15 octets follow, 14 do",
        "027100000E09B0001100000000000000016132             | RHL 9 is below 10",
        "027100000E13B0001100000000000000016132             | RHL 19 runs past the packet (RPL 14)",
        "027100000E0CB0001100000000000000016132             | a 2-octet RC/CC/DS",
        "027100000A0AB00011000000000000                     | 12 octets after the user data header",
        "027100000E0AB0001100000000000300016132             | PCNTR 3 does not fit a packet that is not ciphered"})
    void malformedProofsOfReceiptAreRefusedWithTheReason(String userData, String reason) {
        assertThatThrownBy(() -> ResponsePacket.decode(bytes(userData == null ? "" : userData), null))
                .isInstanceOf(OtaException.class).hasMessageContaining(reason);
    }

    @Test
    void otherStatusesKeepTheirNamesAndCarryNoRemoteResponse() throws Exception {
        OtaKeys keys = keys("aes", SJA5_AES_KIC, SJA5_AES_KID);
        for (PorStatus status : PorStatus.values()) {
            ResponsePacket por = new ResponsePacket(bytes("B00011"), 7, status.code(), new byte[0], false, 0);
            ResponsePacket back = ResponsePacket.decode(por.encode(keys, true, 8), keys, true);
            assertThat(back.statusLabel()).isEqualTo(status.label());
            assertThat(back.counter()).isEqualTo(7);
            assertThat(back.remoteResponse()).isEmpty();
        }
        assertThat(PorStatus.label(0x0D)).isEqualTo("reserved_0D");
        assertThat(PorStatus.label(0xC3)).isEqualTo("proprietary_C3");
        assertThat(PorStatus.CNTR_LOW.label()).isEqualTo("cntr_low");
    }

    @Test
    void aesCmacMayBeFourOctets() throws Exception {
        OtaKeys keys = keys("aes", SJA5_AES_KIC, SJA5_AES_KID);
        ResponsePacket por = new ResponsePacket(bytes("B00011"), 3, 0, bytes("01900000"), false, 0);
        byte[] userData = por.encode(keys, false, 4);
        assertThat(userData[5]).isEqualTo((byte) 14);
        ResponsePacket back = ResponsePacket.decode(userData, keys);
        assertThat(back.checksumLength()).isEqualTo(4);
        assertThat(Hex.of(back.remoteResponse().orElseThrow().lastResponseData())).isEqualTo("00");
        OtaKeys tripleDes = keys("3des", SJA5_3DES_KIC, SJA5_3DES_KID);
        assertThatThrownBy(() -> ResponsePacket.decode(userData, tripleDes, false))
                .hasMessageContaining("not a triple DES cryptographic checksum");
    }

    @Test
    void aPorOkWithTooLittleDataIsNoRemoteResponse() throws Exception {
        ResponsePacket por = new ResponsePacket(bytes("B00011"), 3, 0, bytes("0190"), false, 0);
        assertThatThrownBy(por::remoteResponse).hasMessageContaining("2 octets is not a compact remote response");
    }
}
