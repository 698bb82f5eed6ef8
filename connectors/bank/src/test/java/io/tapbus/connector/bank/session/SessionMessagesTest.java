package io.tapbus.connector.bank.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Message;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Network management messages and the time fields, field by field. */
class SessionMessagesTest {
    private static final Instant AT = Instant.parse("2026-03-01T23:30:05Z"); // 2 March 07:30:05 in Shanghai
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void networkManagementHasNoTerminal() throws Exception {
        Iso8583Message signOn = NetworkMessages.request(NetworkMessages.SIGN_ON, "000001", AT);
        assertThat(signOn.mti()).isEqualTo("0800");
        assertThat(signOn.fields()).containsOnlyKeys(7, 11, 70).containsEntry(70, "001")
                .containsEntry(7, "0301233005");
        Iso8583Codec binary = Iso8583Codec.named("binary");
        assertThat(binary.decode(binary.encode(signOn))).isEqualTo(signOn);
    }

    @Test
    void theBanksEchoIsApprovedWithItsOwnFields() {
        Iso8583Message echo = NetworkMessages.request(NetworkMessages.ECHO, "000042", AT).with(32, "12345");
        assertThat(NetworkMessages.approve(echo)).isEqualTo(Iso8583Message.of("0810").with(7, "0301233005")
                .with(11, "000042").with(39, "00").with(70, "301"));
    }

    @Test
    void timeFieldsAreUtcForTransmissionAndLocalForTheAcceptor() {
        assertThat(TimeFields.transmissionTime(AT)).isEqualTo("0301233005");
        assertThat(TimeFields.localTime(AT, SHANGHAI)).isEqualTo("073005");
        assertThat(TimeFields.localDate(AT, SHANGHAI)).isEqualTo("0302");
        assertThat(TimeFields.retrievalReference(AT, SHANGHAI, "000123")).isEqualTo("606107000123");
    }
}
