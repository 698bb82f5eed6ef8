package io.tapbus.connector.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.tools.EmvCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tapbus emv arqc} on pyemv's Visa CVN 18 example (see {@link PublishedVectors}). */
class EmvCommandTest {

    private static final String DATA = PublishedVectors.CVN18_CDOL1 + PublishedVectors.CVN18_AIP + "001C"
            + PublishedVectors.CVN18_IAD;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsThePublishedCryptogramsAndOnlyKeyCheckValues() throws Exception {
        assertThat(run("", args())).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("arqc").asText()).isEqualTo(PublishedVectors.CVN18_ARQC);
        assertThat(json.get("arpcMethod2").asText()).isEqualTo(PublishedVectors.CVN18_ARPC2);
        assertThat(json.get("iccMasterKeyKcv").asText()).startsWith(PublishedVectors.CVN18_ICC_MK_KCV_2).hasSize(6);
        assertThat(json.get("sessionKeyKcv").asText()).startsWith(PublishedVectors.CVN18_SK_KCV_2).hasSize(6);
        assertThat(json.get("pan").asText()).isEqualTo("123456******3456");
        assertThat(json.get("arpcMethod1").asText()).matches("[0-9A-F]{16}");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(PublishedVectors.IMK)
                .doesNotContain(PublishedVectors.CVN18_PAN);
    }

    @Test
    void arpcMethod1UsesTheGivenArc() throws Exception {
        run("", args("--arc", "0000"));
        String approved = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("arpcMethod1").asText();
        out.reset();
        run("", args("--arc", "3030"));
        String other = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("arpcMethod1").asText();
        assertThat(other).isNotEqualTo(approved);
    }

    @Test
    void readsTheKeyFromStandardInput() throws Exception {
        List<String> args = args();
        args.set(args.indexOf(PublishedVectors.IMK), "-");
        assertThat(run(PublishedVectors.IMK + "\n", args)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(PublishedVectors.CVN18_ARQC);
    }

    @Test
    void checksACardsArqc() {
        assertThat(run("", args("--arqc", PublishedVectors.CVN18_ARQC))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"arqcValid\":true");
        out.reset();
        assertThat(run("", args("--arqc", "7A788EA6B8A3E732"))).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"arqcValid\":false");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not match");
    }

    @Test
    void aWrongAtcOrUnIsUnusableInput() {
        List<String> args = args();
        args.set(args.indexOf("001C"), "001D");
        assertThat(run("", args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--atc 001D is not the ATC in --data");
        List<String> otherUn = args();
        otherUn.set(otherUn.indexOf("52BF4585"), "52BF4586");
        assertThat(run("", otherUn)).isEqualTo(2);
    }

    @Test
    void badInputExitsTwoWithoutEchoingTheKey() {
        List<String> args = args();
        String shortKey = PublishedVectors.IMK.substring(0, 30);
        args.set(args.indexOf(PublishedVectors.IMK), shortKey);
        assertThat(run("", args)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--imk must be 32 hex digits")
                .doesNotContain(shortKey);
        assertThat(run("", List.of("arqc", "--pan", "123"))).isEqualTo(2);
        assertThat(run("", List.of("verify"))).isEqualTo(2);
        assertThat(run("", args("--bogus", "1"))).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void visaCvn10GivesPyemvsArqcAndArpcWithoutASessionKey() throws Exception {
        SchemeVectors.Vector v = vector("pyemv test_visa_cvn10");
        assertThat(run("", schemeArgs(v, "--method", "visa-cvn10", "--arc", v.arc()))).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("method").asText()).isEqualTo("visa-cvn10");
        assertThat(json.get("padding").asText()).isEqualTo("00");
        assertThat(json.get("arqc").asText()).isEqualTo(v.arqc());
        assertThat(json.get("arpcMethod1").asText()).isEqualTo(v.arpcMethod1());
        assertThat(json.get("iccMasterKeyKcv").asText()).startsWith("BAB0");
        assertThat(json.has("sessionKeyKcv")).isFalse();
        assertThat(json.has("arpcMethod2")).isFalse();
    }

    @Test
    void mchipGivesPyemvsArqcSessionKeyAndArpc() throws Exception {
        SchemeVectors.Vector v = vector("pyemv test_mastercard_cvn16");
        assertThat(run("", schemeArgs(v, "--method", "mchip", "--arc", v.arc(), "--arqc", v.arqc()))).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("padding").asText()).isEqualTo("80");
        assertThat(json.get("arqc").asText()).isEqualTo(v.arqc());
        assertThat(json.get("sessionKeyKcv").asText()).startsWith("2FD5");
        assertThat(json.get("arpcMethod1").asText()).isEqualTo(v.arpcMethod1());
        assertThat(json.get("arqcValid").asBoolean()).isTrue();
        out.reset();
        String flipped = v.arqc().substring(0, 15) + (v.arqc().endsWith("0") ? "1" : "0");
        assertThat(run("", schemeArgs(v, "--method", "mchip", "--arqc", flipped))).isEqualTo(1);
    }

    @Test
    void thePaddingCanBeChosenApartFromTheMethod() throws Exception {
        SchemeVectors.Vector p80 = vector("jPOS VSDC P80");
        assertThat(run("", schemeArgs(p80, "--method", "visa-cvn10", "--padding", "80", "--arc", "3030"))).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("arqc").asText()).isEqualTo(p80.arqc());
        assertThat(json.get("arpcMethod1").asText()).isEqualTo(p80.arpcMethod1());
        out.reset();
        SchemeVectors.Vector p00 = vector("jPOS EMV_CSKD P00");
        assertThat(run("", schemeArgs(p00, "--padding", "00", "--csu", p00.csu(), "--arc", p00.arc()))).isZero();
        json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("method").asText()).isEqualTo("csk");
        assertThat(json.get("arqc").asText()).isEqualTo(p00.arqc());
        assertThat(json.get("arpcMethod1").asText()).isEqualTo(p00.arpcMethod1());
        assertThat(json.get("arpcMethod2").asText()).isEqualTo(p00.arpcMethod2());
    }

    @Test
    void anUnknownMethodOrPaddingOrMethod2InputForAMethod1CardIsUnusable() {
        SchemeVectors.Vector v = vector("pyemv test_mastercard_cvn16");
        assertThat(run("", schemeArgs(v, "--method", "cvn18"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--method").contains("csk, visa-cvn10, mchip");
        assertThat(run("", schemeArgs(v, "--method", "mchip", "--padding", "20"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--padding").contains("00, 80");
        assertThat(run("", schemeArgs(v, "--method", "mchip", "--csu", "00800000"))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ARPC method 1");
        assertThat(out.size()).isZero();
    }

    @Test
    void helpListsTheMethodsAndPaddings() {
        assertThat(run("", List.of("--help"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--method csk|visa-cvn10|mchip")
                .contains("--padding 00|80").contains("visa-cvn10  Visa CVN 10");
    }

    private static SchemeVectors.Vector vector(String source) {
        return SchemeVectors.ALL.stream().filter(v -> v.source().equals(source)).findFirst().orElseThrow();
    }

    private static List<String> schemeArgs(SchemeVectors.Vector v, String... extra) {
        String data = v.data();
        List<String> args = new ArrayList<>(List.of("arqc", "--imk", v.imk(), "--pan", v.pan(), "--psn", v.psn(),
                "--atc", data.substring(62, 66), "--un", data.substring(50, 58), "--data", data));
        args.addAll(List.of(extra));
        return args;
    }

    private int run(String stdin, List<String> args) {
        err.reset();
        return EmvCommand.run(args.toArray(String[]::new),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<String> args(String... extra) {
        List<String> args = new ArrayList<>(List.of("arqc", "--imk", PublishedVectors.IMK, "--pan",
                PublishedVectors.CVN18_PAN, "--psn", "00", "--atc", "001C", "--un", "52BF4585", "--data", DATA,
                "--csu", PublishedVectors.CVN18_CSU));
        args.addAll(List.of(extra));
        return args;
    }
}
