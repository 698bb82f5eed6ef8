package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.card.BerTlv;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.payment.PaymentOutcome;
import io.tapbus.runtime.payment.PaymentStatus;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The POS answer's pieces on their own: field 39 per outcome, fields 37/38/54, and field 55 read strictly. */
class PosMappingTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static PaymentOutcome declined(String... reasons) {
        return new PaymentOutcome("PAY-1", PaymentStatus.DECLINED, Arrays.stream(reasons).map(r -> new Reason(r, "")).toList(), "D-1", null, null,
                null, null, 0);
    }

    @Test
    void aRefusedRequestTellsTheTerminalWhyNotSystemMalfunction() {
        assertThat(PosResponseCodes.of(DomainError.invalid("amount"))).isEqualTo("12");
        assertThat(PosResponseCodes.of(DomainError.notFound("merchant M-1"))).isEqualTo("03");
        assertThat(PosResponseCodes.of(DomainError.conflict("payment finished meanwhile"))).isEqualTo("05");
        assertThat(PosResponseCodes.of(new DomainError(DomainError.Code.DUPLICATE, "same key"))).isEqualTo("94");
        assertThat(PosResponseCodes.of(new DomainError(DomainError.Code.SYSTEM_UNAVAILABLE, "disk full"))).isEqualTo("91");
        assertThat(PosResponseCodes.of(DomainError.forbidden("not this terminal"))).isEqualTo("58");
    }

    @Test
    void responseCodesFollowTheDocumentedTable() {
        assertThat(PosResponseCodes.of(new PaymentOutcome("PAY-1", PaymentStatus.APPROVED, List.of(), "D", null, null, 10L, null, 0))).isEqualTo("00");
        assertThat(PosResponseCodes.of(new PaymentOutcome("PAY-1", PaymentStatus.STEP_UP, List.of(new Reason("STEP_UP_REQUIRED", "")), "D", null, null,
                null, null, 0))).isEqualTo("1A");
        assertThat(PosResponseCodes.of(declined("INSUFFICIENT_FUNDS"))).isEqualTo("51");
        assertThat(PosResponseCodes.of(declined("CARD_UNKNOWN", "CRYPTOGRAM_MISSING"))).isEqualTo("14");
        assertThat(PosResponseCodes.of(declined("CARD_NOT_ACTIVE"))).isEqualTo("62");
        assertThat(PosResponseCodes.of(declined("CRYPTOGRAM_INVALID"))).isEqualTo("05");
        assertThat(PosResponseCodes.of(declined("ATC_REPLAYED"))).isEqualTo("05");
        assertThat(PosResponseCodes.of(declined("OVER_SINGLE_LIMIT", "INSUFFICIENT_FUNDS"))).isEqualTo("61");
        assertThat(PosResponseCodes.of(declined("DAILY_LIMIT_EXCEEDED"))).isEqualTo("61");
        assertThat(PosResponseCodes.of(declined("VELOCITY_EXCEEDED"))).isEqualTo("65");
        assertThat(PosResponseCodes.of(declined("MERCHANT_CATEGORY_BLOCKED"))).isEqualTo("57");
        assertThat(PosResponseCodes.of(declined("MERCHANT_BLOCKED", "OVER_SINGLE_LIMIT"))).isEqualTo("57");
        assertThat(PosResponseCodes.of(declined("BANK_LINK_DOWN"))).isEqualTo("91");
        assertThat(PosResponseCodes.of(new PaymentOutcome("PAY-1", PaymentStatus.REVERSED, List.of(new Reason("ISSUER_TIMEOUT", "")), "D", null, null,
                null, null, 0))).isEqualTo("91");
        assertThat(PosResponseCodes.of(new PaymentOutcome("PAY-1", PaymentStatus.DECLINED, List.of(new Reason("BANK_DECLINED", "")), "D", null, null,
                null, "54", 0))).as("the bank's own code").isEqualTo("54");
        assertThat(PosResponseCodes.of(declined("CURRENCY_UNSUPPORTED"))).isEqualTo("05");
    }

    @Test
    void field54CarriesTheDiscountAndTheBalanceAndTheAnswerIsStablePerPayment() {
        PaymentOutcome approved = new PaymentOutcome("PAY-83c8ccdc-f3b0-4c58-aaa5-602cc869e057", PaymentStatus.APPROVED, List.of(), "D", null, null,
                96_200L, null, 200);
        assertThat(PosAnswers.additionalAmounts(approved, "156")).isEqualTo("0090156C000000000200" + "0002156C000000096200");
        String id = "83C8CCDCF3B04C58AAA5602CC869E057";
        assertThat(PosAnswers.authCode(id)).isEqualTo("69E057");
        assertThat(PosAnswers.rrn(id)).matches("[0-9]{12}").isEqualTo(PosAnswers.rrn(id));
    }

    private static byte[] tlv(int tag, String hex) {
        return BerTlv.of(tag, HEX.parseHex(hex));
    }

    private static String iccData(boolean withOtherAmount, byte[]... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tlv(0x9F26, "1122334455667788"));
        out.writeBytes(tlv(0x9F36, "001C"));
        out.writeBytes(tlv(0x82, "1800"));
        out.writeBytes(tlv(0x9F10, "06011203A0B800"));
        out.writeBytes(tlv(0x9F02, "000000001250"));
        if (withOtherAmount) {
            out.writeBytes(tlv(0x9F03, "000000000000"));
        }
        out.writeBytes(tlv(0x9F1A, "0156"));
        out.writeBytes(tlv(0x95, "0000000000"));
        out.writeBytes(tlv(0x5F2A, "0156"));
        out.writeBytes(tlv(0x9A, "260612"));
        out.writeBytes(tlv(0x9C, "00"));
        out.writeBytes(tlv(0x9F37, "52BF4585"));
        for (byte[] e : extra) {
            out.writeBytes(e);
        }
        return HEX.formatHex(out.toByteArray());
    }

    @Test
    void field55BecomesTheCryptogramInputInTapBusCdol1Order() throws Exception {
        byte[] expected = ArqcInput.of(TransactionData.purchase(1250, 156, 156, LocalDate.of(2026, 6, 12), HEX.parseHex("52BF4585")),
                HEX.parseHex("1800"), 0x1C, HEX.parseHex("06011203A0B800")).bytes();

        IccData full = IccData.parse(iccData(true));
        IccData withoutOtherAmount = IccData.parse(iccData(false, tlv(0x9F27, "80")));

        assertThat(full.atc()).isEqualTo(0x1C);
        assertThat(HEX.formatHex(full.arqc())).isEqualTo("1122334455667788");
        assertThat(full.arqcInput()).isEqualTo(expected);
        assertThat(withoutOtherAmount.arqcInput()).as("9F03 absent is zero").isEqualTo(expected);
    }

    @Test
    void malformedField55IsRefused() {
        assertThatThrownBy(() -> IccData.parse("9F2608AABBCC")).isInstanceOf(IccData.Malformed.class).hasMessageContaining("9F26");
        assertThatThrownBy(() -> IccData.parse(iccData(true).replace("9F3602001C", ""))).hasMessageContaining("9F36");
        assertThatThrownBy(() -> IccData.parse(iccData(true, tlv(0x9F36, "001D")))).hasMessageContaining("twice");
        assertThatThrownBy(() -> IccData.parse(iccData(true).replace("9F3704", "9F3703"))).isInstanceOf(IccData.Malformed.class);
        assertThatThrownBy(() -> IccData.parse("9F")).isInstanceOf(IccData.Malformed.class);
        assertThatThrownBy(() -> IccData.parse("XYZ")).isInstanceOf(IccData.Malformed.class);
    }
}
