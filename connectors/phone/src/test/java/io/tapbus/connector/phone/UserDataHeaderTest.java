package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.TestHex.bytes;
import static io.tapbus.connector.phone.TestHex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import io.tapbus.connector.phone.UserDataHeader.Concatenation;
import io.tapbus.connector.phone.UserDataHeader.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * User data headers (3GPP TS 23.040 §9.2.3.24: concatenation 8-bit IEI 0x00, 16-bit IEI 0x08, ports 16-bit IEI
 * 0x05). The port header 06 05 04 0B84 23F0 and the port plus concatenation header 0B 05 04 0B84 23F0 00 03 .. .. ..
 * are the WAP push headers every public WAP push example shows (WDP port 2948 from 9200).
 */
class UserDataHeaderTest {

    @Test
    void writesAndReadsAConcatenationElement() {
        byte[] udh = UserDataHeader.of(UserDataHeader.concatenation(new Concatenation(0xCC, 2, 1, false))).toBytes();
        assertThat(hex(udh)).isEqualTo("050003CC0201");
        UserDataHeader parsed = UserDataHeader.parse(bytes("050003CC0201 C8F71D"));
        assertThat(parsed.concatenation()).contains(new Concatenation(0xCC, 2, 1, false));
        assertThat(parsed.length()).isEqualTo(6);
    }

    @Test
    void writesAndReadsASixteenBitReference() {
        byte[] udh = UserDataHeader.of(UserDataHeader.concatenation(new Concatenation(0x1234, 3, 3, true))).toBytes();
        assertThat(hex(udh)).isEqualTo("060804123403" + "03");
        assertThat(UserDataHeader.parse(udh).concatenation()).contains(new Concatenation(0x1234, 3, 3, true));
    }

    @Test
    void writesAndReadsWapPushPorts() {
        assertThat(hex(UserDataHeader.of(UserDataHeader.ports(WapPushSms.PUSH_PORTS)).toBytes()))
                .isEqualTo("0605040B8423F0");
        UserDataHeader both = UserDataHeader.parse(bytes("0B05040B8423F0000301020101"));
        assertThat(both.ports()).contains(new Ports(2948, 9200));
        assertThat(both.concatenation()).contains(new Concatenation(1, 2, 1, false));
        assertThat(both.elements()).hasSize(2);
    }

    @Test
    void keepsElementsItDoesNotKnow() {
        UserDataHeader h = UserDataHeader.parse(bytes("0B 24 01 01 25 01 02 00 03 07 02 01 41"));
        assertThat(h.elements()).extracting(UserDataHeader.Element::identifier).containsExactly(0x24, 0x25, 0x00);
        assertThat(h.concatenation()).contains(new Concatenation(7, 2, 1, false));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // the length octet claims more than the data holds
        "0A0003CC0201|claims 10 octets but only 5 follow",
        // an element claims more than the header holds
        "050004CC0201|claims 4 octets but the user data header (length 5) has 3 left",
        // the header length ends between an element's identifier and its length
        "0600030102010041|ends inside the element",
        "|the user data is empty",
    })
    void aHeaderThatLiesAboutItsLengthIsRefused(String udh, String reason) {
        byte[] data = udh == null ? new byte[0] : bytes(udh);
        assertThatThrownBy(() -> UserDataHeader.parse(data)).isInstanceOfSatisfying(PhoneCodecException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.UDH_LENGTH_MISMATCH)).hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "040002CC02|element 0x00 must have 3 octets, got 2",
        "050003CC0000|part 0 of 0",
        "050003CC0203|part 3 of 2",
        "050003CC0200|part 0 of 2",
        "0505030B8423|element 0x05 must have 4 octets, got 3",
    })
    void malformedKnownElementsAreRefused(String udh, String reason) {
        assertThatThrownBy(() -> UserDataHeader.parse(bytes(udh))).isInstanceOfSatisfying(PhoneCodecException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.UDH_BAD_ELEMENT)).hasMessageContaining(reason);
    }
}
