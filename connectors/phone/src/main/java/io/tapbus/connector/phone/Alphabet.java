package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;

/**
 * How a short message's octets read as text, and the SMPP 3.4 data_coding value TapBus sends for each alphabet it
 * writes (§5.2.19): 0x00 the SMSC default alphabet (GSM 7-bit), 0x04 8-bit binary, 0x08 UCS-2.
 */
public enum Alphabet {
    GSM7(0x00),
    EIGHT_BIT(0x04),
    UCS2(0x08),
    /** IA5 / ASCII (data_coding 0x01); read only. */
    IA5(0x01),
    /** ISO-8859-1 (data_coding 0x03); read only. */
    LATIN1(0x03);

    private final int dataCoding;

    Alphabet(int dataCoding) {
        this.dataCoding = dataCoding;
    }

    public int dataCoding() {
        return dataCoding;
    }

    /**
     * The alphabet of an incoming data_coding: SMPP's own values 0x00-0x0F, above them the GSM data coding scheme
     * groups of 3GPP TS 23.038 §4 (general data coding, message waiting, data coding/message class). Compressed text,
     * reserved values and national character sets are refused.
     */
    public static Alphabet ofDataCoding(int dataCoding) {
        int dcs = dataCoding & 0xFF;
        if (dcs <= 0x0F) {
            return switch (dcs) {
                case 0x00 -> GSM7;
                case 0x01 -> IA5;
                case 0x02, 0x04 -> EIGHT_BIT;
                case 0x03 -> LATIN1;
                case 0x08 -> UCS2;
                default -> throw unsupported(dcs, "a national or pictogram character set");
            };
        }
        if (dcs < 0x80) {
            if ((dcs & 0x20) != 0) {
                throw unsupported(dcs, "compressed text");
            }
            return switch ((dcs >> 2) & 0x03) {
                case 0 -> GSM7;
                case 1 -> EIGHT_BIT;
                case 2 -> UCS2;
                default -> throw unsupported(dcs, "a reserved alphabet");
            };
        }
        if (dcs < 0xC0) {
            throw unsupported(dcs, "a reserved coding group");
        }
        if (dcs < 0xE0) {
            return GSM7;
        }
        if (dcs < 0xF0) {
            return UCS2;
        }
        return (dcs & 0x04) != 0 ? EIGHT_BIT : GSM7;
    }

    private static PhoneCodecException unsupported(int dcs, String what) {
        return new PhoneCodecException(Problem.UNSUPPORTED_DATA_CODING,
                String.format("data_coding 0x%02X is %s, which TapBus does not decode", dcs, what));
    }
}
