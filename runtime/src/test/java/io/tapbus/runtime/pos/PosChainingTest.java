package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.card.pcsc.CardTap;
import io.tapbus.runtime.demo.DemoSeeder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An existing ISO 8583 POS terminal chained through a running TapBus: a plain-socket terminal (connectors/bank codec
 * and framing) pays with a simulated stored-value TapBus card whose ARQCs the bus verifies and settles on the
 * platform; answers and bad input in the terminal's own terms. Bank-funded cards and reversals: PosBankAndReversalTest.
 */
class PosChainingTest extends PosChainingFixture {
    @Test
    void anEchoIsAnswered() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(Iso8583Message.of("0800", Map.of(7, "0612120000", 11, "000777", 70, "301")));

            assertThat(answer.mti()).isEqualTo("0810");
            assertThat(answer.field(39)).isEqualTo("00");
            assertThat(answer.field(11)).isEqualTo("000777");
            assertThat(answer.field(70)).isEqualTo("301");
        }
    }

    @Test
    void aStoredValuePurchaseIsApprovedPostedOnceAndAnsweredTheSameWhenRepeated() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        Iso8583Message request = emvPurchase(TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 1250);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(request);
            Iso8583Message repeat = pos.send(request);

            assertThat(answer.mti()).isEqualTo("0210");
            assertThat(answer.field(39)).as(answer.toString()).isEqualTo("00");
            assertThat(answer.field(38)).hasSize(6);
            assertThat(answer.field(37)).matches("[0-9]{12}");
            assertThat(answer.field(11)).isEqualTo(request.field(11));
            assertThat(answer.field(41)).isEqualTo(TERMINAL);
            assertThat(answer.field(42)).isEqualTo(request.field(42));
            assertThat(answer.has(2)).as("the PAN is not echoed").isFalse();
            assertThat(answer.field(54)).as("the balance left, as POS terminals print it")
                    .isEqualTo("0002156C" + String.format("%012d", before - 1250));
            assertThat(answer.field(55)).as("ARPC and CSU for the card (tag 91)").matches("9108[0-9A-F]{16}");
            assertThat(repeat).as("the same STAN and field 7: the recorded answer").isEqualTo(answer);
            assertThat(balance(DemoSeeder.ACTIVE_CARD)).as("posted once").isEqualTo(before - 1250);
        }
    }

    @Test
    void aForgedCryptogramIsDeclinedWith05() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        CardTap tap = tap(storedValueCard, 900);
        String genuine = field55(tap);
        String arqc = HEX.formatHex(tap.arqc());
        String forged = genuine.replace("9F2608" + arqc, "9F2608" + arqc.substring(0, 15) + (arqc.charAt(15) == '0' ? '1' : '0'));
        assertThat(forged).isNotEqualTo(genuine);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 900, forged));

            assertThat(answer.field(39)).as(answer.toString()).isEqualTo("05");
            assertThat(answer.has(38)).isFalse();
        }
        assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before);
    }

    @Test
    void overThePosSingleLimitIsDeclinedWith61() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(emvPurchase(TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 600_000));

            assertThat(answer.field(39)).as("over 5000.00 (also over the balance: the limit is named first)").isEqualTo("61");
        }
        assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before);
    }

    @Test
    void unknownOrDisabledTerminalsGet58() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message unknown = pos.send(purchase("POS99999", nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, null));
            assertThat(unknown.field(39)).isEqualTo("58");
            assertThat(unknown.field(41)).isEqualTo("POS99999");
        }
    }

    @Test
    void aPurchaseWithoutCryptogramOrWithBrokenIccDataIsRefused() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message noCryptogram = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, null));
            Iso8583Message brokenTlv = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, "9F2608AABBCC"));
            Iso8583Message refund = pos.send(purchase(TERMINAL, nextStan(), DemoSeeder.ACTIVE_CARD_PAN, 100, null).with(3, "200000"));

            assertThat(noCryptogram.field(39)).as("card present needs the ARQC").isEqualTo("05");
            assertThat(brokenTlv.field(39)).as("malformed field 55").isEqualTo("30");
            assertThat(refund.field(39)).as("only purchases are chained").isEqualTo("12");
        }
    }

    @Test
    void theLoyaltyDiscountOfDemoCafeIsInField54() throws Exception {
        long before = balance(DemoSeeder.ACTIVE_CARD);
        try (PosClient pos = pos()) {
            Iso8583Message answer = pos.send(emvPurchase(CAFE_TERMINAL, storedValueCard, DemoSeeder.ACTIVE_CARD_PAN, 4000));

            assertThat(answer.field(39)).as(answer.toString()).isEqualTo("00");
            assertThat(answer.field(4)).as("the amount asked is echoed").isEqualTo("000000004000");
            assertThat(answer.field(54)).as("5% off at demo-cafe: 2.00, then the balance")
                    .isEqualTo("0090156C000000000200" + "0002156C" + String.format("%012d", before - 3800));
        }
        assertThat(balance(DemoSeeder.ACTIVE_CARD)).isEqualTo(before - 3800);
    }

    @Test
    void aBadBitmapGets30AndTheConnectionStaysUsable() throws Exception {
        try (PosClient pos = pos()) {
            Iso8583Message formatError = pos.sendRaw("0200ZZZZ000000000000000000".getBytes(StandardCharsets.US_ASCII));
            assertThat(formatError.mti()).isEqualTo("0210");
            assertThat(formatError.field(39)).isEqualTo("30");

            Iso8583Message wrongLength = pos.sendRaw("08002020000000000000000001".getBytes(StandardCharsets.US_ASCII));
            assertThat(wrongLength.mti()).isEqualTo("0810");
            assertThat(wrongLength.field(39)).isEqualTo("30");

            Iso8583Message echo = pos.send(Iso8583Message.of("0800", Map.of(11, "000001", 70, "301")));
            assertThat(echo.field(39)).as("the same connection still answers").isEqualTo("00");
        }
    }

    @Test
    void garbageWithoutARequestMtiClosesTheConnectionAndTheListenerCarriesOn() throws Exception {
        try (PosClient pos = pos()) {
            assertThat(pos.sendRaw("hello, bank?".getBytes(StandardCharsets.US_ASCII))).isNull();
        }
        try (PosClient pos = pos()) {
            assertThat(pos.sendRaw("0210".getBytes(StandardCharsets.US_ASCII))).as("a response MTI alone").isNull();
        }
        try (PosClient pos = pos()) {
            assertThat(pos.send(Iso8583Message.of("0800", Map.of(11, "000002", 70, "301"))).field(39)).isEqualTo("00");
        }
    }
}
