package io.tapbus.runtime.bank;

import static io.tapbus.runtime.bank.BankBench.PAN;
import static io.tapbus.runtime.bank.BankBench.eventually;
import static io.tapbus.runtime.bank.BankBench.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.bank.BankResult.Outcome;
import io.tapbus.runtime.jpos.JposAcquirer;
import io.tapbus.runtime.jpos.JposMessages;
import java.time.Duration;
import java.util.HexFormat;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.ISO87APackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bank gateway against a real jPOS acquirer (ISOServer, ASCIIChannel, ISO87APackager; jPOS is AGPL-3.0 and a test
 * dependency only), the gateway configured for it: layout ascii, length header ascii4, no TPDU. It signs on, echoes,
 * authorizes, is declined, times out into a reversal the host acknowledges, and survives an answer whose field the
 * host's layout defines differently (which a variant layout then reads); every message it put on the wire is byte
 * for byte jPOS's own packing of it.
 */
class JposBankHostTest {
    private static final Duration TIMEOUT = Duration.ofMillis(600);
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static JposAcquirer host;
    private static BankBench bench;
    private static BankGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        host = new JposAcquirer(RunningBus.freePort());
        bench = BankBench.h2WithoutSimulator();
        gateway = bench.signedOnGateway(new BankSettings("127.0.0.1", host.port(), "ascii", TIMEOUT,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), "10000001", "TB", "ascii4", ""));
    }

    @AfterAll
    static void stop() {
        if (bench != null) {
            bench.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @Test
    void signsOnWith0800AndEchoesOnTheTimer() throws Exception {
        ISOMsg signOn = host.requests("0800").get(0);
        assertThat(signOn.getString(70)).isEqualTo("001");
        assertThat(signOn.getString(11)).matches("\\d{6}");

        eventually(SOON, () -> host.requests("0800").stream().anyMatch(m -> "301".equals(m.getString(70))),
                "an echo (0800, 70=301) reached jPOS");
        assertThat(gateway.signedOn()).isTrue();
    }

    @Test
    void aPurchaseIsApprovedByJposWith0200And0210() throws Exception {
        BankResult result = gateway.authorize(purchase("jpos-pay-1", PAN, 1250));

        assertThat(result.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(result.authCode()).isEqualTo(JposAcquirer.AUTH_CODE);
        ISOMsg request = lastRequestWithStan(result.stan());
        assertThat(request.getMTI()).isEqualTo("0200");
        assertThat(request.getString(2)).isEqualTo(PAN);
        assertThat(request.getString(4)).isEqualTo("000000001250");
        assertThat(request.getString(41)).isEqualTo("TBR-001 ");
        assertThat(request.getString(55)).isEqualTo(purchase("x", PAN, 1).iccData());
        assertThat(bench.message("jpos-pay-1")).containsEntry("mti_received", "0210").containsEntry("response_code", "00");
    }

    @Test
    void anAuthorizationIs0100And0110AndADeclineKeepsJposResponseCode() throws Exception {
        BankResult authorized = gateway.authorize(new BankRequest(BankRequest.Kind.AUTHORIZATION, "jpos-auth-1", PAN,
                "01", "2812", 900, "156", "demo-shop", "R-001", null));
        BankResult declined = gateway.authorize(purchase("jpos-declined", JposAcquirer.DECLINED_PAN, 1250));

        assertThat(authorized.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(lastRequestWithStan(authorized.stan()).getMTI()).isEqualTo("0100");
        assertThat(bench.message("jpos-auth-1")).containsEntry("mti_received", "0110");
        assertThat(declined.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(declined.responseCode()).isEqualTo("05");
    }

    @Test
    void aPurchaseJposLeavesUnansweredTimesOutAndIsReversedWith0400() throws Exception {
        BankResult result = gateway.authorize(purchase("jpos-silent", PAN, JposAcquirer.SILENT_AMOUNT));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.reversalQueued()).isTrue();
        eventually(SOON, () -> "ACKNOWLEDGED".equals(bench.reversalState("jpos-silent")), "jPOS acknowledged the reversal");
        ISOMsg reversal = host.requests.stream().filter(m -> m.getString(90) != null
                && m.getString(90).startsWith("0200" + result.stan())).findFirst().orElseThrow();
        assertThat(reversal.getMTI()).isIn("0400", "0401");
        assertThat(reversal.getString(4)).isEqualTo(String.format("%012d", JposAcquirer.SILENT_AMOUNT));
        assertThat(reversal.getString(2)).as("no PAN in a reversal").isNull();
    }

    @Test
    void anAnswerWhoseFieldTheHostDefinesDifferentlyIsRefusedAndTheLinkStaysUp() throws Exception {
        int connections = host.connections();
        long signOns = host.requests("0800").stream().filter(m -> "001".equals(m.getString(70))).count();

        BankResult result = gateway.authorize(purchase("jpos-own-48", PAN, JposAcquirer.OWN_LAYOUT_AMOUNT));

        // jPOS approved with a field 48 our layout cannot read (LLVAR there, LLLVAR in ISO 8583:1987): the answer
        // is refused (the log names field 48), the payment is not taken as approved, and it is reversed
        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        eventually(SOON, () -> "ACKNOWLEDGED".equals(bench.reversalState("jpos-own-48")), "reversal acknowledged");
        assertThat(gateway.authorize(purchase("jpos-after-48", PAN, 1250)).outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(host.connections()).as("the same connection").isEqualTo(connections);
        assertThat(host.requests("0800").stream().filter(m -> "001".equals(m.getString(70))).count())
                .as("no new sign-on").isEqualTo(signOns);
    }

    @Test
    void aVariantThatDefinesTheFieldAsTheHostDoesReadsThatAnswer() throws Exception {
        java.nio.file.Path variant = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile(
                java.nio.file.Path.of("target"), "host-48-", ".json"), "{\"name\": \"host-48\", \"extends\": \"ascii\","
                + " \"fields\": [{\"field\": 48, \"format\": \"LLVAR\", \"length\": 99}]}");
        BankGateway withVariant = bench.signedOnGateway(new BankSettings("127.0.0.1", host.port(), variant.toString(),
                TIMEOUT, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), "10000001", "TB",
                "ascii4", ""));

        BankResult result = withVariant.authorize(purchase("jpos-variant-48", PAN, JposAcquirer.OWN_LAYOUT_AMOUNT));

        assertThat(result.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(result.authCode()).isEqualTo(JposAcquirer.AUTH_CODE);
    }

    @Test
    void everyMessageTheGatewaySentIsJposOwnPackingOfIt() throws Exception {
        gateway.authorize(purchase("jpos-golden", PAN, 2000));
        Iso8583Codec ascii = Iso8583Codec.named("ascii");

        assertThat(host.packager.unpacked).isNotEmpty();
        for (byte[] sent : host.packager.unpacked) {
            ISOMsg m = new ISOMsg();
            m.setPackager(new ISO87APackager());
            m.unpack(sent);
            assertThat(HEX.formatHex(m.pack())).as("jPOS's packing of what TapBus sent").isEqualTo(HEX.formatHex(sent));
            assertThat(HEX.formatHex(ascii.encode(JposMessages.ours(m)))).as("TapBus's encoding of it")
                    .isEqualTo(HEX.formatHex(sent));
        }
    }

    private static ISOMsg lastRequestWithStan(String stan) {
        return host.requests.stream().filter(m -> stan.equals(m.getString(11))).reduce((a, b) -> b).orElseThrow();
    }
}
