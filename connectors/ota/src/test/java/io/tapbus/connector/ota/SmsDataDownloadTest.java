package io.tapbus.connector.ota;

import static io.tapbus.connector.ota.PySimVectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.Hex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SMS-PP data download packaging: one message with IEI 70, or concatenated parts. */
class SmsDataDownloadTest {

    @Test
    void aShortPacketIsOneMessageAsPySimBuildsIt() throws Exception {
        List<byte[]> userData = SmsDataDownload.userData(bytes(SJA5_3DES_CIPHERED_CC_CMD), 0);
        assertThat(userData).hasSize(1);
        assertThat(Hex.of(userData.get(0))).isEqualTo("027000" + SJA5_3DES_CIPHERED_CC_CMD);
        assertThat(SJA5_3DES_CIPHERED_CC_TPDU).endsWith(Hex.of(userData.get(0)));
        assertThat(SJA5_3DES_CIPHERED_CC_TPDU.substring(14, 18)).as("TP-PID and TP-DCS")
                .isEqualTo(String.format("%02X%02X", SmsDataDownload.PROTOCOL_ID, SmsDataDownload.DATA_CODING));
        assertThat(SmsDataDownload.commandPacket(userData)).isEqualTo(bytes(SJA5_3DES_CIPHERED_CC_CMD));
    }

    @Test
    void theLongestSingleMessageAndTheShortestConcatenation() throws Exception {
        assertThat(SmsDataDownload.userData(new byte[137], 0)).hasSize(1).allSatisfy(m -> assertThat(m).hasSize(140));
        List<byte[]> two = SmsDataDownload.userData(new byte[138], 9);
        assertThat(two).hasSize(2);
        assertThat(Hex.of(two.get(0)).substring(0, 16)).isEqualTo("0700030902017000");
        assertThat(Hex.of(two.get(1)).substring(0, 12)).isEqualTo("050003090202");
        assertThat(two.get(0)).hasSize(140);
        assertThat(two.get(1)).hasSize(6 + 138 - 132);
    }

    @Test
    void aLongPacketIsSplitAndReassembled() throws Exception {
        byte[] packet = new byte[1000];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        List<byte[]> parts = SmsDataDownload.userData(packet, 77);
        assertThat(parts).hasSize(8).allSatisfy(part -> assertThat(part.length).isLessThanOrEqualTo(140));
        for (int i = 0; i < parts.size(); i++) {
            UserDataHeader udh = UserDataHeader.read(parts.get(i));
            assertThat(Hex.of(udh.element(UserDataHeader.CONCATENATION).orElseThrow().data()))
                    .isEqualTo(String.format("4D08%02X", i + 1));
            assertThat(udh.has(UserDataHeader.COMMAND_PACKET)).isEqualTo(i == 0);
        }
        assertThat(SmsDataDownload.commandPacket(parts)).isEqualTo(packet);

        List<byte[]> swapped = new ArrayList<>(parts);
        swapped.set(1, parts.get(2));
        swapped.set(2, parts.get(1));
        assertThatThrownBy(() -> SmsDataDownload.commandPacket(swapped)).hasMessageContaining("is not part 2 of 8");
        List<byte[]> mixed = new ArrayList<>(parts);
        byte[] other = parts.get(3).clone();
        other[3] = 78;
        mixed.set(3, other);
        assertThatThrownBy(() -> SmsDataDownload.commandPacket(mixed)).hasMessageContaining("belongs to another packet");
    }

    @Test
    void morePartsThanConcatenationAllowsAreRefused() {
        assertThatThrownBy(() -> SmsDataDownload.userData(new byte[132 + 134 * 254 + 1], 0))
                .hasMessageContaining("needs 256 short messages; concatenation allows 255");
    }

    @Test
    void aHeaderThatLiesAboutItsLengthIsRefused() {
        assertThatThrownBy(() -> SmsDataDownload.commandPacket(List.of(bytes("0A7000001A"))))
                .hasMessageContaining("UDHL says 10 octets, only 4 follow");
        assertThatThrownBy(() -> SmsDataDownload.commandPacket(List.of(bytes("0270050102"))))
                .hasMessageContaining("element 70 says 5 octets");
        assertThatThrownBy(() -> SmsDataDownload.commandPacket(List.of(bytes("02710000"))))
                .hasMessageContaining("no command packet identifier (IEI 70)");
    }
}
