package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReaderMacTest {

    private static final byte[] RFC_KEY = hex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] RFC_MESSAGE = hex("6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e51" + "30c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710");

    @ParameterizedTest(name = "RFC 4493 example with {0} bytes")
    @CsvSource({
            "0,  bb1d6929e95937287fa37d129b756746",
            "16, 070a16b46b4d4144f79bdd9dd04a287c",
            "40, dfa66747de9ae63030ca32611497c827",
            "64, 51f0bebf7e3b9d92fc49741779363cfe"})
    void matchesRfc4493Examples(int length, String expectedTag) {
        assertThat(hex(ReaderMac.cmac(RFC_KEY, RFC_MESSAGE, 0, length))).isEqualTo(expectedTag);
        assertThat(hex(ReaderMac.mac8(RFC_KEY, RFC_MESSAGE, 0, length))).isEqualTo(expectedTag.substring(0, 16));
        assertThat(hex(ReferenceCmac.cmac(RFC_KEY, Arrays.copyOf(RFC_MESSAGE, length)))).isEqualTo(expectedTag);
    }

    @Test
    void macCoversOnlyTheGivenRange() {
        byte[] padded = new byte[RFC_MESSAGE.length + 10];
        System.arraycopy(RFC_MESSAGE, 0, padded, 5, 16);
        assertThat(hex(ReaderMac.mac8(RFC_KEY, padded, 5, 16))).isEqualTo("070a16b46b4d4144");
    }

    @Test
    void verifyAcceptsOnlyTheExactMac() {
        byte[] mac = ReaderMac.mac8(RFC_KEY, RFC_MESSAGE, 0, 40);
        assertThat(ReaderMac.verify(RFC_KEY, RFC_MESSAGE, 0, 40, mac)).isTrue();

        byte[] flipped = mac.clone();
        flipped[7] ^= 0x01;
        assertThat(ReaderMac.verify(RFC_KEY, RFC_MESSAGE, 0, 40, flipped)).isFalse();
        assertThat(ReaderMac.verify(RFC_KEY, RFC_MESSAGE, 0, 39, mac)).isFalse();
        assertThat(ReaderMac.verify(RFC_KEY, RFC_MESSAGE, 0, 40, ReaderMac.cmac(RFC_KEY, RFC_MESSAGE, 0, 40))).isFalse();
        assertThat(ReaderMac.verify(RFC_KEY, RFC_MESSAGE, 0, 40, null)).isFalse();
    }

    @Test
    void rejectsKeysThatAreNotAes128() {
        assertThatThrownBy(() -> ReaderMac.mac8(new byte[24], RFC_MESSAGE, 0, 16))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReaderMac.mac8(null, RFC_MESSAGE, 0, 16))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int length = i % 65;
                        byte[] expected = ReferenceCmac.cmac(RFC_KEY, Arrays.copyOf(RFC_MESSAGE, length));
                        if (!Arrays.equals(ReaderMac.cmac(RFC_KEY, RFC_MESSAGE, 0, length), expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
