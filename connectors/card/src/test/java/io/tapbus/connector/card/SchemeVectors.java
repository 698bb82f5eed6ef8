package io.tapbus.connector.card;

import java.util.List;

/**
 * Published ARQC/ARPC examples for each cryptogram method, copied as values (inputs and expected outputs) from two
 * open-source projects:
 * <ul>
 * <li><b>pyemv</b> (github.com/knovichikhin/pyemv), {@code tests/test_cvn.py}: test_visa_cvn10, test_visa_cvn18,
 * test_mastercard_cvn16, test_mastercard_cvn20, test_interac_cvn133 (IMK 0123..3210, PAN 1234567890123456, PSN 00,
 * ATC 001C). CVN 10 and 18 are also in its {@code tests/test_cvn_hsm.py}, checked against a payment HSM.</li>
 * <li><b>jPOS</b> (github.com/jpos/jPOS), {@code jpos/src/test/java/org/jpos/security/jceadapter/JCESecurityModuleTest.java}:
 * testVerifyARQCImpl_{VSDC,MCHIP,CSKD}_{P00,P80} and testVerifyARQCGenerateARPCImpl_*_M1/M2 (IMK-AC "4 times
 * 12345678", check value 6FB1C8; PAN 1234567890123456, PSN 00, ATC 3456, UN 11111111; jPOS's SKDMethod VSDC, MCHIP
 * and EMV_CSKD are our visa-cvn10, mchip and csk). jPOS's "P80" tests pass the data already padded with 80 00..;
 * its MAC then adds no zeros, which is our P80 over the bare data.</li>
 * </ul>
 * The cryptogram input is the data the card MACs, as published: CDOL1 (9F02 9F03 9F1A 95 5F2A 9A 9C 9F37) || AIP ||
 * ATC || the card's part (CVR or IAD, as that scheme's example has it). A null ARPC is a value the source does not
 * publish.
 */
final class SchemeVectors {

    record Vector(String source, CryptogramProfile profile, String imk, String pan, String psn, int atc, String data,
            String arqc, String arc, String arpcMethod1, String csu, String arpcMethod2) {

        CardId card() {
            return new CardId(pan, psn);
        }

        @Override
        public String toString() {
            return source + " " + profile;
        }
    }

    static final String PYEMV_IMK = "0123456789ABCDEFFEDCBA9876543210";
    static final String JPOS_IMK = "12345678123456781234567812345678";
    static final String PAN = "1234567890123456";

    /** pyemv test_visa_cvn10 / test_visa_cvn18: the same transaction, CVN 10 MACs the CVR, CVN 18 the whole IAD. */
    private static final String PYEMV_VISA_CDOL1 = "000000004000" + "000000000000" + "0124" + "8000048000" + "0124"
            + "191105" + "01" + "52BF4585";
    /** pyemv test_mastercard_cvn16/20, test_interac_cvn133: UN ABCDEF12. */
    private static final String PYEMV_MC_CDOL1 = "000000009999" + "000000000000" + "0124" + "8000000000" + "0124"
            + "209906" + "00" + "ABCDEF12";
    /** jPOS JCESecurityModuleTest EMVTxnData: amount, other, country, TVR, currency, date, type, UN, AIP, ATC, CVR. */
    static final String JPOS_DATA = "000000010000" + "000000001000" + "0840" + "0000001080" + "0840" + "980704" + "00"
            + "11111111" + "5800" + "3456" + "A08003242000";

    private static final CryptogramProfile CSK_80 = CryptogramProfile.DEFAULT;
    private static final CryptogramProfile CSK_00 = new CryptogramProfile(CryptogramMethod.CSK, Padding.P00);
    private static final CryptogramProfile CVN10_00 = CryptogramProfile.of(CryptogramMethod.VISA_CVN10);
    private static final CryptogramProfile CVN10_80 = new CryptogramProfile(CryptogramMethod.VISA_CVN10, Padding.P80);
    private static final CryptogramProfile MCHIP_80 = CryptogramProfile.of(CryptogramMethod.MCHIP);
    private static final CryptogramProfile MCHIP_00 = new CryptogramProfile(CryptogramMethod.MCHIP, Padding.P00);

    static final List<Vector> ALL = List.of(
            new Vector("pyemv test_visa_cvn10", CVN10_00, PYEMV_IMK, PAN, "00", 0x001C,
                    PYEMV_VISA_CDOL1 + "1800" + "001C" + "03A06010", "29CCA15AE665FA2E", "3030", "28993816AFAE4AEB",
                    null, null),
            new Vector("pyemv test_visa_cvn18", CSK_80, PYEMV_IMK, PAN, "00", 0x001C,
                    PYEMV_VISA_CDOL1 + "1800" + "001C" + "06011203A0B800", "7A788EA6B8A3E733", null, null, "00000000",
                    "9AF514C1"),
            new Vector("pyemv test_mastercard_cvn16", MCHIP_80, PYEMV_IMK, PAN, "00", 0x001C,
                    PYEMV_MC_CDOL1 + "1800" + "001C" + "A00003220000", "24CCF3DEE3158C70", "0010", "73F6BBF389A6586C",
                    null, null),
            new Vector("pyemv test_interac_cvn133", MCHIP_80, PYEMV_IMK, PAN, "00", 0x001C,
                    PYEMV_MC_CDOL1 + "1800" + "001C" + "1501850440B100000000B00000000000000000000000",
                    "18932FECA2D84326", null, null, null, null), // its ARPC is under the session key: not mchip's
            new Vector("pyemv test_mastercard_cvn20", CSK_80, PYEMV_IMK, PAN, "00", 0x001C,
                    PYEMV_MC_CDOL1 + "1800" + "001C" + "A00003220000", "CD29615D6452E70E", "0010", "DFD0956606B68D64",
                    null, null),
            new Vector("jPOS VSDC P00", CVN10_00, JPOS_IMK, PAN, "00", 0x3456, JPOS_DATA, "26C8A1042D1CAF3E", "3030",
                    "98DE7C7B3D80A831", null, null),
            new Vector("jPOS VSDC P80", CVN10_80, JPOS_IMK, PAN, "00", 0x3456, JPOS_DATA, "2263CD868F3E0234", "3030",
                    "5A1D15A96C035C4F", null, null),
            new Vector("jPOS MCHIP P00", MCHIP_00, JPOS_IMK, PAN, "00", 0x3456, JPOS_DATA, "9FFD1D52AE0EC0F3", "0012",
                    "20DCD25599B060B5", null, null),
            new Vector("jPOS MCHIP P80", MCHIP_80, JPOS_IMK, PAN, "00", 0x3456, JPOS_DATA, "AC8074C9E62EE6EF", "0012",
                    "5B5B712F9A644774", null, null),
            new Vector("jPOS EMV_CSKD P00", CSK_00, JPOS_IMK, PAN, "00", 0x3456, JPOS_DATA, "36DBEE15F36B1E7F", "0012",
                    "0E56BBA476EB5588", "00120000", "332CD266"),
            new Vector("jPOS EMV_CSKD P80", CSK_80, JPOS_IMK, PAN, "00", 0x3456, JPOS_DATA, "55BE45DD2C9E0CBF", "0012",
                    "01BAE8DE6A0DE9E0", "00120000", "B4C698B6"));

    private SchemeVectors() {
    }
}
