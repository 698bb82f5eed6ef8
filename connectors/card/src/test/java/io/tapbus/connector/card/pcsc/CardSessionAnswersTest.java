package io.tapbus.connector.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** {@link CardSession#pay} with answers a real card may give (EMV format 1) and the ones the fuzzer found. */
class CardSessionAnswersTest {

    private static final String FCI = "6F1B8408F054415042555301A50F500A54617042757320506179870101" + "9000";
    private static final String GPO_FORMAT_1 = "800A0C000801010010010100" + "9000";
    private static final String CARD_DATA = "70145A0862000012345678905F24033012315F340101" + "9000";
    private static final String AC_FORMAT_1 = "80128000421FDA4EFBEAF305AE06015403A00000" + "9000";
    private static final TransactionData PURCHASE = TransactionData.purchase(1250, 978, 250,
            LocalDate.of(2026, 12, 7), Hex.parse("A1B2C3D4"));

    @Test
    void aCardAnsweringInFormat1Taps() {
        TapResult result = pay(FCI, GPO_FORMAT_1, CARD_DATA, AC_FORMAT_1);
        assertThat(result.status()).isEqualTo(TapResult.Status.TAPPED);
        assertThat(result.tap().atc()).isEqualTo(0x42);
        assertThat(result.tap().isArqc()).isTrue();
        assertThat(Hex.of(result.tap().aip())).isEqualTo("0C00");
        assertThat(Hex.of(result.tap().issuerApplicationData())).isEqualTo("06015403A00000");
        assertThat(result.tap().expiry()).isEqualTo("301231");
    }

    @Test
    void anAnswerWithoutAStatusWordIsACardError() { // finding 1: IllegalArgumentException from ResponseAPDU
        TapResult result = pay("A5");
        assertThat(result.status()).isEqualTo(TapResult.Status.CARD_ERROR);
        assertThat(result.statusWord()).isZero();
        assertThat(result.detail()).contains("without a status word");
    }

    @Test
    void anExpiryThatIsNoDateIsACardError() { // finding 2: the reader sent it, the bus refused the PAYMENT_REQUEST
        TapResult result = pay(FCI, GPO_FORMAT_1, CARD_DATA.replace("5F2403301231", "5F2403305C31"), AC_FORMAT_1);
        assertThat(result.status()).isEqualTo(TapResult.Status.CARD_ERROR);
        assertThat(result.detail()).contains("5F24").doesNotContain("305C31");
    }

    @Test
    void aCryptogramWithoutIadOrOfAReservedTypeIsACardError() { // findings 3 and 4
        TapResult noIad = pay(FCI, GPO_FORMAT_1, CARD_DATA, "800B8000421FDA4EFBEAF305AE9000");
        assertThat(noIad.status()).isEqualTo(TapResult.Status.CARD_ERROR);
        assertThat(noIad.detail()).contains("9F10");
        TapResult reserved = pay(FCI, GPO_FORMAT_1, CARD_DATA, AC_FORMAT_1.replace("80128000", "8012C000"));
        assertThat(reserved.status()).isEqualTo(TapResult.Status.CARD_ERROR);
        assertThat(reserved.detail()).contains("reserved");
    }

    @Test
    void anotherApplicationsFciIsACardError() {
        TapResult result = pay("6F0E8407A0000000031010A5035001419000");
        assertThat(result.status()).isEqualTo(TapResult.Status.CARD_ERROR);
        assertThat(result.detail()).contains("another application");
    }

    private static TapResult pay(String... answers) {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        for (String answer : answers) {
            byte[] bytes = Hex.parse(answer);
            script.write(bytes.length >> 8);
            script.write(bytes.length);
            script.writeBytes(bytes);
        }
        try (CardSession session = new CardSession(new CardSessionFuzzTest.ScriptedCard(script.toByteArray()))) {
            return session.pay(PURCHASE);
        }
    }
}
