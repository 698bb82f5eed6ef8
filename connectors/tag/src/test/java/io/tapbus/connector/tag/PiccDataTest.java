package io.tapbus.connector.tag;

import static io.tapbus.connector.tag.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PICCDataTag as NT4H2421Gx §9.3.4 Table 21 defines it; the padding bytes are arbitrary. */
class PiccDataTest {

    @Test
    void readsUidAndCounter() throws Exception {
        PiccData picc = PiccData.parse(hex("C704DE5F1EACC0403D0000DA5CF60941"));
        assertThat(picc.uidMirrored()).isTrue();
        assertThat(picc.counterMirrored()).isTrue();
        assertThat(picc.uidHex()).isEqualTo("04DE5F1EACC040");
        assertThat(picc.readCounter()).isEqualTo(61);
        assertThat(picc.toString()).contains("0xC7").contains("04DE5F1EACC040");
    }

    @Test
    void readsWhatIsMirroredAndNothingElse() throws Exception {
        PiccData uidOnly = PiccData.parse(hex("8704DE5F1EACC040FFFFFFFFFFFFFFFF"));
        assertThat(uidOnly.uidHex()).isEqualTo("04DE5F1EACC040");
        assertThat(uidOnly.counterMirrored()).isFalse();
        assertThat(uidOnly.readCounter()).isEqualTo(-1);

        PiccData counterOnly = PiccData.parse(hex("40563412" + "AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(counterOnly.uidHex()).isNull();
        assertThat(counterOnly.readCounter()).isEqualTo(0x123456);
    }

    @ParameterizedTest(name = "tag {0}")
    @CsvSource({
        "00, mirrors neither UID nor SDMReadCtr",
        "F7, RFU bits 5-4 are set",
        "D7, RFU bits 5-4 are set",
        "C6, UID length 6",
        "8A, UID length 10",
        "80, UID length 0",
        "47, UID length 7 without UID mirroring",
    })
    void refusesTagsNoNtag424Produces(String tag, String reason) {
        assertThatThrownBy(() -> PiccData.parse(hex(tag + "04DE5F1EACC0403D0000DA5CF60941")))
                .isInstanceOf(SunException.class)
                .hasMessageStartingWith("unknown PICCDataTag 0x" + tag)
                .hasMessageContaining(reason);
    }

    @Test
    void plainMirroringShowsTheCounterMsbFirst() {
        PiccData picc = PiccData.plain(hex("041E3C8A2D6B80"), hex("000106"));
        assertThat(picc.tag()).isEqualTo(-1);
        assertThat(hex(picc.counterLsbFirst())).isEqualTo("060100");
        assertThat(picc.readCounter()).isEqualTo(0x106);
        assertThat(PiccData.plain(hex("041E3C8A2D6B80"), hex("FFFFFF")).readCounter()).isEqualTo(0xFFFFFF);
        assertThatThrownBy(() -> PiccData.plain(hex("041E3C8A2D6B"), hex("000106")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
