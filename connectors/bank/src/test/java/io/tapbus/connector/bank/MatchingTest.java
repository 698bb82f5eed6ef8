package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MatchingTest {

    @ParameterizedTest
    @CsvSource({"0100,0110", "0200,0210", "0400,0410", "0401,0410", "0800,0810", "0420,0430", "0421,0430"})
    void responseMtiOfARequest(String request, String response) {
        assertThat(Iso8583Matching.responseMti(request)).contains(response);
        assertThat(Iso8583Matching.isRequest(request)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0110", "0210", "0410", "0810", "0230", "0240", "08", "08A0", ""})
    void responsesAndMalformedMtisHaveNoResponseMti(String mti) {
        assertThat(Iso8583Matching.responseMti(mti)).isEmpty();
        assertThat(Iso8583Matching.isRequest(mti)).isFalse();
    }

    @Test
    void stanKeyIncludesTheTerminalWhenPresent() {
        Iso8583Message withTerminal = Iso8583Message.of("0200").with(11, "000123").with(41, "TAPBUS01");

        assertThat(Iso8583Matching.stanKey(withTerminal)).contains("stan=000123;terminal=TAPBUS01");
        assertThat(Iso8583Matching.stanKey(withTerminal.without(41))).contains("stan=000123");
        assertThat(Iso8583Matching.stanKey(withTerminal.without(11))).isEmpty();
    }

    @Test
    void rrnKey() {
        assertThat(Iso8583Matching.rrnKey(Iso8583Message.of("0210").with(37, "516214000123")))
                .contains("rrn=516214000123");
        assertThat(Iso8583Matching.rrnKey(Iso8583Message.of("0210").with(11, "000001"))).isEmpty();
    }

    @Test
    void reversalPointsAtTheOriginalStanInField90ElseItsOwnStan() {
        Iso8583Message reversal = Golden.message("ascii", "0400-reversal");
        Iso8583Message original = Golden.message("ascii", "0100-authorization");

        assertThat(Iso8583Matching.originalStanKey(reversal)).isEqualTo(Iso8583Matching.stanKey(original))
                .isNotEqualTo(Iso8583Matching.stanKey(reversal));
        assertThat(Iso8583Matching.originalStanKey(reversal.without(90))).isEqualTo(Iso8583Matching.stanKey(reversal));
    }

    @Test
    void answersPairsOnMtiAndStanKey() {
        Iso8583Message request = Golden.message("ascii", "0100-authorization");
        Iso8583Message response = Golden.message("ascii", "0110-approved");

        assertThat(Iso8583Matching.answers(response, request)).isTrue();
        assertThat(Iso8583Matching.answers(response.with(11, "000999"), request)).isFalse();
        assertThat(Iso8583Matching.answers(response.withMti("0210"), request)).isFalse();
        assertThat(Iso8583Matching.answers(request, response)).isFalse();
    }
}
