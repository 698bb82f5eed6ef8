package io.tapbus.connector.card;

/**
 * Published EMV examples, each with its source. "pyemv" is the open-source library knovichikhin/pyemv (GitHub); its
 * *_hsm tests carry values that its author checked against a payment HSM.
 */
final class PublishedVectors {

    /** The issuer master key of every pyemv example; pyemv tests/test_kd_hsm.py: check digits 08D7. */
    static final String IMK = "0123456789ABCDEFFEDCBA9876543210";
    static final String IMK_KCV_2 = "08D7";

    /**
     * pyemv tests/test_cvn_hsm.py, test_visa_cvn18: Option A ICC MK (PAN 1234567890123456, PSN 00, check digits
     * BAB0), common session key with R = ATC || 00.. (ATC 001C, check digits 22C8), ARQC over CDOL1 || AIP || ATC ||
     * IAD with 0x80 padding, ARPC method 2 with CSU 00000000.
     */
    static final String CVN18_PAN = "1234567890123456";
    static final String CVN18_PSN = "00";
    static final int CVN18_ATC = 0x001C;
    static final String CVN18_ICC_MK_KCV_2 = "BAB0";
    static final String CVN18_SK_KCV_2 = "22C8";
    static final String CVN18_CDOL1 = "000000004000" + "000000000000" + "0124" + "8000048000" + "0124" + "191105"
            + "01" + "52BF4585";
    static final String CVN18_AIP = "1800";
    static final String CVN18_IAD = "06011203A0B800";
    static final String CVN18_ARQC = "7A788EA6B8A3E733";
    static final String CVN18_CSU = "00000000";
    static final String CVN18_ARPC2 = "9AF514C1";

    private PublishedVectors() {
    }
}
