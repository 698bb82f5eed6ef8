package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.common.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitmapTest {

    // https://chileoffshore.com/en/toolkits/iso8583-tools/show-bitmap: "4210001102C04804 ... indicates that the
    // message contains these fields: 2,7,12,28,32,39,41,42,50,53,62".
    @Test
    void publishedPrimaryBitmap() {
        assertThat(Bitmap.fields(Hex.parse("4210001102C04804")))
                .containsExactly(2, 7, 12, 28, 32, 39, 41, 42, 50, 53, 62);
        assertThat(Hex.of(Bitmap.of(List.of(2, 7, 12, 28, 32, 39, 41, 42, 50, 53, 62)))).isEqualTo("4210001102C04804");
    }

    // Same page: "C0000000000000010000000000000003 ... contains fields: 2,64 y 127 and 128" (bit 1 announces the
    // secondary bitmap).
    @Test
    void publishedPrimaryAndSecondaryBitmap() {
        assertThat(Bitmap.fields(Hex.parse("C0000000000000010000000000000003"))).containsExactly(1, 2, 64, 127, 128);
        assertThat(Hex.of(Bitmap.of(List.of(2, 64, 127, 128)))).isEqualTo("C0000000000000010000000000000003");
    }

    // https://developer-eu.elavon.com/docs/eisop/field-descriptions/bitmap-primary: bit string
    // "0011000000110100000001000101100100101000111000011000001000000011" = "30 34 04 59 28 E1 82 03". The page's
    // field list also names field 7, which its own bit string (first byte 00110000) does not set; the bits win.
    @Test
    void publishedElavonBitmap() {
        List<Integer> fields = List.of(3, 4, 11, 12, 14, 22, 26, 28, 29, 32, 35, 37, 41, 42, 43, 48, 49, 55, 63, 64);

        assertThat(Hex.of(Bitmap.of(fields))).isEqualTo("3034045928E18203");
        assertThat(Bitmap.fields(Hex.parse("3034045928E18203"))).containsExactlyElementsOf(fields);
    }
}
