package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.common.Hex;
import io.tapbus.tools.Iso8583Command;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return Iso8583Command.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void decodesAsciiByDefault() {
        String hex = Hex.of(Golden.bytes("ascii", "published-jpos-tutorial-0210"));

        assertThat(run("", "decode", hex)).isEqualTo(0);
        assertThat(Iso8583Json.read(out())).isEqualTo(Golden.message("ascii", "published-jpos-tutorial-0210"));
        assertThat(err()).isEmpty();
    }

    @Test
    void decodesBinaryWithSpacesInTheHex() {
        assertThat(run("", "decode", "0800 2020000000800000 000000 000001 3239313130303031", "--packager",
                "binary")).isEqualTo(0);
        assertThat(out()).isEqualTo("{\"mti\":\"0800\",\"fields\":{\"3\":\"000000\",\"11\":\"000001\",\"41\":\"29110001\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascii", "binary"})
    void decodesJposAllFieldsImagesFieldForFieldAndEncodesThemBackToTheSameBytes(String packager) {
        for (String image : new String[] {"jpos-0800-fields-2-64-and-90", "jpos-0800-fields-65-128"}) {
            String hex = Hex.of(Golden.bytes(packager, image));
            out.reset();

            assertThat(run("", "decode", hex, "--packager", packager)).isEqualTo(0);
            String json = out();
            assertThat(Iso8583Json.read(json)).isEqualTo(Golden.message(packager, image));
            out.reset();
            assertThat(run(json, "encode", "--packager", packager)).isEqualTo(0);
            assertThat(out()).isEqualTo(hex);
        }
    }

    @Test
    void aVariantIsAPackagerToo() {
        String variant = "../config/iso8583/example-bank.json";
        String json = "{\"mti\":\"0200\",\"fields\":{\"11\":\"000001\",\"55\":\"9F2701\"}}";

        assertThat(run(json, "encode", "--packager", variant)).isEqualTo(0);
        assertThat(out()).isEqualTo("0200" + "0020000000000200" + "000001" + "0003" + "9F2701");
    }

    @Test
    void encodesTheJsonOnStdinAsUpperCaseHex() {
        String json = Iso8583Json.write(Golden.message("binary", "0200-purchase"));

        assertThat(run(json, "encode", "--packager=binary")).isEqualTo(0);
        assertThat(out()).isEqualTo(Hex.of(Golden.bytes("binary", "0200-purchase")));
    }

    @Test
    void badMessageExits2WithTheReasonAndNoStackTrace() {
        String truncated = Hex.of("0200".getBytes(StandardCharsets.US_ASCII)) + "3630";

        assertThat(run("", "decode", truncated)).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("TRUNCATED").contains("primary bitmap").doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void badJsonAndBadFieldsExit2() {
        assertThat(run("{\"mti\":\"0800\",\"fields\":{\"11\":\"12\"}}", "encode")).isEqualTo(2);
        assertThat(err()).contains("BAD_LENGTH").contains("field 11");

        err.reset();
        assertThat(run("not json", "encode")).isEqualTo(2);
        assertThat(err()).contains("not JSON");
    }

    @Test
    void badArgumentsExit2() {
        assertThat(run("", "decode", "ZZ")).isEqualTo(2);
        assertThat(err()).contains("not hex");
        assertThat(run("", "decode", "00", "--packager", "ebcdic")).isEqualTo(2);
        assertThat(err()).contains("unknown packager 'ebcdic'");
        assertThat(run("", "frobnicate")).isEqualTo(2);
        assertThat(run("")).isEqualTo(2);
        assertThat(run("", "decode", "00", "--verbose")).isEqualTo(2);
        assertThat(err()).contains("unknown option --verbose").doesNotContain("Exception");
    }

    @Test
    void help() {
        assertThat(run("", "--help")).isEqualTo(0);
        assertThat(out()).contains("decode HEX").contains("--packager");
    }
}
