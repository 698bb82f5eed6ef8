package io.tapbus.samples.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.tag.PiccData;
import io.tapbus.connector.tag.SdmAes;
import io.tapbus.connector.tag.SdmLrp;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.SunResult;
import io.tapbus.connector.tag.SunVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The writer against published messages and against the connector's verifier. Sources of the published messages:
 * AN12196 Rev. 2.0 §3.4.2.1 (Tables 2 and 4) and §3.4.3.1 (Table 3), NXP; the LRP messages of icedevml/sdm-backend
 * tests/test_libsdm.py (test_sdm_lrp1, test_sdm_lrp2), THIRD-PARTY, all keys zero. The random part of each published
 * PICCData (the padding, and PICCRand in LRP) is taken from that published PICCData itself.
 */
class SunMessageWriterTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] ZERO_KEY = new byte[16];
    private static final byte[] META_KEY = hex("00112233445566778899AABBCCDDEEFF");
    private static final byte[] FILE_KEY = hex("5ACE7E50AB65D5D51FD5BF5A16B8205B");

    @Test
    void reproducesTheAn12196MessageWithoutFileData() {
        // AN12196 §3.4.2.1: ?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086; Table 2 gives the plaintext
        // C7 04DE5F1EACC040 3D0000 DA5CF60941, so its random padding is DA5CF60941
        SunMessage message = new SunMessageWriter(SunMode.AES, ZERO_KEY, ZERO_KEY)
                .write(hex("04DE5F1EACC040"), 61, null, hex("DA5CF60941"));

        assertThat(message).isEqualTo(new SunMessage("EF963FF7828658A599F3041510671E88", null, "94EED9EE65337086"));
        assertThat(message.toUrl("https://ntag.nxp.com/424"))
                .isEqualTo("https://ntag.nxp.com/424?picc_data=EF963FF7828658A599F3041510671E88&cmac=94EED9EE65337086");
    }

    @Test
    void reproducesTheAn12196MessageWithFileData() {
        // AN12196 §3.4.3.1: ?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB&enc=94592FDE69FA06E8E3B6CA686A22842B
        // &cmac=C48B89C17A233B2C, file data "xxxxxxxxxxxxxxxx" (Table 3), UID 04958CAA5C5E80, counter 1
        byte[] padding = publishedAesPadding("FDE4AFA99B5C820A2C1BB0F1C792D0EB");
        SunMessage message = new SunMessageWriter(SunMode.AES, ZERO_KEY, ZERO_KEY)
                .write(hex("04958CAA5C5E80"), 1, SunMessageWriter.padFileData("xxxxxxxxxxxxxxxx"), padding);

        assertThat(message.toUrl("https://www.my424dna.com/")).isEqualTo("https://www.my424dna.com/"
                + "?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB&enc=94592FDE69FA06E8E3B6CA686A22842B&cmac=C48B89C17A233B2C");
    }

    @Test
    void reproducesThirdPartyLrpMessages() {
        SunMessageWriter lrp = new SunMessageWriter(SunMode.LRP, ZERO_KEY, ZERO_KEY);
        // test_sdm_lrp1: UID 049B112A2F7080, counter 4, file data "NTXXb7dz3PsYYBlU"
        String picc1 = "07D9CA2545881D4BFDD920BE1603268C0714420DD893A497";
        assertThat(lrp.write(hex("049B112A2F7080"), 4, SunMessageWriter.padFileData("NTXXb7dz3PsYYBlU"),
                publishedLrpRandom(picc1)))
                .isEqualTo(new SunMessage(picc1, "D6E921C47DB4C17C56F979F81559BB83", "F9481AC7D855BDB6"));
        // test_sdm_lrp2: UID 04940E2A2F7080, counter 3, no file data
        String picc2 = "1FCBE61B3E4CAD980CBFDD333E7A4AC4A579569BAFD22C5F";
        assertThat(lrp.write(hex("04940E2A2F7080"), 3, null, publishedLrpRandom(picc2)))
                .isEqualTo(new SunMessage(picc2, null, "4231608BA7B02BA9"));
    }

    @Test
    void randomPaddingStillDecryptsToTheUidAndCounter() throws Exception {
        SunMessageWriter writer = new SunMessageWriter(SunMode.AES, ZERO_KEY, ZERO_KEY);
        SunMessage first = writer.write(hex("04DE5F1EACC040"), 61, null);
        SunMessage second = writer.write(hex("04DE5F1EACC040"), 61, null);

        assertThat(first.piccData()).hasSize(32).matches("[0-9A-F]{32}").isNotEqualTo(second.piccData());
        byte[] plaintext = SdmAes.decryptPiccData(ZERO_KEY, hex(first.piccData()));
        assertThat(HEX.formatHex(plaintext)).startsWith("C704DE5F1EACC0403D0000");
        PiccData picc = PiccData.parse(plaintext);
        assertThat(picc.uidHex()).isEqualTo("04DE5F1EACC040");
        assertThat(picc.readCounter()).isEqualTo(61);
        // the MAC does not cover PICCData's padding, only UID and counter: same cmac both times
        assertThat(first.cmac()).isEqualTo(second.cmac()).isEqualTo("94EED9EE65337086");
    }

    @Test
    void genuineMessagesVerifyInBothModes() throws Exception {
        byte[] uid = hex("04A1B2C3D4E5F6");
        for (SunMode mode : SunMode.values()) {
            SunMessageWriter writer = new SunMessageWriter(mode, META_KEY, FILE_KEY, new Random(7));
            SunVerifier verifier = new SunVerifier(mode, META_KEY, FILE_KEY);
            for (int counter : new int[] {0, 1, 61, 65_536, SunMessageWriter.MAX_COUNTER}) {
                SunMessage plain = writer.write(uid, counter, null);
                assertThat(plain.piccData()).hasSize(2 * mode.piccDataLength());
                assertThat(plain.cmac()).matches("[0-9A-F]{16}");
                assertThat(verifier.verifyEncrypted(plain.piccData(), null, plain.cmac(), null))
                        .as("%s counter %d", mode, counter)
                        .isEqualTo(new SunResult("04A1B2C3D4E5F6", counter, true, null, null));

                byte[] fileData = SunMessageWriter.padFileData("seat 12A, line 7 — Zürich HB");
                SunMessage withFile = writer.write(uid, counter, fileData);
                assertThat(withFile.enc()).hasSize(2 * fileData.length);
                assertThat(verifier.verifyEncrypted(withFile.piccData(), withFile.enc(), withFile.cmac(), null))
                        .as("%s counter %d with file data", mode, counter)
                        .isEqualTo(new SunResult("04A1B2C3D4E5F6", counter, true, HEX.formatHex(fileData), null));
            }
        }
    }

    @Test
    void forgedMessagesDoNotVerify() throws Exception {
        for (SunMode mode : SunMode.values()) {
            SunMessage genuine = new SunMessageWriter(mode, META_KEY, FILE_KEY)
                    .write(hex("04A1B2C3D4E5F6"), 5, SunMessageWriter.padFileData("CC"));
            SunMessage forged = genuine.forged();
            assertThat(forged.piccData()).isEqualTo(genuine.piccData());
            assertThat(forged.enc()).isEqualTo(genuine.enc());
            assertThat(Long.bitCount(Long.parseUnsignedLong(forged.cmac(), 16)
                    ^ Long.parseUnsignedLong(genuine.cmac(), 16))).as("one bit flipped").isEqualTo(1);

            SunResult result = new SunVerifier(mode, META_KEY, FILE_KEY)
                    .verifyEncrypted(forged.piccData(), forged.enc(), forged.cmac(), null);
            assertThat(result.macValid()).isFalse();
            assertThat(result.fileDataHex()).isNull();
        }
    }

    @Test
    void aWrongKeyOnTheVerifierSideDoesNotVerify() throws Exception {
        SunMessage message = new SunMessageWriter(SunMode.AES, META_KEY, FILE_KEY).write(hex("04A1B2C3D4E5F6"), 9, null);
        assertThat(new SunVerifier(SunMode.AES, META_KEY, ZERO_KEY)
                .verifyEncrypted(message.piccData(), null, message.cmac(), null).macValid()).isFalse();
        assertThat(new SunVerifier(SunMode.AES, ZERO_KEY, FILE_KEY)
                .verifyEncrypted(message.piccData(), null, message.cmac(), null).macValid()).isFalse();
    }

    @Test
    void padsFileDataWithZerosToWholeBlocks() {
        assertThat(SunMessageWriter.padFileData("xxxxxxxxxxxxxxxx")).isEqualTo("xxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(SunMessageWriter.padFileData("CC"))).isEqualTo("43430000000000000000000000000000");
        assertThat(SunMessageWriter.padFileData("x".repeat(17))).hasSize(32);
        assertThat(SunMessageWriter.padFileData(null)).isNull();
        assertThatThrownBy(() -> SunMessageWriter.padFileData("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWhatNoTagWrites() {
        SunMessageWriter writer = new SunMessageWriter(SunMode.AES, META_KEY, FILE_KEY);
        assertThatThrownBy(() -> writer.write(hex("04A1B2C3D4E5"), 1, null)).hasMessageContaining("UID");
        assertThatThrownBy(() -> writer.write(hex("04A1B2C3D4E5F6"), -1, null)).hasMessageContaining("SDMReadCtr");
        assertThatThrownBy(() -> writer.write(hex("04A1B2C3D4E5F6"), 1 << 24, null)).hasMessageContaining("SDMReadCtr");
        assertThatThrownBy(() -> writer.write(hex("04A1B2C3D4E5F6"), 1, new byte[15])).hasMessageContaining("16-byte");
        assertThatThrownBy(() -> writer.write(hex("04A1B2C3D4E5F6"), 1, null, new byte[13])).hasMessageContaining("5 random");
        assertThatThrownBy(() -> new SunMessageWriter(SunMode.LRP, META_KEY, new byte[15])).hasMessageContaining("16 bytes");
        assertThat(new SunMessageWriter(SunMode.LRP, META_KEY, FILE_KEY).piccRandomLength()).isEqualTo(13);
    }

    /** The 5 random padding bytes of a published AES PICCData, read back with the zero meta-read key. */
    private static byte[] publishedAesPadding(String piccData) {
        byte[] plaintext = SdmAes.decryptPiccData(ZERO_KEY, hex(piccData));
        return Arrays.copyOfRange(plaintext, 11, 16);
    }

    /** PICCRand (the first 8 bytes) and the 5 padding bytes of a published LRP PICCData. */
    private static byte[] publishedLrpRandom(String piccData) {
        byte[] encrypted = hex(piccData);
        byte[] plaintext = SdmLrp.decryptPiccData(ZERO_KEY, encrypted);
        byte[] random = new byte[13];
        System.arraycopy(encrypted, 0, random, 0, 8);
        System.arraycopy(plaintext, 11, random, 8, 5);
        return random;
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }
}
