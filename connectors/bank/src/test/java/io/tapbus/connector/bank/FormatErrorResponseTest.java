package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatErrorResponseTest {

    private static final Iso8583Codec ASCII = Iso8583Codec.named("ascii");

    private static Optional<Iso8583Message> answer(String asciiMessage) {
        Iso8583Exception e = catchThrowableOfType(Iso8583Exception.class,
                () -> ASCII.decode(asciiMessage.getBytes(StandardCharsets.US_ASCII)));
        assertThat(e).isNotNull();
        return FormatErrorResponse.to(e, ASCII.packager());
    }

    @Test
    void aRequestWithABadFieldGetsCode30EchoingWhatWasRead() {
        // 0200 with fields 3, 11, 41 (bitmap 2020000000800000) and a field 41 one character short
        Optional<Iso8583Message> response = answer("0200" + "2020000000800000" + "000000" + "000123" + "TAPBUS0");

        assertThat(response).get().satisfies(r -> {
            assertThat(r.mti()).isEqualTo("0210");
            assertThat(r.field(39)).isEqualTo("30");
            assertThat(r.field(11)).isEqualTo("000123");
            assertThat(r.field(3)).isEqualTo("000000");
            assertThat(r.has(41)).isFalse();
        });
    }

    @Test
    void theResponseEncodes() throws Exception {
        Iso8583Message response = answer("0800" + "0020000000000000" + "000001" + "JUNK").orElseThrow();

        assertThat(ASCII.decode(ASCII.encode(response))).isEqualTo(response);
        assertThat(response.mti()).isEqualTo("0810");
    }

    @Test
    void thePanIsNotEchoed() {
        Optional<Iso8583Message> response = answer("0100" + "6020000000000000" + "164761739001010010" + "00000X");

        assertThat(response).get().satisfies(r -> assertThat(r.has(2)).isFalse());
    }

    @Test
    void nothingToAnswerWithoutAUsableRequestMti() {
        assertThat(answer("1300" + "0020000000000000" + "000001")).isEmpty();
        assertThat(answer("0X00" + "0020000000000000" + "000001")).isEmpty();
        assertThat(answer("0210" + "0020000000000000" + "00000")).as("a response is not answered").isEmpty();
    }
}
