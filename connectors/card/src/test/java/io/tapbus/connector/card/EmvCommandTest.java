package io.tapbus.connector.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
