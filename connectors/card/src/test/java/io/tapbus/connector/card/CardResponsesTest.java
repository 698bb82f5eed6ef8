package io.tapbus.connector.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.CardResponses.CardData;
import io.tapbus.connector.card.CardResponses.Cryptogram;
import io.tapbus.connector.card.CardResponses.Fci;
import io.tapbus.connector.card.CardResponses.ProcessingOptions;
import io.tapbus.connector.card.CardResponses.Response;
import io.tapbus.connector.common.Hex;
import org.junit.jupiter.api.Test;

/** The response APDU decoders against the simulated card's answers, both EMV formats, and what they refuse. */
class CardResponsesTest {

    // the simulated TapBus card's answers (ApduResponseFuzzTestInputs), without the status word
    private static final String FCI = "6F1B8408F054415042555301A50F500A54617042757320506179870101";
    private static final String GPO_FORMAT_2 = "770E82020C0094080801010010010100";
    private static final String GPO_FORMAT_1 = "800A0C000801010010010100";
    private static final String CARD_DATA = "70145A0862000012345678905F24033012315F340101";
    private static final String AC_FORMAT_2 = "771E9F2701809F360200429F26081FDA4EFBEAF305AE9F100706015403A00000";
    private static final String AC_FORMAT_1 = "80128000421FDA4EFBEAF305AE06015403A00000";

    @Test
    void splitsTheStatusWordAndRefusesAnswersWithoutOne() throws Exception {
        Response response = CardResponses.response(Hex.parse(GPO_FORMAT_2 + "9000"));
        assertThat(response.ok()).isTrue();
        assertThat(Hex.of(response.data())).isEqualTo(GPO_FORMAT_2);
        assertThat(CardResponses.response(Hex.parse("6A82")).sw()).isEqualTo(0x6A82);
        for (String bad : new String[] {"", "90", "0102", "9F106000", "7000"}) {
            assertThatThrownBy(() -> CardResponses.response(Hex.parse(bad)))
                    .isInstanceOf(CardResponseException.class).hasMessageContaining("status word");
        }
    }

    @Test
    void readsTheFci() throws Exception {
        Fci fci = CardResponses.fci(Hex.parse(FCI));
        assertThat(fci.names(TapBusApplication.AID)).isTrue();
        assertThat(fci.label()).contains("TapBus Pay");
        assertThat(fci.pdol()).isEmpty();
        assertThat(CardResponses.fci(Hex.parse("6F0E8407A0000000031010A503500141")).names(TapBusApplication.AID))
                .isFalse();
        assertThatThrownBy(() -> CardResponses.fci(Hex.parse("6F0A8408F054415042555301")))
                .hasMessageContaining("A5");
        assertThatThrownBy(() -> CardResponses.fci(Hex.parse("6F078403F05441A500")))
                .hasMessageContaining("84 (DF name) is not 5 to 16 bytes");
    }

    @Test
    void readsProcessingOptionsInBothFormats() throws Exception {
        for (String answer : new String[] {GPO_FORMAT_1, GPO_FORMAT_2}) {
            ProcessingOptions options = CardResponses.processingOptions(Hex.parse(answer));
            assertThat(Hex.of(options.aip())).isEqualTo("0C00");
            assertThat(Hex.of(options.afl())).isEqualTo("0801010010010100");
        }
        assertThatThrownBy(() -> CardResponses.processingOptions(Hex.parse("80020C00")))
                .hasMessageContaining("AFL");
        assertThatThrownBy(() -> CardResponses.processingOptions(Hex.parse("800A0C000801010010020100")))
                .hasMessageContaining("AFL entry 2");
        assertThatThrownBy(() -> CardResponses.processingOptions(Hex.parse("770682020C009400")))
                .hasMessageContaining("AFL");
        assertThatThrownBy(() -> CardResponses.processingOptions(Hex.parse("7706820100940100")))
                .hasMessageContaining("82 (AIP) is not 2 bytes");
        assertThatThrownBy(() -> CardResponses.processingOptions(Hex.parse("770482020C00" + "8200")))
                .isInstanceOf(CardResponseException.class);
    }

    @Test
    void readsTheCardDataRecord() throws Exception {
        CardData data = CardResponses.cardData(Hex.parse(CARD_DATA));
        assertThat(data.card()).isEqualTo(new CardId("6200001234567890", "01"));
        assertThat(data.expiry()).isEqualTo("301231");
        // a 15-digit PAN padded with F, no PSN
        assertThat(CardResponses.cardData(Hex.parse("70105A08620000123456789F5F2403301231")).card())
                .isEqualTo(new CardId("620000123456789", "00"));
        assertThatThrownBy(() -> CardResponses.cardData(Hex.parse(CARD_DATA.replace("5F2403301231", "5F2403305C31"))))
                .hasMessageContaining("5F24").hasMessageNotContaining("305C31");
        assertThatThrownBy(() -> CardResponses.cardData(Hex.parse(CARD_DATA.replace("5F2403301231", "5F2403300231"))))
                .hasMessageContaining("not a date");
        assertThatThrownBy(() -> CardResponses.cardData(Hex.parse(CARD_DATA.replace("5F340101", "5F34011A"))))
                .hasMessageContaining("5F34");
        assertThatThrownBy(() -> CardResponses.cardData(Hex.parse(CARD_DATA.replace("5A086200001234567890",
                "5A0862000012345A7890")))).hasMessageContaining("PAN").hasMessageNotContaining("6200");
        assertThatThrownBy(() -> CardResponses.cardData(Hex.parse(CARD_DATA + "5A01")))
                .isInstanceOf(CardResponseException.class);
    }

    @Test
    void readsGenerateAcInBothFormats() throws Exception {
        for (String answer : new String[] {AC_FORMAT_1, AC_FORMAT_2}) {
            Cryptogram ac = CardResponses.generateAc(Hex.parse(answer));
            assertThat(ac.type()).isEqualTo(Cryptogram.ARQC);
            assertThat(ac.atc()).isEqualTo(0x0042);
            assertThat(Hex.of(ac.cryptogram())).isEqualTo("1FDA4EFBEAF305AE");
            assertThat(Hex.of(ac.iad())).isEqualTo("06015403A00000");
        }
        assertThat(CardResponses.generateAc(Hex.parse("800B000042" + "1FDA4EFBEAF305AE")).iad()).isEmpty();
        assertThatThrownBy(() -> CardResponses.generateAc(Hex.parse(AC_FORMAT_2.replace("9F270180", "9F2701C0"))))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> CardResponses.generateAc(Hex.parse("800A8000421FDA4EFBEAF305")))
                .hasMessageContaining("format 1");
        assertThatThrownBy(() -> CardResponses.generateAc(Hex.parse("80" + "2C" + "800042" + "1FDA4EFBEAF305AE"
                + "00".repeat(33)))).hasMessageContaining("format 1");
        assertThatThrownBy(() -> CardResponses.generateAc(Hex.parse(AC_FORMAT_2.replace("9F26081FDA4EFBEAF305AE", "")))).isInstanceOf(CardResponseException.class);
        assertThatThrownBy(() -> CardResponses.generateAc(Hex.parse("7781FF9F270180")))
                .hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> CardResponses.generateAc(Hex.parse("77039F1F9F")))
                .hasMessageContaining("tag");
    }
}
