package io.tapbus.samples.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.tag.PiccData;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.SunVerifier;
import io.tapbus.samples.tag.SunMessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --write-urls}: scan URLs for a generator TapBus did not write (wrk), each tag's counter rising. */
class WriteUrlsTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @TempDir
    Path home;

    @Test
    void urlsGoRoundTheTagsWithRisingCountersAndGenuineSunMessages() throws Exception {
        Path file = home.resolve("urls.txt");
        BenchOptions o = BenchOptions.parse(new String[] {"bench", "--flow", "scans", "--write-urls", file.toString(), "--count", "10",
                "--tags", "4", "--connections", "2"}, 1, home);
        byte[] meta = HEX.parseHex("00112233445566778899AABBCCDDEEFF");
        byte[] fileKey = HEX.parseHex("FFEEDDCCBBAA99887766554433221100");
        byte[][] uids = {HEX.parseHex("04000000000001"), HEX.parseHex("04000000000002"), HEX.parseHex("04000000000003"),
                HEX.parseHex("04000000000004")};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ScanFlow flow = new ScanFlow(o, null, new PrintStream(err));
        flow.useBatch("B-1", uids, new SunMessageWriter(SunMode.AES, meta, fileKey));

        int exit = new Main.Bench(o, flow, new PrintStream(out, true), new PrintStream(err, true)).run();

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"mode\":\"write-urls\"", "\"urls\":10");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(10);
        assertThat(new HashSet<>(lines)).hasSize(10);
        SunVerifier verifier = new SunVerifier(SunMode.AES, meta, fileKey);
        for (int i = 0; i < lines.size(); i++) {
            URI url = URI.create(lines.get(i));
            assertThat(url.getScheme() + "://" + url.getAuthority() + url.getPath()).isEqualTo("http://127.0.0.1:8080/api/scan/B-1");
            String picc = url.getQuery().replaceAll(".*picc_data=([0-9A-Fa-f]+).*", "$1");
            PiccData data = verifier.decryptPiccData(picc);
            assertThat(HEX.formatHex(data.uid())).as("line %d: tag %d", i, i % 4).isEqualTo(HEX.formatHex(uids[i % 4]));
            assertThat(data.readCounter()).as("line %d: that tag's read number %d", i, i / 4 + 1).isEqualTo(i / 4 + 1);
        }
    }
}
