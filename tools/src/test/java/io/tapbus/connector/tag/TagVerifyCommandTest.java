package io.tapbus.connector.tag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.tools.TagVerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line, with the messages of AN12196 (see SunVerifierTest for their sources). */
class TagVerifyCommandTest {

    private static final String ZERO = "00000000000000000000000000000000";
    private static final String KEYS = "--meta-key " + ZERO + " --file-key " + ZERO;

    private record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    @Test
    void validMessageExitsZeroWithOneJsonObject() throws Exception {
        Run run = run(KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086");
        assertThat(run.status).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out.strip()).isEqualTo("{\"uid\":\"04DE5F1EACC040\",\"readCounter\":61,\"macValid\":true}");
        assertThat(run.out.lines()).hasSize(1);
    }

    @Test
    void printsTheDecryptedFileData() throws Exception {
        Run run = run(KEYS + " --picc-data FDE4AFA99B5C820A2C1BB0F1C792D0EB --enc 94592FDE69FA06E8E3B6CA686A22842B"
                + " --cmac C48B89C17A233B2C");
        assertThat(run.status).isZero();
        JsonNode json = run.json();
        assertThat(json.get("uid").asText()).isEqualTo("04958CAA5C5E80");
        assertThat(json.get("readCounter").asInt()).isEqualTo(1);
        assertThat(json.get("macValid").asBoolean()).isTrue();
        assertThat(json.get("fileData").asText()).isEqualTo("78787878787878787878787878787878");
        assertThat(json.has("tagTamper")).isFalse();
    }

    @Test
    void takesTheMacInputFromTheCommandLine() throws Exception {
        String message = KEYS + " --picc-data FD91EC264309878BE6345CBE53BADF40 --enc CEE9A53E3E463EF1F459635736738962"
                + " --cmac ECC1E7F6C6C73BF6";
        assertThat(run(message).status).isZero();
        assertThat(run(message, "--mac-input", "CEE9A53E3E463EF1F459635736738962&cmac=").status).isZero();
        Run other = run(message, "--mac-input", "CEE9A53E3E463EF1F459635736738962&c=");
        assertThat(other.status).isEqualTo(1);
        assertThat(other.err).contains("--mac-input");
    }

    @Test
    void notAuthenticExitsOne() throws Exception {
        Run flippedMac = run(KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337087");
        assertThat(flippedMac.status).isEqualTo(1);
        assertThat(flippedMac.json().get("macValid").asBoolean()).isFalse();
        assertThat(flippedMac.json().get("uid").asText()).isEqualTo("04DE5F1EACC040");
        assertThat(flippedMac.err).contains("SDMMAC does not match");

        Run flippedPicc = run(KEYS + " --picc-data EF963FF7828658A599F3041510671E89 --cmac 94EED9EE65337086");
        assertThat(flippedPicc.status).isEqualTo(1);
        assertThat(flippedPicc.json().get("uid").isNull()).isTrue();
        assertThat(flippedPicc.json().get("readCounter").isNull()).isTrue();
        assertThat(flippedPicc.err).contains("does not decrypt to valid PICCData");

        Run flippedEnc = run(KEYS + " --picc-data FDE4AFA99B5C820A2C1BB0F1C792D0EB"
                + " --enc 94592FDE69FA06E8E3B6CA686A22842A --cmac C48B89C17A233B2C");
        assertThat(flippedEnc.status).isEqualTo(1);
        assertThat(flippedEnc.json().get("fileData").isNull()).isTrue();

        Run wrongKey = run("--meta-key " + ZERO + " --file-key 000102030405060708090A0B0C0D0E0F"
                + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086");
        assertThat(wrongKey.status).isEqualTo(1);
    }

    @Test
    void verifiesUrls() throws Exception {
        Run nxp = run("--file-key " + ZERO + " --meta-key " + ZERO,
                "--url", "https://ntag.nxp.com/424?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086");
        assertThat(nxp.status).isZero();
        assertThat(nxp.json().get("readCounter").asInt()).isEqualTo(61);

        Run withEnc = run(KEYS, "--url", "https://www.my424dna.com/?picc_data=FDE4AFA99B5C820A2C1BB0F1C792D0EB"
                + "&enc=94592FDE69FA06E8E3B6CA686A22842B&cmac=C48B89C17A233B2C");
        assertThat(withEnc.status).isZero();
        assertThat(withEnc.json().get("fileData").asText()).isEqualTo("78787878787878787878787878787878");

        // third-party plain-mirroring and TagTamper examples (icedevml/sdm-backend demo URLs)
        Run plain = run("--file-key " + ZERO, "--url", "https://x.example/tagpt?uid=041E3C8A2D6B80&ctr=000006&cmac=4B00064004B0B3D3");
        assertThat(plain.status).isZero();
        assertThat(plain.out.strip()).isEqualTo("{\"uid\":\"041E3C8A2D6B80\",\"readCounter\":6,\"macValid\":true}");

        Run tagTamper = run(KEYS + " --tt-offset 0", "--url", "https://x.example/tagtt?picc_data=FDD387BF32A33A7C40CF"
                + "259675B3A1E2&enc=EA050C282D8E9043E28F7A171464D697&cmac=758110182134ECE9");
        assertThat(tagTamper.status).isZero();
        assertThat(tagTamper.json().get("tagTamper").asText()).isEqualTo("CC");

        Run lrp = run(KEYS + " --mode lrp --tt-offset 0", "--url", "https://x.example/tagtt?picc_data=8EE8E27DE3974FFE"
                + "245F96C71087129B2E8449C9FF346F65&enc=48987A0D55638C017D1F4DC3D8ADD910&cmac=862E781E52244A75");
        assertThat(lrp.status).isZero();
        assertThat(lrp.json().get("tagTamper").asText()).isEqualTo("OO");
        assertThat(lrp.json().get("uid").asText()).isEqualTo("04940E2A2F7080");
    }

    @Test
    void plainFormAndOptionValuesWithEquals() throws Exception {
        Run run = run("--file-key=" + ZERO + " --uid=041E3C8A2D6B80 --ctr=000006 --cmac=4B00064004B0B3D3 --mode=AES");
        assertThat(run.status).isZero();
        assertThat(run("--file-key " + ZERO + " --uid 041E3C8A2D6B80 --ctr 000007 --cmac 4B00064004B0B3D3").status)
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "--meta-key 00 --file-key " + ZERO + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| --meta-key must be 16 bytes (32 hex digits), got 1 bytes (2 hex digits)",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E8Z --cmac 94EED9EE65337086"
                + "| picc_data is not hex: non-hex character at position 32",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE653370"
                + "| cmac must be 8 bytes (16 hex digits), got 7 bytes (14 hex digits)",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086 --colour blue"
                + "| unknown option --colour",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086 extra"
                + "| unexpected argument 'extra'",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086 --cmac 94EED9EE65337086"
                + "| --cmac is given twice",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --cmac"
                + "| --cmac needs a value",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E88"
                + "| --cmac is required",
        KEYS + " --cmac 94EED9EE65337086"
                + "| nothing to verify",
        KEYS + " --picc-data EF963FF7828658A599F3041510671E88 --uid 041E3C8A2D6B80 --ctr 000006 --cmac 94EED9EE65337086"
                + "| give either --picc-data or --uid and --ctr, not both",
        KEYS + " --uid 041E3C8A2D6B80 --cmac 4B00064004B0B3D3"
                + "| --uid needs --ctr",
        "--meta-key " + ZERO + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| --file-key is required",
        "--file-key " + ZERO + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| --meta-key is required to decrypt picc_data",
        KEYS + " --mode des --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| mode must be aes or lrp",
        KEYS + " --mode lrp --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| the size of AES-mode PICCData",
        KEYS + " --picc-data FDE4AFA99B5C820A2C1BB0F1C792D0EB --enc 94592FDE --cmac C48B89C17A233B2C"
                + "| enc must be whole 16-byte blocks",
        KEYS + " --tt-offset x --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| --tt-offset must be a whole number",
        KEYS + " --tt-offset 0 --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| no enc",
        KEYS + " --url https://ntag.nxp.com/424 "
                + "| the URL has no query string",
        KEYS + " --url https://x/?e=EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086"
                + "| --url carries the message; do not also give --cmac",
        KEYS + " --url https://x/?e=EF963FF7828658A599F3041510671E88"
                + "| the URL parameter cmac is required",
        KEYS + " --url https://x/?e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086&cmac=94EED9EE65337086"
                + "| the URL gives cmac twice",
    })
    void unusableInputExitsTwoWithTheReasonAndNoStackTrace(String args, String reason) {
        Run run = run(args);
        assertThat(run.status).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith("tapbus tag verify: ").contains(reason.strip())
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void neverPrintsKeys() {
        String secret = "5ACE7E50AB65D5D51FD5BF5A16B8205";
        Run run = run("--meta-key " + secret + " --file-key " + ZERO
                + " --picc-data EF963FF7828658A599F3041510671E88 --cmac 94EED9EE65337086");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).doesNotContain(secret).contains("--meta-key");
    }

    @Test
    void helpExitsZero() {
        Run run = run("--help");
        assertThat(run.status).isZero();
        assertThat(run.out).contains("--picc-data").contains("--url").contains("Exit status");
        assertThat(run("").status).isEqualTo(2);
    }

    private static Run run(String args, String... more) {
        List<String> all = new ArrayList<>(args.isBlank() ? List.of() : Arrays.asList(args.strip().split("\\s+")));
        all.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TagVerifyCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
