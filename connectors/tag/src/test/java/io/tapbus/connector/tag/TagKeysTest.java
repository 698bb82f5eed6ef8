package io.tapbus.connector.tag;

import static io.tapbus.connector.tag.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * AN10922 "Symmetric key diversifications" (NXP), §2.2.1, the AES-128 example: master key
 * 00112233445566778899AABBCCDDEEFF, UID 04782E21801D80, AID 3042F5, system identifier 4E585020416275 ("NXP Abu").
 * Values as transcribed by several independent open-source projects citing that section (e.g. the AN10922 tests of
 * public DESFire/NTAG 424 libraries); the PDF itself could not be opened from here.
 */
class TagKeysTest {

    private static final byte[] MASTER = hex("00112233445566778899AABBCCDDEEFF");
    private static final byte[] UID = hex("04782E21801D80");
    private static final byte[] AID = hex("3042F5");
    private static final byte[] SYSTEM_IDENTIFIER = hex("4E585020416275");

    @Test
    void reproducesTheAn10922Aes128Example() {
        // §2.2.1 steps: K0 = AES(K, 0), K1, K2, M = UID || AID || SystemIdentifier, diversified key
        byte[] k0 = Aes128.encryptBlock(MASTER, new byte[16]);
        assertThat(TestHex.hex(k0)).isEqualTo("FDE4FBAE4A09E020EFF722969F83832B");
        assertThat(TestHex.hex(Aes128.dbl(k0))).isEqualTo("FBC9F75C9413C041DFEE452D3F0706D1");
        assertThat(TestHex.hex(Aes128.dbl(Aes128.dbl(k0)))).isEqualTo("F793EEB928278083BFDC8A5A7E0E0D25");

        byte[] m = TagKeys.diversificationInput(UID, AID, SYSTEM_IDENTIFIER);
        assertThat(TestHex.hex(m)).isEqualTo("04782E21801D803042F54E585020416275");
        assertThat(TestHex.hex(TagKeys.diversify(MASTER, m))).isEqualTo("A8DD63A3B89D54B37CA802473FDA9175");
        assertThat(TestHex.hex(TagKeys.fileReadKey(MASTER, UID, AID, SYSTEM_IDENTIFIER)))
                .isEqualTo("A8DD63A3B89D54B37CA802473FDA9175");
    }

    @Test
    void equalsAPlainCmacFrom17To31InputBytesAsTheNoteImplies() {
        // not a published vector: with 18 to 32 bytes of D = 01 || M, AN10922's padding is CMAC's own padding
        for (int length = 17; length <= 31; length++) {
            byte[] m = new byte[length];
            Arrays.fill(m, (byte) length);
            byte[] d = new byte[length + 1];
            d[0] = 0x01;
            System.arraycopy(m, 0, d, 1, length);
            assertThat(TagKeys.diversify(MASTER, m)).as("M of %d bytes", length).isEqualTo(Aes128.cmac(MASTER, d));
        }
    }

    @Test
    void padsShortInputsToTwoBlocksUnlikeAPlainCmac() {
        // not a published vector: AN10922 always pads D to 32 bytes, so a short M is not CMAC(01 || M)
        byte[] m = hex("04782E21801D80");
        byte[] twoBlocks = hex("0104782E21801D80" + "800000000000000000000000000000000000000000000000");
        byte[] k2 = Aes128.dbl(Aes128.dbl(Aes128.encryptBlock(MASTER, new byte[16])));
        byte[] last = Aes128.xor(Arrays.copyOfRange(twoBlocks, 16, 32), k2);
        byte[] expected = Aes128.encryptBlock(MASTER,
                Aes128.xor(Aes128.encryptBlock(MASTER, Arrays.copyOf(twoBlocks, 16)), last));
        assertThat(TagKeys.diversify(MASTER, m)).isEqualTo(expected)
                .isNotEqualTo(Aes128.cmac(MASTER, hex("0104782E21801D80")));
    }

    @Test
    void differsPerTagAndPerMasterKey() {
        byte[] key = TagKeys.fileReadKey(MASTER, UID, AID, SYSTEM_IDENTIFIER);
        assertThat(TagKeys.fileReadKey(MASTER, hex("04782E21801D81"), AID, SYSTEM_IDENTIFIER)).isNotEqualTo(key);
        assertThat(TagKeys.fileReadKey(hex("00112233445566778899AABBCCDDEEFE"), UID, AID, SYSTEM_IDENTIFIER))
                .isNotEqualTo(key);
    }

    @Test
    void refusesInputsOutsideTheNote() {
        assertThatThrownBy(() -> TagKeys.diversify(MASTER, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagKeys.diversify(MASTER, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagKeys.diversify(new byte[24], new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagKeys.fileReadKey(MASTER, new byte[4], AID, SYSTEM_IDENTIFIER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TagKeys.diversify(MASTER, new byte[31])).hasSize(16);
        assertThat(TagKeys.diversify(MASTER, new byte[1])).hasSize(16);
    }
}
