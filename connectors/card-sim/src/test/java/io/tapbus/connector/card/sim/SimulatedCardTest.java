package io.tapbus.connector.card.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.card.BerTlv;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The card's answers to raw APDU bytes, without a reader in between. */
class SimulatedCardTest {

    private static final byte[] IMK = Hex.parse("0123456789ABCDEFFEDCBA9876543210");
    private static final String SELECT = "00A4040008" + Hex.of(TapBusApplication.AID) + "00";
    private static final String GPO = "80A80000028300" + "00";
    private static final String CDOL1 = Hex.of(new byte[TransactionData.CDOL1_LENGTH]);

    private final TapBusPaymentApplet applet = new TapBusPaymentApplet(
            CardProfile.personalise(IMK, new CardId("6200001234567890", "01"), YearMonth.of(2030, 12)), 0x0010, 500);
    private final SimulatedCard card = SimulatedCard.withApplet(applet);

    @Test
    void selectAnswersTheFciWithAidAndLabel() {
        byte[] response = send(SELECT);
        assertThat(sw(response)).isEqualTo(0x9000);
        byte[] fci = data(response);
        assertThat(BerTlv.find(fci, 0x84)).hasValueSatisfying(aid -> assertThat(aid).isEqualTo(TapBusApplication.AID));
        assertThat(BerTlv.find(fci, 0x50)).hasValueSatisfying(
                label -> assertThat(new String(label, StandardCharsets.US_ASCII)).isEqualTo("TapBus Pay"));
    }

    @Test
    void unknownApplicationsAreNotFound() {
        assertThat(sw(send("00A4040007A000000003101000"))).isEqualTo(0x6A82);
        assertThat(sw(SimulatedCard.withoutTapBusApplication().transmit(Hex.parse(SELECT)))).isEqualTo(0x6A82);
        assertThat(sw(send("00A4000C023F00"))).isEqualTo(0x6A86);
    }

    @Test
    void truncatedOrMalformedApdusGetWrongLength() {
        assertThat(sw(card.transmit(new byte[0]))).isEqualTo(0x6700);
        assertThat(sw(card.transmit(null))).isEqualTo(0x6700);
        assertThat(sw(send("00A404"))).isEqualTo(0x6700);
        assertThat(sw(send("00A4040008F054"))).isEqualTo(0x6700); // Lc 8, two data bytes
        assertThat(sw(send("00A40400000008F054415042555301"))).isEqualTo(0x6700); // extended length
        send(SELECT);
        send(GPO);
        assertThat(sw(send("80AE80001C" + CDOL1.substring(2) + "00"))).isEqualTo(0x6700); // 28 bytes of CDOL1
    }

    @Test
    void unsupportedClassesAndInstructions() {
        send(SELECT);
        assertThat(sw(send("00C0000000"))).isEqualTo(0x6D00);
        assertThat(sw(send("90A80000028300"))).isEqualTo(0x6E00);
        assertThat(sw(send("00AE80001D" + CDOL1))).isEqualTo(0x6E00);
    }

    @Test
    void generateAcNeedsSelectAndProcessingOptions() {
        assertThat(sw(send("80AE80001D" + CDOL1 + "00"))).isEqualTo(0x6985);
        send(SELECT);
        assertThat(sw(send("80AE80001D" + CDOL1 + "00"))).isEqualTo(0x6985);
        assertThat(sw(send(GPO))).isEqualTo(0x9000);
        assertThat(sw(send("80AE80001D" + CDOL1 + "00"))).isEqualTo(0x9000);
        assertThat(sw(send("80AE80001D" + CDOL1 + "00"))).isEqualTo(0x6985); // one cryptogram per transaction
        assertThat(applet.atc()).isEqualTo(0x0011);
    }

    @Test
    void anAacRequestGetsAnAacWithItsCid() {
        send(SELECT);
        send(GPO);
        byte[] response = send("80AE00001D" + CDOL1 + "00");
        assertThat(BerTlv.find(data(response), 0x9F27)).hasValueSatisfying(cid -> assertThat(cid).containsExactly(0));
    }

    @Test
    void readsCardDataAndRefusesUnknownRecords() {
        send(SELECT);
        byte[] record = data(send("00B2010C00"));
        assertThat(BerTlv.find(record, 0x5A)).hasValueSatisfying(
                pan -> assertThat(Hex.of(pan)).isEqualTo("6200001234567890"));
        assertThat(BerTlv.find(record, 0x5F24)).hasValueSatisfying(e -> assertThat(Hex.of(e)).isEqualTo("301231"));
        assertThat(BerTlv.find(record, 0x5F34)).hasValueSatisfying(p -> assertThat(Hex.of(p)).isEqualTo("01"));
        assertThat(sw(send("00B2020C00"))).isEqualTo(0x6A83);
        assertThat(sw(send("00B2011C00"))).as("the ticket file, empty").isEqualTo(0x6A83);
        assertThat(sw(send("00B2012400"))).isEqualTo(0x6A82);
        assertThat(sw(send("80CA9F3600"))).isEqualTo(0x9000);
        assertThat(sw(send("80CA9F1700"))).isEqualTo(0x6A88);
    }

    @Test
    void theBalanceCannotBeWrittenWithoutIssuerApproval() {
        send(SELECT);
        send(GPO);
        send("80AE80001D" + CDOL1 + "00");
        assertThat(sw(send("00DC011409" + Hex.of(TapBusApplication.balanceRecord(999_999))))).isEqualTo(0x6985);
        assertThat(sw(send("0082000008" + "0000000000800000"))).isEqualTo(0x6300); // a guessed ARPC
        assertThat(sw(send("0082000008" + "0000000000800000"))).isEqualTo(0x6985); // one try per transaction
        assertThat(applet.balance()).isEqualTo(500);
    }

    @Test
    void refusesGenerateAcWhenTheAtcIsExhausted() {
        TapBusPaymentApplet old = new TapBusPaymentApplet(
                CardProfile.personalise(IMK, new CardId("6200001234567890", "01"), YearMonth.of(2030, 12)), 0xFFFF,
                0);
        SimulatedCard oldCard = SimulatedCard.withApplet(old);
        oldCard.transmit(Hex.parse(SELECT));
        oldCard.transmit(Hex.parse(GPO));
        assertThat(sw(oldCard.transmit(Hex.parse("80AE80001D" + CDOL1 + "00")))).isEqualTo(0x6985);
    }

    @Test
    void randomBytesAlwaysGetAStatusWordAndNeverAnInternalError() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] apdu = new byte[random.nextInt(40)];
            random.nextBytes(apdu);
            if (apdu.length > 1 && random.nextBoolean()) {
                apdu[0] = (byte) (random.nextBoolean() ? 0x00 : 0x80);
            }
            byte[] response = card.transmit(apdu);
            assertThat(response.length).isGreaterThanOrEqualTo(2);
            assertThat(sw(response)).as(Hex.of(apdu)).isNotEqualTo(StatusWord.NO_PRECISE_DIAGNOSIS);
            if (i % 50 == 0) {
                card.transmit(Hex.parse(SELECT));
                card.transmit(Hex.parse(GPO));
            }
        }
    }

    private byte[] send(String hex) {
        return card.transmit(Hex.parse(hex));
    }

    private static int sw(byte[] response) {
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }

    private static byte[] data(byte[] response) {
        return Arrays.copyOf(response, response.length - 2);
    }
}
