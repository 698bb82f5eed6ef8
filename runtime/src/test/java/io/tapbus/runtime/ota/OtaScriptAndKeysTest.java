package io.tapbus.runtime.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.ota.CommandPacket;
import io.tapbus.connector.ota.OtaAlgorithm;
import io.tapbus.connector.ota.OtaKeys;
import io.tapbus.connector.ota.Spi;
import io.tapbus.runtime.domain.DomainError;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The C-APDUs of each kind of update, the key sets' coding, and that each card and key set gets its own keys. */
class OtaScriptAndKeysTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private final OtaScript script = new OtaScript("6F50", "6F51");
    private final OtaKeyRing ring = new OtaKeyRing(HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F"),
            OtaKeyRing.parseKeySets("2:3des, 1:aes"));

    @Test
    void eachKindBuildsItsCommands() {
        assertThat(HEX.formatHex(script.build("membership", "0102"))).isEqualTo("00A40004026F50" + "00E20000020102");
        assertThat(HEX.formatHex(script.build("TICKET", "03"))).isEqualTo("00A40004026F51" + "00E2000001" + "03");
        assertThat(HEX.formatHex(script.build("key", "AABB"))).isEqualTo("80E2800002AABB");
        assertThat(HEX.formatHex(script.build("apdus", "00B0000000"))).isEqualTo("00B0000000");
        assertThatThrownBy(() -> script.build("song", "00")).isInstanceOf(DomainError.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> script.build("key", "ABC")).isInstanceOf(DomainError.class).hasMessageContaining("hex");
        assertThatThrownBy(() -> script.build("key", "00".repeat(201))).isInstanceOf(DomainError.class)
                .hasMessageContaining("1 to 200 octets");
        assertThatThrownBy(() -> new OtaScript("6F5", "6F51")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tapbus.ota.file.membership");
    }

    @Test
    void keySetsAreCodedAndEachCardHasItsOwnKeys() throws Exception {
        assertThat(ring.keySet(null).index()).isEqualTo(1);
        assertThat(ring.keySet(1).identifier()).isEqualTo(0x12);
        assertThat(ring.keySet(2).identifier()).isEqualTo(0x25);
        assertThat(ring.keySet(2).algorithm()).isEqualTo(OtaAlgorithm.TRIPLE_DES);
        assertThatThrownBy(() -> ring.keySet(3)).isInstanceOf(DomainError.class).hasMessageContaining("[1, 2]");
        assertThatThrownBy(() -> OtaKeyRing.parseKeySets("1:des")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtaKeyRing.parseKeySets("16:aes")).isInstanceOf(IllegalArgumentException.class);

        byte[] tar = HexFormat.of().parseHex("B00010");
        Spi spi = new Spi(0x16, 0x39);
        OtaKeys mine = ring.keys("04A1B2C3D4E5F6", ring.keySet(1));
        byte[] packet = new CommandPacket(spi, 0x12, 0x12, tar, 7, script.build("key", "01")).encode(mine);
        assertThat(CommandPacket.decode(packet, ring.keys("04A1B2C3D4E5F6", ring.keySet(1))).counter()).isEqualTo(7);
        assertThatThrownBy(() -> CommandPacket.decode(packet, ring.keys("04B0B0B0B0B0B0", ring.keySet(1))))
                .as("another card's keys").isInstanceOf(io.tapbus.connector.ota.OtaException.class);
        assertThat(mine.toString()).doesNotContainPattern("[0-9A-F]{16}");
    }

    @Test
    void theStateJoinsTheProofOfReceiptAndTheShortMessages() {
        assertThat(OtaQueries.state("POR_OK", "DELIVERED")).isEqualTo("por_ok");
        assertThat(OtaQueries.state("POR_ERROR", "DELIVERED")).isEqualTo("por_failed");
        assertThat(OtaQueries.state("AWAITING_POR", "QUEUED")).isEqualTo("queued");
        assertThat(OtaQueries.state("AWAITING_POR", "ENROUTE")).isEqualTo("sent");
        assertThat(OtaQueries.state("AWAITING_POR", "DELIVERED")).isEqualTo("delivered");
        assertThat(OtaQueries.state("AWAITING_POR", "EXPIRED_UNSENT")).isEqualTo("failed");
        assertThat(OtaQueries.state("NO_POR", "OUTCOME_UNKNOWN")).isEqualTo("outcome_unknown");
    }
}
