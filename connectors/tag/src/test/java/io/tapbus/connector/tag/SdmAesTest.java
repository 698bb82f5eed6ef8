package io.tapbus.connector.tag;

import static io.tapbus.connector.tag.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * AES-mode SDM against the worked examples of NXP AN12196 "NTAG 424 DNA and NTAG 424 DNA TagTamper features and
 * hints". Table and section numbers are those of Rev. 2.0 (4 March 2025); Rev. 1.8 numbers the same examples one
 * chapter higher (section 4.x) and its tables one higher (e.g. Rev. 1.8 Table 2 = Rev. 2.0 Table 1). The values were
 * cross-checked against several independent open-source transcriptions of the note (the PDF itself could not be
 * opened from here); every one of them agrees on the values below.
 */
class SdmAesTest {

    private static final byte[] ZERO_KEY = new byte[16];

    @Test
    void derivesTheSessionKeysOfTable1() throws Exception {
        // AN12196 §3.3 Table 1 (Rev. 1.8 §4.3 Table 2): SDM session key generation
        byte[] fileReadKey = hex("5ACE7E50AB65D5D51FD5BF5A16B8205B");
        PiccData picc = PiccData.plain(hex("04C767F2066180"), hex("000001")); // SDMReadCtr 010000 LSB first
        assertThat(hex(SdmAes.sessionVector1(picc))).isEqualTo("C33C0001008004C767F2066180010000");
        assertThat(hex(SdmAes.sessionVector2(picc))).isEqualTo("3CC30001008004C767F2066180010000");
        assertThat(hex(SdmAes.sessionEncKey(fileReadKey, picc))).isEqualTo("66DA61797E23DECA5D8ECA13BBADF7A9");
        assertThat(hex(SdmAes.sessionMacKey(fileReadKey, picc))).isEqualTo("3A3E8110E05311F7A3FCF0D969BF2B48");
    }

    @Test
    void decryptsThePiccDataOfTable2() throws Exception {
        // AN12196 §3.4.2.2 Table 2: PICCData decryption, KSDMMetaRead all zero,
        // URL https://ntag.nxp.com/424?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086 (§3.4.2.1)
        byte[] plaintext = SdmAes.decryptPiccData(ZERO_KEY, hex("EF963FF7828658A599F3041510671E88"));
        assertThat(hex(plaintext)).isEqualTo("C704DE5F1EACC0403D0000DA5CF60941");

        PiccData picc = PiccData.parse(plaintext);
        assertThat(picc.tag()).isEqualTo(0xC7);
        assertThat(picc.uidHex()).isEqualTo("04DE5F1EACC040");
        assertThat(hex(picc.counterLsbFirst())).isEqualTo("3D0000");
        assertThat(picc.readCounter()).isEqualTo(61);
    }

    @Test
    void decryptsTheFileDataOfTable3() throws Exception {
        // AN12196 §3.4.3.2 Table 3: SDMENCFileData decryption, KSDMFileRead all zero; URL of §3.4.3.1:
        // ?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB&enc=94592FDE69FA06E8E3B6CA686A22842B&cmac=C48B89C17A233B2C
        PiccData picc = PiccData.parse(SdmAes.decryptPiccData(ZERO_KEY, hex("FDE4AFA99B5C820A2C1BB0F1C792D0EB")));
        assertThat(picc.uidHex()).isEqualTo("04958CAA5C5E80");
        assertThat(picc.readCounter()).isEqualTo(1);

        byte[] encKey = SdmAes.sessionEncKey(ZERO_KEY, picc);
        assertThat(hex(encKey)).isEqualTo("8097D73344D53F963B09E23E03B62336");
        assertThat(hex(SdmAes.fileDataIv(encKey, picc))).isEqualTo("7B3F3CFC39D3B7FF5868636E38AF7C3A");
        assertThat(hex(SdmAes.decryptFileData(ZERO_KEY, picc, hex("94592FDE69FA06E8E3B6CA686A22842B"))))
                .isEqualTo("78787878787878787878787878787878"); // "xxxxxxxxxxxxxxxx"
    }

    @Test
    void computesTheSdmmacOfTable4OverAnEmptyInput() throws Exception {
        // AN12196 §3.4.4.2.1 Table 4 (Rev. 1.8 §4.4.4.2.1 Table 5): SDMMACInputOffset == SDMMACOffset
        PiccData picc = PiccData.parse(SdmAes.decryptPiccData(ZERO_KEY, hex("EF963FF7828658A599F3041510671E88")));
        assertThat(hex(SdmAes.sessionVector2(picc))).isEqualTo("3CC30001008004DE5F1EACC0403D0000");
        assertThat(hex(SdmAes.sessionMacKey(ZERO_KEY, picc))).isEqualTo("3FB5F6E3A807A03D5E3570ACE393776F");

        byte[] full = SdmAes.fullMac(ZERO_KEY, picc, new byte[0]);
        assertThat(hex(full)).isEqualTo("E194C7EE12D9F7EE8A65C8331B704386");
        assertThat(hex(SdmMac.truncate(full))).isEqualTo("94EED9EE65337086");
    }

    @Test
    void computesTheSdmmacOfTable5OverTheEncText() throws Exception {
        // AN12196 §3.4.4.2.2 Table 5: the MAC input is the ASCII text "CEE9A53E3E463EF1F459635736738962&cmac="
        byte[] plaintext = SdmAes.decryptPiccData(ZERO_KEY, hex("FD91EC264309878BE6345CBE53BADF40"));
        assertThat(hex(plaintext)).isEqualTo("C704958CAA5C5E80080000A243C86DFC");
        PiccData picc = PiccData.parse(plaintext);
        assertThat(picc.readCounter()).isEqualTo(8);
        assertThat(hex(SdmAes.sessionMacKey(ZERO_KEY, picc))).isEqualTo("3ED0920E5E6A0320D823D5987FEAFBB1");

        byte[] input = "CEE9A53E3E463EF1F459635736738962&cmac=".getBytes(StandardCharsets.US_ASCII);
        assertThat(hex(SdmMac.truncate(SdmAes.fullMac(ZERO_KEY, picc, input)))).isEqualTo("ECC1E7F6C6C73BF6");
    }

    @Test
    void truncationTakesTheOddBytesNotTheFirstOrEvenOnes() {
        // AN12196 §2 (MACt: S14 || S12 || ... || S0 counted from the other end) with Table 4's full CMAC
        byte[] full = hex("E194C7EE12D9F7EE8A65C8331B704386");
        assertThat(hex(SdmMac.truncate(full))).isEqualTo("94EED9EE65337086")
                .isNotEqualTo("E194C7EE12D9F7EE").isNotEqualTo("E1C712F78AC81B43");
        assertThat(SdmMac.matches(full, hex("94EED9EE65337086"))).isTrue();
        assertThat(SdmMac.matches(full, hex("94EED9EE65337087"))).isFalse();
        assertThat(SdmMac.matches(full, null)).isFalse();
    }

    @Test
    void aesCmacAndItsSubkeysMatchRfc4493() {
        // RFC 4493 §4, examples 1 and 2, and the subkeys of §4 (K1, K2) for key 2b7e1516...
        byte[] key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        assertThat(hex(Aes128.cmac(key, new byte[0]))).isEqualTo("BB1D6929E95937287FA37D129B756746");
        assertThat(hex(Aes128.cmac(key, hex("6bc1bee22e409f96e93d7e117393172a"))))
                .isEqualTo("070A16B46B4D4144F79BDD9DD04A287C");
        byte[] k1 = Aes128.dbl(Aes128.encryptBlock(key, new byte[16]));
        assertThat(hex(k1)).isEqualTo("FBEED618357133667C85E08F7236A8DE");
        assertThat(hex(Aes128.dbl(k1))).isEqualTo("F7DDAC306AE266CCF90BC11EE46D513B");
    }

    @Test
    void sessionVectorsPadWhenOnlyPartOfThePiccDataIsMirrored() throws Exception {
        // not a published vector: NT4H2421Gx §9.3.9.1 zero-pads SV2 to 16 bytes when UID or counter is absent
        PiccData uidOnly = PiccData.parse(hex("8704DE5F1EACC040" + "0000000000000000"));
        assertThat(hex(SdmAes.sessionVector2(uidOnly))).isEqualTo("3CC30001008004DE5F1EACC040000000");
        PiccData counterOnly = PiccData.parse(hex("403D0000" + "000000000000000000000000"));
        assertThat(hex(SdmAes.sessionVector2(counterOnly))).isEqualTo("3CC3000100803D000000000000000000");
    }
}
