package io.tapbus.connector.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.BerTlv.DataObject;
import io.tapbus.connector.common.Hex;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one EMV data model: BER-TLV read strictly, the TapBus CDOL1 as a data object list, its transaction data. */
class EmvDataModelTest {

    private static final TransactionData PURCHASE = new TransactionData(1250, 0, 156, Hex.parse("8000048000"), 156,
            LocalDate.of(2026, 11, 25), 0, Hex.parse("A1B2C3D4"));
    private static final String PURCHASE_CDOL1 = "000000001250" + "000000000000" + "0156" + "8000048000" + "0156"
            + "261125" + "00" + "A1B2C3D4";

    @Test
    void berTlvReadsLongTagsLongLengthsAndPadding() throws Exception {
        byte[] data = Hex.parse("00 9F3602001C FF DF8101 01 AA 77 82 0004 82020200 00");
        List<DataObject> objects = BerTlv.parse(data);

        assertThat(objects).extracting(DataObject::tag).containsExactly(0x9F36, 0xDF8101, 0x77);
        assertThat(objects.get(2).constructed()).isTrue();
        assertThat(objects.get(2).children()).singleElement().satisfies(o -> assertThat(o.tag()).isEqualTo(0x82));
        assertThat(BerTlv.find(data, 0x82)).get().isEqualTo(new byte[] {0x02, 0x00});
        assertThat(BerTlv.find(data, 0x9F26)).isEmpty();
    }

    @Test
    void berTlvRefusesNamingTheTagNeverTheValue() {
        assertThatThrownBy(() -> BerTlv.parse(Hex.parse("9F"))).hasMessage("a tag is cut off");
        assertThatThrownBy(() -> BerTlv.parse(Hex.parse("9F818101"))).hasMessage("a tag is longer than three bytes");
        assertThatThrownBy(() -> BerTlv.parse(Hex.parse("9F36"))).hasMessage("tag 9F36 has no length");
        assertThatThrownBy(() -> BerTlv.parse(Hex.parse("5A83000001"))).hasMessage("tag 5A has a bad length");
        assertThatThrownBy(() -> BerTlv.parse(Hex.parse("5A08476173900101"))).hasMessage("tag 5A runs past the end");
        assertThatThrownBy(() -> BerTlv.byTag(BerTlv.parse(Hex.parse("9F3602001C9F3602001D"))))
                .hasMessage("tag 9F36 appears twice");
        assertThat(BerTlv.find(Hex.parse("9F3602001C5A08"), 0x9F36)).as("malformed data: nothing").isEmpty();
    }

    @Test
    void theTapBusCdol1IsADataObjectList() {
        Dol cdol1 = Dol.TAPBUS_CDOL1;
        assertThat(cdol1.length()).isEqualTo(29).isEqualTo(TransactionData.CDOL1_LENGTH);
        assertThat(cdol1.offset(0x9F37)).isEqualTo(25).isEqualTo(TransactionData.UN_OFFSET);
        assertThat(cdol1.element(0x9A).name()).isEqualTo("transaction date");

        Map<Integer, byte[]> values = cdol1.split(Hex.parse(PURCHASE_CDOL1));
        assertThat(values.keySet()).containsExactly(0x9F02, 0x9F03, 0x9F1A, 0x95, 0x5F2A, 0x9A, 0x9C, 0x9F37);
        assertThat(Hex.of(cdol1.join(values))).isEqualTo(PURCHASE_CDOL1);

        Map<Integer, byte[]> short9F37 = new HashMap<>(values);
        short9F37.put(0x9F37, new byte[3]);
        assertThatThrownBy(() -> cdol1.join(short9F37))
                .hasMessage("tag 9F37 (unpredictable number) is missing or not 4 bytes");
        assertThatThrownBy(() -> cdol1.split(new byte[28])).hasMessageContaining("28 bytes");
        assertThatThrownBy(() -> cdol1.offset(0x9F26)).hasMessage("tag 9F26 is not in this list");
    }

    @Test
    void transactionDataGoesIntoCdol1AndBack() {
        assertThat(Hex.of(PURCHASE.cdol1())).isEqualTo(PURCHASE_CDOL1);
        assertThat(TransactionData.fromCdol1(Hex.parse(PURCHASE_CDOL1))).isEqualTo(PURCHASE);
    }

    @Test
    void cdol1DataIsCheckedElementByElement() {
        assertThatThrownBy(() -> TransactionData.fromCdol1(Hex.parse(PURCHASE_CDOL1.replaceFirst("^0000000012",
                "00000000A2")))).hasMessage("amount authorised (9F02) is not BCD");
        assertThatThrownBy(() -> TransactionData.fromCdol1(Hex.parse(PURCHASE_CDOL1.replace("0000000000000156",
                "0000000000001156")))).hasMessage("terminal country code (9F1A) is not n3 (a leading 0 digit)");
        assertThatThrownBy(() -> TransactionData.fromCdol1(Hex.parse(PURCHASE_CDOL1.replace("261125", "261325"))))
                .hasMessage("transaction date (9A) is not a date YYMMDD");
    }
}
