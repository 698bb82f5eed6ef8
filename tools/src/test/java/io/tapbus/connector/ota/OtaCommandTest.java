package io.tapbus.connector.ota;

import static io.tapbus.connector.ota.PySimVectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.common.Hex;
import io.tapbus.tools.OtaCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line with pySim's packets: exact output, exit codes and reasons. */
class OtaCommandTest {

    private static final String POR_OK_6132 =
            "{\"status\": \"por_ok\", \"numberOfCommands\": 1, \"lastStatusWord\": \"6132\", \"lastResponseData\": \"\"}";
    private static final String SJA5_3DES_KEYS = "--kic-key " + SJA5_3DES_KIC + " --kid-key " + SJA5_3DES_KID;
    private static final String SJA5_AES_KEYS = "--kic-key " + SJA5_AES_KIC + " --kid-key " + SJA5_AES_KID;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String args) {
        return run(args, "");
    }

    private static Run run(String args, String stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OtaCommand.run(args.isBlank() ? new String[0] : args.trim().split("\\s+"),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String wrap(String algo, String spi, String keyIds, String tar, String keys, String data) {
        return "wrap --algo " + algo + " --spi " + spi + " --kic " + keyIds + " --kid " + keyIds + " --tar " + tar
                + " --counter 0000000000 " + keys + " --data " + data;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "3DES-SJA5-CIPHERED-CC, 3des, 0619, 35, " + SJA5_3DES_CIPHERED_CC_CMD,
        "3DES-SJA5-UNCIPHERED-CC, 3des, 0609, 35, " + SJA5_3DES_UNCIPHERED_CC_CMD,
        "3DES-SJA5-UNCIPHERED-NOCC, 3des, 0601, 35, " + SJA5_3DES_NOCC_CMD,
        "AES128-SJA5-CIPHERED-CC, aes, 0619, 22, " + SJA5_AES_CIPHERED_CC_CMD})
    void wrapPrintsPySimsPacket(String name, String algo, String spi, String keyIds, String expected) {
        Run run = run(wrap(algo, spi, keyIds, TAR_USIM_RFM, algo.equals("aes") ? SJA5_AES_KEYS : SJA5_3DES_KEYS,
                SELECT_MF.toLowerCase()));
        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).isEqualTo(expected + System.lineSeparator());
        assertThat(run.err).isEmpty();
    }

    @Test
    void wrapNeedsOnlyTheKeysTheSpiUses() {
        Run signed = run(wrap("3des", "0219", "35", TAR_RAM, "--kid-key " + CARD_3DES_KID, SELECT_MF_P2_00));
        assertThat(signed.out.strip()).isEqualTo("001D" + CARD_3DES_SIGNED_CMD_AFTER_CPL);
        Run plain = run(wrap("3des", "0019", "35", TAR_RAM, "", SELECT_MF_P2_00));
        assertThat(plain.out.strip()).isEqualTo("0015" + CARD_3DES_NONE_CMD_AFTER_CPL);
        Run ciphered = run(wrap("3des", "0419", "35", TAR_RAM, "--kic-key " + CARD_3DES_KIC, SELECT_MF_P2_00));
        assertThat(ciphered.out.strip()).isEqualTo(CARD_3DES_CIPHERED_CMD);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "3DES-SJA5-CIPHERED-CC, " + SJA5_3DES_CIPHERED_CC_POR,
        "3DES-SJA5-UNCIPHERED-CC, " + SJA5_3DES_UNCIPHERED_CC_POR,
        "3DES-SJA5-UNCIPHERED-NOCC, " + SJA5_3DES_NOCC_POR})
    void porPrintsPySimsValues(String name, String por) {
        Run run = run("por " + SJA5_3DES_KEYS + " " + por);
        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).isEqualTo(POR_OK_6132 + System.lineSeparator());
        assertThat(run.err).isEmpty();
    }

    @Test
    void porWithAesKeysAndWithTheSpi() {
        assertThat(run("por " + SJA5_AES_KEYS + " --algo aes " + SJA5_AES_CIPHERED_CC_POR).out.strip())
                .isEqualTo(POR_OK_6132);
        assertThat(run("por " + SJA5_AES_KEYS + " --algo=aes --spi 0619 " + SJA5_AES_CIPHERED_CC_POR).out.strip())
                .isEqualTo(POR_OK_6132);
        assertThat(run("por --kic-key " + CARD_3DES_KIC + " --kid-key " + CARD_3DES_KID + " --algo 3des "
                + CARD_3DES_CIPHERED_POR).out.strip()).isEqualTo(POR_OK_6132.replace("6132", "612F"));
    }

    @Test
    void porWithoutKeysDecodesAPorWithoutChecksum() {
        Run run = run("por " + CARD_3DES_NONE_POR);
        assertThat(run.status).isZero();
        assertThat(run.out.strip()).isEqualTo(POR_OK_6132.replace("6132", "612F"));
        assertThat(run("por -", SJA5_3DES_NOCC_POR.toLowerCase() + "\n").out.strip()).isEqualTo(POR_OK_6132);
    }

    @Test
    void aPorThatDoesNotVerifyExitsOne() {
        Run altered = run("por --kic-key " + CARD_3DES_KIC + " --kid-key " + CARD_3DES_KID + " "
                + CARD_3DES_SIGNED_POR_ALTERED);
        assertThat(altered.status).isEqualTo(1);
        assertThat(altered.out).isEmpty();
        assertThat(altered.err).contains("rc_cc_ds_failed").contains("give --algo aes for AES keys");

        Run wrongAlgorithm = run("por " + SJA5_3DES_KEYS + " --algo aes " + SJA5_3DES_UNCIPHERED_CC_POR);
        assertThat(wrongAlgorithm.status).isEqualTo(1);
        assertThat(wrongAlgorithm.err).contains("rc_cc_ds_failed").doesNotContain("give --algo");

        Run spiSaysClear = run("por " + SJA5_3DES_KEYS + " --spi 0609 " + SJA5_3DES_CIPHERED_CC_POR);
        assertThat(spiSaysClear.status).isEqualTo(1);
        Run spiSaysCiphered = run("por " + SJA5_3DES_KEYS + " --spi 0639 " + SJA5_3DES_UNCIPHERED_CC_POR);
        assertThat(spiSaysCiphered.status).as("18 octets cannot be triple DES blocks").isEqualTo(2);
        assertThat(spiSaysCiphered.err).contains("not whole 8-octet blocks");
        Run spiAsksForAChecksum = run("por --spi 0609 " + SJA5_3DES_NOCC_POR);
        assertThat(spiAsksForAChecksum.status).isEqualTo(1);
        assertThat(spiAsksForAChecksum.err).contains("asks for a checksummed proof of receipt and this one has none");
    }

    @Test
    void otherStatusesPrintNullsForTheResponseData() throws Exception {
        OtaKeys keys = OtaKeys.of(OtaAlgorithm.TRIPLE_DES, bytes(SJA5_3DES_KIC), bytes(SJA5_3DES_KID));
        byte[] por = new ResponsePacket(bytes("B00011"), 5, 0x02, new byte[0], false, 0).encode(keys, true, 8);
        Run run = run("por " + SJA5_3DES_KEYS + " " + Hex.of(por));
        assertThat(run.status).isZero();
        assertThat(run.out.strip()).isEqualTo("{\"status\": \"cntr_low\", \"numberOfCommands\": null,"
                + " \"lastStatusWord\": null, \"lastResponseData\": null}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "                                                        | missing subcommand: wrap or por",
        "unwrap                                                  | unknown subcommand 'unwrap'",
        "wrap --algo des                                         | algorithm must be 3des or aes, got 'des'",
        "wrap --algo 3des --spi 06                               | --spi must be 2 octets (4 hex digits), got 1",
        "wrap --algo 3des --spi 0619 --kic 35 --kid 35 --tar B00011 --counter 00 --data 00"
                + "                                              | --counter must be 5 octets (10 hex digits), got 1",
        "wrap --algo 3des --spi 0619 --kic 35 --kid 35 --tar B000 --counter 0000000000 --data 00"
                + "                                              | --tar must be 3 octets (6 hex digits), got 2",
        "wrap --algo 3des --spi 0619 --kic 35 --kid 35 --tar B00011 --counter 0000000000 --data 00"
                + "                                              | --kic-key is required: SPI 0619 ciphers the packet",
        "wrap --algo 3des --spi 0219 --kic 35 --kid 35 --tar B00011 --counter 0000000000 --data 00"
                + "                                              | --kid-key is required",
        "wrap --algo 3des --spi 0219 --kic 35 --kid 35 --tar B00011 --counter 0000000000 --data 0G --kid-key 00"
                + "                                              | --data is not hex",
        "wrap --algo 3des --spi 0219 --kic 35 --kid 35 --tar B00011 --counter 0000000000 --data 00 --kid-key 0011"
                + "                                              | the KID key must be 16 or 24 octets for 3des, got 2",
        "wrap --algo 3des --algo aes                             | --algo is given twice",
        "wrap --colour blue                                      | unknown option --colour",
        "wrap --algo                                             | --algo needs a value",
        "por                                                     | the proof of receipt (hex, or - for standard input)"
                + " is missing",
        "por 027100000E0AB0001100000000000000016132 02           | one proof of receipt at a time, got 2",
        "por 0A71000012                                          | lies about its length: UDHL says 10 octets",
        "por 027100001612B0001100000000000000B5BCD6353A421FAE016132 | verifying it needs the KID key",
        "por 027100000E0AB00011000000000000000161                | RPL says 14 octets follow, 13 do",
        "por -x                                                  | unexpected argument '-x'"})
    void unusableInputExitsTwoWithTheReason(String args, String reason) {
        Run run = run(args == null ? "" : args);
        assertThat(run.status).as(run.err).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).contains(reason).doesNotContain(SJA5_3DES_KIC);
    }

    @Test
    void helpPrintsTheUsage() {
        for (String flag : new String[] {"--help", "-h"}) {
            Run run = run(flag);
            assertThat(run.status).isZero();
            assertThat(run.out).startsWith("Usage: tapbus ota wrap").contains("tapbus ota por");
        }
    }
}
