package io.tapbus.connector.card;

import static io.tapbus.connector.card.PublishedVectors.IMK;
import static io.tapbus.connector.card.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.Hex;
import org.junit.jupiter.api.Test;

class EmvKeyDerivationTest {

    @Test
    void issuerMasterKeyCheckValueMatchesPyemv() {
        // pyemv tests/test_kd_hsm.py: key_check_digits(iss_mk, 2) == "08D7"
        assertThat(TripleDes.checkValue(hex(IMK))).startsWith(PublishedVectors.IMK_KCV_2).hasSize(6);
    }

    @Test
    void optionAMatchesPyemvDocumentedKey() {
        // pyemv pyemv/kd.py, derive_icc_mk_a docstring: PAN 12345678901234567, PSN 01
        byte[] iccMk = EmvKeyDerivation.iccMasterKeyOptionA(hex(IMK), new CardId("12345678901234567", "01"));
        assertThat(Hex.of(iccMk)).isEqualTo("73AD54688CEF2934B0979857E3C719F1");
    }

    @Test
    void optionACheckDigitsMatchPyemvHsmTests() {
        // pyemv tests/test_kd_hsm.py test_derive_icc_mk_a_psn: PAN 12345678901234567, PSN 45 -> FF08
        assertThat(kcv(iccMk("12345678901234567", "45"))).startsWith("FF08");
        // pyemv tests/test_ac_hsm.py test_generate_ac_emv_arpc1: PAN 9901234567890123, PSN 45 -> 1DA5
        assertThat(kcv(iccMk("9901234567890123", "45"))).startsWith("1DA5");
        // pyemv tests/test_cvn_hsm.py test_visa_cvn18: PAN 1234567890123456, PSN 00 -> BAB0
        assertThat(kcv(iccMk(PublishedVectors.CVN18_PAN, "00"))).startsWith(PublishedVectors.CVN18_ICC_MK_KCV_2);
    }

    @Test
    void optionADependsOnThePanSequenceNumber() {
        assertThat(iccMk("12345678901234567", "45")).isNotEqualTo(iccMk("12345678901234567", "46"));
        assertThat(kcv(iccMk("12345678901234567", "46"))).doesNotStartWith("FF08");
    }

    @Test
    void derivedKeysHaveOddParity() {
        byte[] iccMk = iccMk("12345678901234567", "45");
        byte[] sessionKey = EmvKeyDerivation.commonSessionKey(iccMk, 0x1234);
        for (byte b : iccMk) {
            assertThat(Integer.bitCount(b & 0xFF) % 2).isEqualTo(1);
        }
        for (byte b : sessionKey) {
            assertThat(Integer.bitCount(b & 0xFF) % 2).isEqualTo(1);
        }
    }

    @Test
    void commonSessionKeyMatchesPyemvDocumentedKey() {
        // pyemv pyemv/kd.py, derive_common_sk docstring: MK = IMK value, R = 001C000000000000
        byte[] expected = hex("E9FB384AF807B940FEDCEA613461B0C4");
        assertThat(EmvKeyDerivation.commonSessionKey(hex(IMK), hex("001C000000000000"))).isEqualTo(expected);
        assertThat(EmvKeyDerivation.commonSessionKey(hex(IMK), 0x001C)).isEqualTo(expected);
        assertThat(EmvKeyDerivation.commonSessionKey(hex(IMK), 0x001D)).isNotEqualTo(expected);
    }

    @Test
    void commonSessionKeyCheckDigitsMatchPyemvHsmTests() {
        // pyemv tests/test_cvn_hsm.py test_visa_cvn18: session key for ATC 001C -> 22C8
        byte[] cvn18Mk = iccMk(PublishedVectors.CVN18_PAN, PublishedVectors.CVN18_PSN);
        assertThat(kcv(EmvKeyDerivation.commonSessionKey(cvn18Mk, PublishedVectors.CVN18_ATC)))
                .startsWith(PublishedVectors.CVN18_SK_KCV_2);
        assertThat(kcv(EmvKeyDerivation.commonSessionKey(cvn18Mk, 0x001B))).doesNotStartWith("22C8");
        // pyemv tests/test_kd_hsm.py test_derive_common_sk: R = 1234567890123456 -> DF82
        assertThat(kcv(EmvKeyDerivation.commonSessionKey(iccMk("12345678901234567", "45"),
                hex("1234567890123456")))).startsWith("DF82");
    }

    @Test
    void refusesKeysAndAtcsOfTheWrongSize() {
        assertThatThrownBy(() -> EmvKeyDerivation.commonSessionKey(new byte[8], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmvKeyDerivation.commonSessionKey(hex(IMK), 0x10000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardId("1234", "00")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] iccMk(String pan, String psn) {
        return EmvKeyDerivation.iccMasterKeyOptionA(hex(IMK), new CardId(pan, psn));
    }

    private static String kcv(byte[] key) {
        return TripleDes.checkValue(key);
    }
}
