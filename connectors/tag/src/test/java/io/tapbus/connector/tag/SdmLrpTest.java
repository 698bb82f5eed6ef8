package io.tapbus.connector.tag;

import static io.tapbus.connector.tag.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * LRP-mode SDM. NXP publishes no LRP worked example of SUN that could be found (AN12196's examples are AES only),
 * so these are THIRD-PARTY vectors: two LRP SUN messages with their intermediate values, from the test file
 * test_lrp_sdm.py of icedevml/ntag424-ev2-crypto (also shipped as tests/test_lrp_sdm.py in icedevml/sdm-backend,
 * now nfc-developer/sdm-backend), all keys zero. They were produced by that project, not by NXP, so they show
 * agreement with an independent implementation of NT4H2421Gx §9.3 on AN12304's primitives, not with silicon.
 */
class SdmLrpTest {

    private static final byte[] ZERO_KEY = new byte[16];

    @Test
    void decryptsPiccDataAndDerivesTheSessionMasterKey() throws Exception {
        // test_lrp_sdm.py, test_lrp_sdm: "AAE1508939ECF6FF26BCE407959AB1A5EC022819A35CD293x5E3DB82C19E3865F"
        // PICCData = PICCRand AAE1508939ECF6FF || LRICB block; SDMMAC over the PICCData text and "x"
        byte[] plaintext = SdmLrp.decryptPiccData(ZERO_KEY, hex("AAE1508939ECF6FF26BCE407959AB1A5EC022819A35CD293"));
        assertThat(hex(plaintext)).isEqualTo("C7042E1D222A63806A000016E2CA89D1");
        PiccData picc = PiccData.parse(plaintext);
        assertThat(picc.uidHex()).isEqualTo("042E1D222A6380");
        assertThat(picc.readCounter()).isEqualTo(0x6A);

        assertThat(hex(SdmLrp.sessionVector(picc))).isEqualTo("00010080042E1D222A63806A00001EE1");
        assertThat(hex(SdmLrp.sessionMasterKey(ZERO_KEY, picc))).isEqualTo("99C2FD9C885C2CA3C9089C20057310C0");

        byte[] input = "AAE1508939ECF6FF26BCE407959AB1A5EC022819A35CD293x".getBytes(StandardCharsets.US_ASCII);
        assertThat(hex(SdmMac.truncate(SdmLrp.fullMac(ZERO_KEY, picc, input)))).isEqualTo("5E3DB82C19E3865F");
    }

    @Test
    void decryptsFileDataWithTheCounterAsLricbCounter() throws Exception {
        // test_lrp_sdm.py, test_lrp_sdm_with_enc_file: https://any.domain/?m=65628ED36888CF9C84797E43ECACF114C6ED9A5E
        // 101EB592x4ADE304B5AB9474CB40AFFCAB0607A85x87E287E8135BFC06; file data "0102030400000000" in ASCII
        byte[] plaintext = SdmLrp.decryptPiccData(ZERO_KEY, hex("65628ED36888CF9C84797E43ECACF114C6ED9A5E101EB592"));
        assertThat(hex(plaintext)).isEqualTo("C7042E1D222A63807B00002993571635");
        PiccData picc = PiccData.parse(plaintext);
        assertThat(hex(SdmLrp.sessionMasterKey(ZERO_KEY, picc))).isEqualTo("817133DD9FFF11B94FC2FB107AA4D971");

        byte[] input = ("any.domain/?m=65628ED36888CF9C84797E43ECACF114C6ED9A5E101EB592"
                + "x4ADE304B5AB9474CB40AFFCAB0607A85x").getBytes(StandardCharsets.US_ASCII);
        assertThat(hex(SdmMac.truncate(SdmLrp.fullMac(ZERO_KEY, picc, input)))).isEqualTo("87E287E8135BFC06");

        byte[] fileData = SdmLrp.decryptFileData(ZERO_KEY, picc, hex("4ADE304B5AB9474CB40AFFCAB0607A85"));
        assertThat(new String(fileData, StandardCharsets.US_ASCII)).isEqualTo("0102030400000000");
    }
}
