package io.tapbus.runtime.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.session.TimeFields;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The messages the gateway builds, field by field, and the results it makes of answers. */
class BankMessagesTest {
    private static final BankSettings SETTINGS = new BankSettings("127.0.0.1", 7500, "ascii", Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30), "10000001", "TB");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant AT = Instant.parse("2026-03-01T23:30:05Z"); // 2 March 07:30:05 in Shanghai
    private final BankMessages messages = new BankMessages(SETTINGS, SHANGHAI);

    @Test
    void aFinancialRequestCarriesTheCardTheAmountAndTheAcceptor() throws Exception {
        BankRequest request = new BankRequest(BankRequest.Kind.FINANCIAL, "pay-1", "4761739001010010", "1", "2812",
                1250, "156", "demo-shop", "R-1", "9F2701809F360200A1");
        String rrn = messages.retrievalReference(AT, "000123");
        Iso8583Message m = messages.request(request, "000123", rrn, TimeFields.transmissionTime(AT), AT);

        assertThat(m.mti()).isEqualTo("0200");
        assertThat(m.fields()).containsEntry(2, "4761739001010010").containsEntry(3, "000000")
                .containsEntry(4, "000000001250").containsEntry(7, "0301233005").containsEntry(11, "000123")
                .containsEntry(12, "073005").containsEntry(13, "0302").containsEntry(14, "2812")
                .containsEntry(22, "071").containsEntry(23, "001").containsEntry(25, "00").containsEntry(32, "10000001")
                .containsEntry(37, "606107000123").containsEntry(41, "TBR-1   ").containsEntry(42, "demo-shop      ")
                .containsEntry(49, "156").containsEntry(55, "9F2701809F360200A1");
        assertThat(Iso8583Codec.named("ascii").decode(Iso8583Codec.named("ascii").encode(m))).isEqualTo(m);
        assertThat(Iso8583Codec.named("binary").encode(m)).isNotEmpty();
    }

    @Test
    void aReversalNamesItsOriginalInField90() throws Exception {
        ReversalJournal.Due due = new ReversalJournal.Due(1, "pay-1", 0, "000124", "0200", "000123", "0301233005",
                "000000", 1250, "156", "606107000123", "TBR-1   ", "demo-shop      ");
        Instant later = AT.plusSeconds(3);

        Iso8583Message first = messages.reversal(due, false, later);
        Iso8583Message repeat = messages.reversal(due, true, later);

        assertThat(first.mti()).isEqualTo("0400");
        assertThat(repeat.mti()).isEqualTo("0401");
        assertThat(first.field(90)).isEqualTo("0200" + "000123" + "0301233005" + "00010000001" + "00000000000")
                .hasSize(42);
        assertThat(first.fields()).containsEntry(11, "000124").containsEntry(37, "606107000123")
                .containsEntry(4, "000000001250").containsEntry(7, "0301233008").doesNotContainKey(2);
        assertThat(Iso8583Matching.originalStanKey(first)).contains("stan=000123;terminal=TBR-1   ");
        assertThat(Iso8583Codec.named("ascii").decode(Iso8583Codec.named("ascii").encode(repeat))).isEqualTo(repeat);
    }

    @Test
    void responseCodesMakeOutcomes() {
        assertThat(BankResult.answered("p", "000001", "r", "00", "123456", null).outcome())
                .isEqualTo(BankResult.Outcome.APPROVED);
        assertThat(BankResult.answered("p", "000001", "r", "30", null, null).outcome())
                .isEqualTo(BankResult.Outcome.FORMAT_ERROR);
        BankResult declined = BankResult.answered("p", "000001", "r", "05", "999999", null);
        assertThat(declined.outcome()).isEqualTo(BankResult.Outcome.DECLINED);
        assertThat(declined.authCode()).as("no auth code without an approval").isNull();
        assertThat(BankResult.answered("p", "1", "r", "00", "1", "0002156C000000500000").availableBalanceMinor())
                .contains(500_000L);
    }

    @Test
    void requestsAreCheckedAndPrintMasked() {
        BankRequest request = new BankRequest(BankRequest.Kind.AUTHORIZATION, "pay-1", "4761739001010010", null, "2812",
                1, "156", "m", "t", "9F26");
        assertThat(request.toString()).contains("476173******0010").doesNotContain("4761739001010010", "2812", "9F26");
        assertThatThrownBy(() -> new BankRequest(BankRequest.Kind.AUTHORIZATION, "pay-1", "47617390", null, null, 1,
                "156", "m", "t", null)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("47617390");
        assertThatThrownBy(() -> SETTINGS.bankTerminalId("R-DEMO-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SETTINGS.bankTerminalId("000001")).isEqualTo("TB000001");
    }
}
