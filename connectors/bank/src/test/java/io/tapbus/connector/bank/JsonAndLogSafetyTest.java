package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.common.Masking;
import org.junit.jupiter.api.Test;

class JsonAndLogSafetyTest {

    @Test
    void writesFieldsInNumericOrderAsStrings() {
        Iso8583Message message = Iso8583Message.of("0800").with(70, "301").with(11, "000001").with(7, "0611120000");

        assertThat(Iso8583Json.write(message))
                .isEqualTo("{\"mti\":\"0800\",\"fields\":{\"7\":\"0611120000\",\"11\":\"000001\",\"70\":\"301\"}}");
    }

    @Test
    void refusesWhatIsNotTheJsonForm() {
        assertThatThrownBy(() -> Iso8583Json.read("{\"mti\":\"0800\",\"fields\":{\"11\":1}}"))
                .hasMessageContaining("field 11 must be a string");
        assertThatThrownBy(() -> Iso8583Json.read("{\"mti\":800,\"fields\":{}}")).hasMessageContaining("\"mti\"");
        assertThatThrownBy(() -> Iso8583Json.read("{\"mti\":\"0800\",\"fields\":{\"x\":\"1\"}}"))
                .hasMessageContaining("\"x\" is not a field number");
        assertThatThrownBy(() -> Iso8583Json.read("{\"mti\":\"0800\"}")).hasMessageContaining("\"fields\"");
        assertThatThrownBy(() -> Iso8583Json.read("{\"mti\":\"0800\",\"fields\":{},\"extra\":1}"))
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> Iso8583Json.read("[1,")).hasMessageContaining("not JSON");
    }

    @Test
    void masksThePanAndHidesTrackPinAndIccData() {
        Iso8583Message message = Golden.message("ascii", "0200-purchase");

        String logged = message.toString();

        assertThat(logged).contains("2=476173******0010").doesNotContain("4761739001010010")
                .doesNotContain("27122011234567890").doesNotContain("0123456789ABCDEF")
                .doesNotContain("9F2608").contains("11=000125");
    }

    @Test
    void masksTheExtendedPanAndHidesTrack3Too() {
        String logged = Iso8583Message.of("0200").with(34, "476173900101001099").with(36, "011234567890=123")
                .toString();

        assertThat(logged).contains("34=476173********1099").doesNotContain("1234567890=");
    }

    @Test
    void masksShortPansCompletely() {
        assertThat(Masking.pan("4761739001")).isEqualTo("**********");
        assertThat(Masking.pan("4761739001010010123")).isEqualTo("476173*********0123");
    }
}
