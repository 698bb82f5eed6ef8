package io.tapbus.connector.tag;

import static io.tapbus.connector.tag.TestHex.flipHexDigit;
import static io.tapbus.connector.tag.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Whole messages, end to end. Sources of the messages:
 * <ul>
 *   <li>AN12196 Rev. 2.0 §3.4.2.1 (e/c URL, Tables 2 and 4), §3.4.3.1 (picc_data/enc/cmac URL, Table 3) and
 *       Table 5 (picc_data FD91.. with enc CEE9..): NXP.</li>
 *   <li>The demo URLs of icedevml/sdm-backend (now nfc-developer/sdm-backend, templates/sdm_main.html and README.md)
 *       and the LRP cases of its tests/test_libsdm.py: THIRD-PARTY, produced by that project's author with real or
 *       simulated tags, all keys zero. They are the only available examples of plain mirroring, of TagTamper and of
 *       LRP SUN URLs; they show agreement with that independent implementation, not with NXP.</li>
 * </ul>
 */
class SunVerifierTest {

    private static final byte[] ZERO_KEY = new byte[16];

    // AN12196 §3.4.2.1: https://ntag.nxp.com/424?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086
    private static final String T4_PICC = "EF963FF7828658A599F3041510671E88";
    private static final String T4_CMAC = "94EED9EE65337086";
    // AN12196 §3.4.3.1: ?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB&enc=94592FDE69FA06E8E3B6CA686A22842B&cmac=C48B89C17A233B2C
    private static final String T3_PICC = "FDE4AFA99B5C820A2C1BB0F1C792D0EB";
    private static final String T3_ENC = "94592FDE69FA06E8E3B6CA686A22842B";
    private static final String T3_CMAC = "C48B89C17A233B2C";
    // AN12196 Table 5: picc_data FD91EC264309878BE6345CBE53BADF40, enc CEE9A53E3E463EF1F459635736738962, MAC ECC1E7F6C6C73BF6
    private static final String T5_PICC = "FD91EC264309878BE6345CBE53BADF40";
    private static final String T5_ENC = "CEE9A53E3E463EF1F459635736738962";
    private static final String T5_CMAC = "ECC1E7F6C6C73BF6";

    private final SunVerifier aes = verifier(SunMode.AES);
    private final SunVerifier lrp = verifier(SunMode.LRP);

    @Test
    void acceptsTheAn12196MessageWithoutFileData() throws Exception {
        assertThat(aes.verifyEncrypted(T4_PICC, null, T4_CMAC, null))
                .isEqualTo(new SunResult("04DE5F1EACC040", 61, true, null, null));
    }

    @Test
    void acceptsTheAn12196MessageWithFileData() throws Exception {
        // the default MAC input "94592FDE69FA06E8E3B6CA686A22842B&cmac=" is what the §3.4.3.1 tag MACs
        assertThat(aes.verifyEncrypted(T3_PICC, T3_ENC, T3_CMAC, null))
                .isEqualTo(new SunResult("04958CAA5C5E80", 1, true, "78787878787878787878787878787878", null));
        assertThat(aes.verifyEncrypted(T3_PICC.toLowerCase(), T3_ENC.toLowerCase(), T3_CMAC.toLowerCase(), null)
                .macValid()).as("hex in lower case, as some phones rewrite URLs").isTrue();
    }

    @Test
    void acceptsTheTable5MessageWithItsMacInput() throws Exception {
        // the file data "xxxxxxxxxxxxxxxx" of this message is asserted by icedevml/sdm-backend's test_sun2
        SunResult result = aes.verifyEncrypted(T5_PICC, T5_ENC, T5_CMAC, "CEE9A53E3E463EF1F459635736738962&cmac=");
        assertThat(result).isEqualTo(new SunResult("04958CAA5C5E80", 8, true, "78787878787878787878787878787878", null));
        assertThat(SunVerifier.defaultMacInput(T5_ENC.toLowerCase())).isEqualTo("CEE9A53E3E463EF1F459635736738962&cmac=");
        assertThat(aes.verifyEncrypted(T5_PICC, T5_ENC, T5_CMAC, null)).isEqualTo(result);
    }

    @Test
    void acceptsPlainMirroring() throws Exception {
        // third-party: sdm-backend demo /tagpt?uid=041E3C8A2D6B80&ctr=000006&cmac=4B00064004B0B3D3 (empty MAC input);
        // the counter is MSB first in the URL and LSB first in SV2
        assertThat(aes.verifyPlain("041E3C8A2D6B80", "000006", null, "4B00064004B0B3D3", null))
                .isEqualTo(new SunResult("041E3C8A2D6B80", 6, true, null, null));
        assertThat(aes.verifyPlain("041E3C8A2D6B80", "060000", null, "4B00064004B0B3D3", null).macValid())
                .as("the counter read LSB first is another counter").isFalse();
        assertThat(aes.verifyPlain("041E3C8A2D6B80", "000007", null, "4B00064004B0B3D3", null).macValid())
                .as("a replayed MAC with the next counter").isFalse();
    }

    @Test
    void readsTheTagTamperStatusFromTheFileData() throws Exception {
        // third-party: sdm-backend demo /tagtt?picc_data=FDD387BF32A33A7C40CF259675B3A1E2&enc=EA050C282D8E9043E28F
        // 7A171464D697&cmac=758110182134ECE9, TTStatusOffset = SDMENCOffset; its README: the first two letters of the
        // file data are the TagTamper status. UID and counter below are read off this implementation's decryption.
        SunResult result = aes.withTagTamperAt(0).verifyEncrypted("FDD387BF32A33A7C40CF259675B3A1E2",
                "EA050C282D8E9043E28F7A171464D697", "758110182134ECE9", null);
        assertThat(result.macValid()).isTrue();
        assertThat(result.tagTamper()).isEqualTo("CC");
        assertThat(result.fileDataHex()).isEqualTo("43432D2D2D2D2D2D2D2D2D2D2D2D2D2D"); // "CC--------------"
        assertThat(result.uidHex()).isEqualTo("0469879A226880");
        assertThat(result.readCounter()).isEqualTo(2);
    }

    @Test
    void acceptsLrpMessages() throws Exception {
        // third-party: icedevml/sdm-backend tests/test_libsdm.py test_sdm_lrp2 (also its demo page)
        assertThat(lrp.verifyEncrypted("1FCBE61B3E4CAD980CBFDD333E7A4AC4A579569BAFD22C5F", null, "4231608BA7B02BA9", null))
                .isEqualTo(new SunResult("04940E2A2F7080", 3, true, null, null));
        // third-party: test_libsdm.py test_sdm_lrp1, file data "NTXXb7dz3PsYYBlU"
        assertThat(lrp.verifyEncrypted("07D9CA2545881D4BFDD920BE1603268C0714420DD893A497",
                "D6E921C47DB4C17C56F979F81559BB83", "F9481AC7D855BDB6", null))
                .isEqualTo(new SunResult("049B112A2F7080", 4, true, hex("NTXXb7dz3PsYYBlU".getBytes()), null));
    }

    @Test
    void readsTheTagTamperStatusOfAnLrpTag() throws Exception {
        // third-party: the LRP TagTamper demo URL of the sdm-backend demo page as republished by its ports
        // (?picc_data=8EE8E27DE3974FFE245F96C71087129B2E8449C9FF346F65&enc=48987A0D55638C017D1F4DC3D8ADD910
        // &cmac=862E781E52244A75), with its published result: UID 04940E2A2F7080, counter 1, file data
        // 4F4F2D2D.. ("OO--..."), status tampered open
        SunResult result = lrp.withTagTamperAt(0).verifyEncrypted("8EE8E27DE3974FFE245F96C71087129B2E8449C9FF346F65",
                "48987A0D55638C017D1F4DC3D8ADD910", "862E781E52244A75", null);
        assertThat(result).isEqualTo(new SunResult("04940E2A2F7080", 1, true, "4F4F2D2D2D2D2D2D2D2D2D2D2D2D2D2D", "OO"));
    }

    @Test
    void aFlippedBitAnywhereMakesTheMessageNotAuthentic() throws Exception {
        for (int i = 0; i < T3_CMAC.length(); i += 5) {
            assertThat(aes.verifyEncrypted(T3_PICC, T3_ENC, flipHexDigit(T3_CMAC, i), null).macValid())
                    .as("cmac digit %d", i).isFalse();
        }
        for (int i = 0; i < T3_ENC.length(); i += 7) {
            SunResult result = aes.verifyEncrypted(T3_PICC, flipHexDigit(T3_ENC, i), T3_CMAC, null);
            assertThat(result.macValid()).as("enc digit %d", i).isFalse();
            assertThat(result.fileDataHex()).as("unauthenticated data is not decrypted").isNull();
        }
        for (int i = 0; i < T3_PICC.length(); i += 3) {
            assertThat(aes.verifyEncrypted(flipHexDigit(T3_PICC, i), T3_ENC, T3_CMAC, null).macValid())
                    .as("picc_data digit %d", i).isFalse();
        }
        String lrpPicc = "1FCBE61B3E4CAD980CBFDD333E7A4AC4A579569BAFD22C5F";
        for (int i = 0; i < lrpPicc.length(); i += 5) {
            assertThat(lrp.verifyEncrypted(flipHexDigit(lrpPicc, i), null, "4231608BA7B02BA9", null).macValid())
                    .as("LRP picc_data digit %d (PICCRand included)", i).isFalse();
        }
        assertThat(aes.verifyPlain(flipHexDigit("041E3C8A2D6B80", 13), "000006", null, "4B00064004B0B3D3", null)
                .macValid()).as("plain uid").isFalse();
    }

    @Test
    void aMacFromAnotherTapIsNotAuthentic() throws Exception {
        assertThat(aes.verifyEncrypted(T4_PICC, null, T5_CMAC, null).macValid()).isFalse();
        assertThat(aes.verifyEncrypted(T5_PICC, T5_ENC, T3_CMAC, null).macValid()).isFalse();
        assertThat(aes.verifyEncrypted(T3_PICC, T5_ENC, T5_CMAC, null).macValid()).as("enc of another tap").isFalse();
        SunResult wrongInput = aes.verifyEncrypted(T3_PICC, T3_ENC, T3_CMAC, "");
        assertThat(wrongInput.macValid()).as("a MAC input other than the tag's").isFalse();
        assertThat(wrongInput.uidHex()).isEqualTo("04958CAA5C5E80");
    }

    @Test
    void wrongKeysAreNotAuthentic() throws Exception {
        byte[] other = hex("00000000000000000000000000000001");
        SunResult wrongFileKey = new SunVerifier(SunMode.AES, ZERO_KEY, other).verifyEncrypted(T4_PICC, null, T4_CMAC, null);
        assertThat(wrongFileKey).isEqualTo(new SunResult("04DE5F1EACC040", 61, false, null, null));

        SunResult wrongMetaKey = new SunVerifier(SunMode.AES, other, ZERO_KEY).verifyEncrypted(T4_PICC, null, T4_CMAC, null);
        assertThat(wrongMetaKey).isEqualTo(new SunResult(null, -1, false, null, null));

        assertThat(verifier(SunMode.LRP).verifyEncrypted(
                "1FCBE61B3E4CAD980CBFDD333E7A4AC4A579569BAFD22C5F", null, "4231608BA7B02BA9", null).macValid()).isTrue();
        assertThat(new SunVerifier(SunMode.LRP, ZERO_KEY, other).verifyEncrypted(
                "1FCBE61B3E4CAD980CBFDD333E7A4AC4A579569BAFD22C5F", null, "4231608BA7B02BA9", null).macValid()).isFalse();
    }

    @Test
    void decryptPiccDataNamesAnUnknownPiccDataTag() throws Exception {
        SunVerifier wrongMetaKey = new SunVerifier(SunMode.AES, hex("00000000000000000000000000000001"), ZERO_KEY);
        assertThatThrownBy(() -> wrongMetaKey.decryptPiccData(T4_PICC))
                .isInstanceOf(SunException.class).hasMessageStartingWith("unknown PICCDataTag 0x");
        assertThat(aes.decryptPiccData(T4_PICC).uidHex()).isEqualTo("04DE5F1EACC040");
    }

    @Test
    void refusesMalformedInputWithAReason() {
        assertThatThrownBy(() -> aes.verifyEncrypted(T4_PICC.substring(2), null, T4_CMAC, null))
                .isInstanceOf(SunException.class)
                .hasMessage("picc_data must be 16 bytes (32 hex digits), got 15 bytes (30 hex digits)");
        assertThatThrownBy(() -> aes.verifyEncrypted("1FCBE61B3E4CAD980CBFDD333E7A4AC4A579569BAFD22C5F", null, T4_CMAC, null))
                .isInstanceOf(SunException.class).hasMessageContaining("LRP-mode PICCData").hasMessageContaining("mode");
        assertThatThrownBy(() -> lrp.verifyEncrypted(T4_PICC, null, T4_CMAC, null))
                .isInstanceOf(SunException.class).hasMessageContaining("AES-mode PICCData");
        assertThatThrownBy(() -> aes.verifyEncrypted("EF963FF7828658A599F3041510671E8G", null, T4_CMAC, null))
                .isInstanceOf(SunException.class).hasMessage("picc_data is not hex: non-hex character at position 32");
        assertThatThrownBy(() -> aes.verifyEncrypted(T4_PICC, null, T4_CMAC + "0", null))
                .isInstanceOf(SunException.class).hasMessage("cmac is not hex: odd number of digits (17)");
        assertThatThrownBy(() -> aes.verifyEncrypted(T4_PICC, null, "94EED9EE653370", null))
                .isInstanceOf(SunException.class).hasMessageStartingWith("cmac must be 8 bytes");
        assertThatThrownBy(() -> aes.verifyEncrypted(T3_PICC, "94592FDE69FA06E8", T3_CMAC, null))
                .isInstanceOf(SunException.class).hasMessageStartingWith("enc must be whole 16-byte blocks");
        assertThatThrownBy(() -> aes.verifyEncrypted(T3_PICC, "", T3_CMAC, null))
                .isInstanceOf(SunException.class).hasMessage("enc is empty");
        assertThatThrownBy(() -> aes.verifyEncrypted(T3_PICC, T3_ENC, null, null))
                .isInstanceOf(SunException.class).hasMessage("cmac is missing");
        assertThatThrownBy(() -> aes.verifyPlain("041E3C8A2D6B", "000006", null, "4B00064004B0B3D3", null))
                .isInstanceOf(SunException.class).hasMessageStartingWith("uid must be 7 bytes");
        assertThatThrownBy(() -> aes.verifyPlain("041E3C8A2D6B80", "0006", null, "4B00064004B0B3D3", null))
                .isInstanceOf(SunException.class).hasMessageStartingWith("ctr must be 3 bytes");
    }

    @Test
    void refusesAConfigurationItCannotUse() throws Exception {
        assertThatThrownBy(() -> new SunVerifier(SunMode.AES, new byte[15], ZERO_KEY))
                .isInstanceOf(SunException.class).hasMessageContaining("meta-read key must be 16 bytes");
        assertThatThrownBy(() -> new SunVerifier(SunMode.AES, ZERO_KEY, null))
                .isInstanceOf(SunException.class).hasMessageContaining("file-read key must be 16 bytes");
        assertThatThrownBy(() -> new SunVerifier(SunMode.AES, null, ZERO_KEY).verifyEncrypted(T4_PICC, null, T4_CMAC, null))
                .isInstanceOf(SunException.class).hasMessageContaining("meta-read key is needed");
        assertThatThrownBy(() -> aes.withTagTamperAt(-1)).isInstanceOf(SunException.class);
        assertThatThrownBy(() -> aes.withTagTamperAt(0).verifyEncrypted(T4_PICC, null, T4_CMAC, null))
                .isInstanceOf(SunException.class).hasMessageContaining("no enc");
        assertThatThrownBy(() -> aes.withTagTamperAt(0).verifyEncrypted(T3_PICC, T3_ENC, T3_CMAC, null))
                .isInstanceOf(SunException.class).hasMessageContaining("78 78, not two of C, O, I");
        assertThatThrownBy(() -> aes.withTagTamperAt(15).verifyEncrypted(T3_PICC, T3_ENC, T3_CMAC, null))
                .isInstanceOf(SunException.class).hasMessageContaining("outside the 16 bytes");
    }

    private static SunVerifier verifier(SunMode mode) {
        try {
            return new SunVerifier(mode, ZERO_KEY, ZERO_KEY);
        } catch (SunException e) {
            throw new AssertionError(e);
        }
    }
}
