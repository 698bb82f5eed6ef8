package io.tapbus.samples.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.SunResult;
import io.tapbus.connector.tag.SunUrl;
import io.tapbus.connector.tag.SunVerifier;
import io.tapbus.tools.TagVerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line, checked end to end with the connector's {@link SunUrl}, {@link SunVerifier} and tag verify. */
class TagSimulatorTest {

    static final String META_KEY = "00112233445566778899AABBCCDDEEFF";
    static final String FILE_KEY = "5ACE7E50AB65D5D51FD5BF5A16B8205B";
    static final String UID = "04A1B2C3D4E5F6";
    static final String ZERO = "00000000000000000000000000000000";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void genuinePrintsAUrlThatVerifies() throws Exception {
        int exit = run("genuine", "--meta-key", META_KEY, "--file-key", FILE_KEY, "--uid", UID, "--counter", "42");

        assertThat(exit).as(stderr()).isZero();
        assertThat(stderr()).isEmpty();
        List<String> urls = lines();
        assertThat(urls).hasSize(1);
        assertThat(urls.get(0)).matches("https://tapbus\\.example/tag\\?picc_data=[0-9A-F]{32}&cmac=[0-9A-F]{16}");
        assertThat(verify(SunMode.AES, urls.get(0))).isEqualTo(new SunResult(UID, 42, true, null, null));
    }

    @Test
    void genuineWithFileDataInBothModes() throws Exception {
        for (SunMode mode : SunMode.values()) {
            out.reset();
            int exit = run("genuine", "--mode", mode.name().toLowerCase(), "--meta-key", META_KEY,
                    "--file-key=" + FILE_KEY, "--uid", UID.toLowerCase(), "--counter", "7",
                    "--base", "https://shop.example/p?id=9", "--file-data", "CC-ticket-0001");

            assertThat(exit).as(stderr()).isZero();
            String url = lines().get(0);
            assertThat(url).matches("https://shop\\.example/p\\?id=9&picc_data=[0-9A-F]{" + 2 * mode.piccDataLength()
                    + "}&enc=[0-9A-F]{32}&cmac=[0-9A-F]{16}");
            SunResult result = verify(mode, url);
            assertThat(result.macValid()).as(mode.name()).isTrue();
            assertThat(result.uidHex()).isEqualTo(UID);
            assertThat(result.readCounter()).isEqualTo(7);
            byte[] fileData = HexFormat.of().parseHex(result.fileDataHex());
            assertThat(new String(fileData, StandardCharsets.UTF_8)).isEqualTo("CC-ticket-0001\0\0");
        }
    }

    @Test
    void theUrlIsAcceptedByTagVerify() {
        run("genuine", "--meta-key", META_KEY, "--file-key", FILE_KEY, "--uid", UID, "--counter", "3",
                "--file-data", "xxxxxxxxxxxxxxxx");
        String url = lines().get(0);

        ByteArrayOutputStream verifyOut = new ByteArrayOutputStream();
        int exit = TagVerifyCommand.run(new String[] {"--meta-key", META_KEY, "--file-key", FILE_KEY, "--url", url},
                new PrintStream(verifyOut, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(stderr()).isZero();
        assertThat(verifyOut.toString(StandardCharsets.UTF_8).strip()).isEqualTo("{\"uid\":\"" + UID
                + "\",\"readCounter\":3,\"macValid\":true,\"fileData\":\"78787878787878787878787878787878\"}");
    }

    @Test
    void reproducesTheAn12196UrlWithItsPadding() {
        // AN12196 §3.4.2.1 and Table 2: zero keys, UID 04DE5F1EACC040, counter 61, padding DA5CF60941
        int exit = run("genuine", "--meta-key", ZERO, "--file-key", ZERO, "--uid", "04DE5F1EACC040", "--counter", "61",
                "--picc-random", "DA5CF60941", "--base", "https://ntag.nxp.com/424");

        assertThat(exit).as(stderr()).isZero();
        assertThat(lines()).containsExactly(
                "https://ntag.nxp.com/424?picc_data=EF963FF7828658A599F3041510671E88&cmac=94EED9EE65337086");
    }

    @Test
    void forgedPrintsAUrlThatDoesNotVerify() throws Exception {
        for (SunMode mode : SunMode.values()) {
            out.reset();
            int exit = run("forged", "--mode", mode.name(), "--meta-key", META_KEY, "--file-key", FILE_KEY,
                    "--uid", UID, "--counter", "42", "--file-data", "OO");

            assertThat(exit).as(stderr()).isZero();
            SunResult result = verify(mode, lines().get(0));
            assertThat(result.macValid()).isFalse();
            assertThat(result.fileDataHex()).isNull();
        }
    }

    @Test
    void replayPrintsTheSameUrlTwiceAndTheSecondIsARepeatedCounter() throws Exception {
        int exit = run("replay", "--meta-key", META_KEY, "--file-key", FILE_KEY, "--uid", UID, "--counter", "10");

        assertThat(exit).as(stderr()).isZero();
        List<String> urls = lines();
        assertThat(urls).hasSize(2);
        assertThat(urls.get(1)).isEqualTo(urls.get(0));
        // the MAC is valid both times; only a verifier that keeps the last accepted counter per UID sees the replay
        int lastAccepted = -1;
        List<Boolean> accepted = new ArrayList<>();
        for (String url : urls) {
            SunResult result = verify(SunMode.AES, url);
            assertThat(result.macValid()).isTrue();
            boolean fresh = result.readCounter() > lastAccepted;
            accepted.add(fresh);
            if (fresh) {
                lastAccepted = result.readCounter();
            }
        }
        assertThat(accepted).containsExactly(true, false);
    }

    @Test
    void batchPrintsUrlsWithIncreasingCounters() throws Exception {
        int exit = run("batch", "--count", "5", "--start-counter", "100", "--meta-key", META_KEY,
                "--file-key", FILE_KEY, "--uid", UID, "--mode", "lrp");

        assertThat(exit).as(stderr()).isZero();
        List<String> urls = lines();
        assertThat(urls).hasSize(5).doesNotHaveDuplicates();
        for (int i = 0; i < urls.size(); i++) {
            assertThat(verify(SunMode.LRP, urls.get(i))).isEqualTo(new SunResult(UID, 100 + i, true, null, null));
        }
    }

    @Test
    void batchMayEndAtTheLargestCounter() {
        assertThat(run("batch", "--count", "2", "--start-counter", "16777214", "--meta-key", META_KEY,
                "--file-key", FILE_KEY, "--uid", UID)).as(stderr()).isZero();
        assertThat(lines()).hasSize(2);
    }

    @Test
    void helpExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("genuine", "forged", "replay", "batch", "--file-data");
        out.reset();
        assertThat(run("batch", "--help")).isZero();
    }

    @Test
    void everyCommandAnswersHelpAndDashHWithItsUsage() {
        for (String[] args : List.of(new String[] {"-h"}, new String[] {"genuine", "-h"}, new String[] {"forged", "--help"},
                new String[] {"replay", "-h"}, new String[] {"batch", "--count", "2", "-h"})) {
            out.reset();
            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).startsWith("usage: tapbus-tag-simulator");
        }
        // the scan benchmark: a run would fail on a closed port and no key file, so exit 0 means nothing ran
        for (String help : List.of("--help", "-h")) {
            out.reset();
            int exit = ScanLoadGenerator.run(new String[] {"bench", "--api", "http://127.0.0.1:1/api", help},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).as("bench " + help + ": " + stderr()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: tapbus-tag-simulator bench");
        }
    }

    static Stream<Arguments> badInput() {
        String[] keys = {"--meta-key", META_KEY, "--file-key", FILE_KEY};
        return Stream.of(
                Arguments.of(new String[] {}, "give a command"),
                Arguments.of(new String[] {"tap"}, "unknown command 'tap'"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID}, keys), "--counter is missing"),
                Arguments.of(new String[] {"genuine", "--file-key", FILE_KEY, "--uid", UID, "--counter", "1"}, "--meta-key is missing"),
                Arguments.of(new String[] {"genuine", "--meta-key", META_KEY, "--uid", UID, "--counter", "1"}, "--file-key is missing"),
                Arguments.of(with(new String[] {"genuine", "--counter", "1"}, keys), "--uid is missing"),
                Arguments.of(new String[] {"genuine", "--meta-key", META_KEY.substring(2), "--file-key", FILE_KEY,
                        "--uid", UID, "--counter", "1"}, "--meta-key must be 16 bytes"),
                Arguments.of(new String[] {"genuine", "--meta-key", META_KEY, "--file-key", "Z" + FILE_KEY.substring(1),
                        "--uid", UID, "--counter", "1"}, "--file-key is not hex"),
                Arguments.of(with(new String[] {"genuine", "--uid", "04A1B2C3D4E5", "--counter", "1"}, keys), "--uid must be 7 bytes"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "-1"}, keys), "--counter must be a whole number"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "16777216"}, keys), "--counter must be from 0 to 16777215"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "ten"}, keys), "--counter must be a whole number"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--mode", "des"}, keys), "--mode must be aes or lrp"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--base", "ftp://x"}, keys), "--base must be an http"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--base", "https://x/#frag"}, keys), "#fragment"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--file-data", ""}, keys), "--file-data is empty"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--picc-random", "00"}, keys), "--picc-random must be 5 bytes"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--mode", "lrp", "--picc-random", "DA5CF60941"}, keys), "--picc-random must be 13 bytes"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--counter", "2"}, keys), "--counter is given twice"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--key", "x"}, keys), "unknown option '--key'"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter"}, keys), "--counter needs a value"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", META_KEY}, keys), "unexpected argument"),
                Arguments.of(with(new String[] {"genuine", "--uid", UID, "--counter", "1", "--count", "3"}, keys), "--count does not apply to genuine"),
                Arguments.of(with(new String[] {"batch", "--uid", UID, "--count", "3", "--counter", "1"}, keys), "--counter does not apply to batch"),
                Arguments.of(with(new String[] {"batch", "--uid", UID, "--count", "3"}, keys), "--start-counter is missing"),
                Arguments.of(with(new String[] {"batch", "--uid", UID, "--count", "0", "--start-counter", "1"}, keys), "--count must be from 1 to"),
                Arguments.of(with(new String[] {"batch", "--uid", UID, "--count", "3", "--start-counter", "16777214"}, keys), "goes past 16777215"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputExitsTwoWithAReason(String[] args, String reason) {
        int exit = run(args);

        assertThat(exit).isEqualTo(TagSimulator.EXIT_USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(stderr()).startsWith("error: ").contains(reason)
                .doesNotContain("Exception", "\tat ")
                .doesNotContainIgnoringCase(META_KEY).doesNotContainIgnoringCase(FILE_KEY)
                .doesNotContainIgnoringCase(META_KEY.substring(2)).doesNotContainIgnoringCase(FILE_KEY.substring(1));
    }

    private static String[] with(String[] args, String[] more) {
        // command, then the keys, then the rest: a missing value at the end stays missing
        return Stream.of(Stream.of(args[0]), Stream.of(more), Stream.of(args).skip(1))
                .flatMap(s -> s).toArray(String[]::new);
    }

    private static SunResult verify(SunMode mode, String url) throws Exception {
        SunUrl sun = SunUrl.parse(url);
        return new SunVerifier(mode, HexFormat.of().parseHex(META_KEY), HexFormat.of().parseHex(FILE_KEY))
                .verifyEncrypted(sun.piccData(), sun.enc(), sun.cmac(), null);
    }

    private int run(String... args) {
        return TagSimulator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
