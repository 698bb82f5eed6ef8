package io.tapbus.connector.ota;

import io.tapbus.connector.common.Hex;


/**
 * Secured packets published with the osmocom pySim SIM toolkit, tests/test_ota.py (GPL-2.0; only the byte strings
 * are taken, as facts). Its data-driven cases are "SJA5 SAMPLE cards provisioned by execute_ipr.py"; its older cases
 * use key set 3 of card 8988211000000467285. Every command secures a SELECT APDU; every PoR answers one command
 * with status word 61xx.
 */
final class PySimVectors {

    /** SmsOtaTestCase: TAR B00011 (USIM RFM), counter 0, command 00A40004023F00. */
    static final String TAR_USIM_RFM = "B00011";
    static final String SELECT_MF = "00A40004023F00";

    /** OTA_KEYSET_SJA5_SAMPLES: triple DES 2 keys, key set 3 (KIc = KID = 35). */
    static final String SJA5_3DES_KIC = "300102030405060708090A0B0C0D0E0F";
    static final String SJA5_3DES_KID = "301102030405060708090A0B0C0D0E0F";

    /** OTA_KEYSET_SJA5_AES128 (also Test_SMS_AES128): AES-128, key set 2 (KIc = KID = 22). */
    static final String SJA5_AES_KIC = "200102030405060708090A0B0C0D0E0F";
    static final String SJA5_AES_KID = "201102030405060708090A0B0C0D0E0F";

    /** Test_SMS_3DES: KIC3 and KID3 of card 8988211000000467285, TAR B00000 (RAM), command 00A40000023F00. */
    static final String CARD_3DES_KIC = "C21DD66ACAC13CB3BC8B331B24AFB57B";
    static final String CARD_3DES_KID = "12110C78E678C25408233076AA033615";
    static final String TAR_RAM = "B00000";
    static final String SELECT_MF_P2_00 = "00A40000023F00";

    /** 3DES-SJA5-CIPHERED-CC: SPI 0619 (ciphered, CC; PoR ciphered with CC). */
    static final String SJA5_3DES_CIPHERED_CC_CMD =
            "00201506193535B00011AE733256918D050B87C94FBFE12E4DC402F262C41CF67F2F";
    static final String SJA5_3DES_CIPHERED_CC_POR =
            "027100001C12B000118BB989492C632529326A2F4681FEB37C825BC9021C9F6D0B";
    /** The whole SMS-DELIVER TPDU pySim builds around it; its TP-UDL (03) is pySim's, its user data is ours. */
    static final String SJA5_3DES_CIPHERED_CC_TPDU = "400881214365877FF6227052000000000302700000201506193535B00011"
            + "AE733256918D050B87C94FBFE12E4DC402F262C41CF67F2F";

    /** 3DES-SJA5-UNCIPHERED-CC: SPI 0609 (PoR with CC, not ciphered). */
    static final String SJA5_3DES_UNCIPHERED_CC_CMD =
            "00201506093535B00011C49AC91AB8159BA5B83A54FB6385E0A5E31694F8B215FAFC";
    static final String SJA5_3DES_UNCIPHERED_CC_POR = "027100001612B0001100000000000000B5BCD6353A421FAE016132";

    /** 3DES-SJA5-UNCIPHERED-NOCC: SPI 0601 (PoR neither ciphered nor checksummed). */
    static final String SJA5_3DES_NOCC_CMD = "00201506013535B000113190BE334900F52B025F3F7EDDFE868E96EBF310023B7769";
    static final String SJA5_3DES_NOCC_POR = "027100000E0AB0001100000000000000016132";

    /** AES128-SJA5-CIPHERED-CC (and Test_SMS_AES128): SPI 0619. */
    static final String SJA5_AES_CIPHERED_CC_CMD =
            "00281506192222B00011E87CCEEBB2D93083011CE294F93FC4D8DE80DA1ABAE8C37CA3E72EC4432E5058";
    static final String SJA5_AES_CIPHERED_CC_POR =
            "027100002412B00011EBC6B497E2CAD7AEDF36ACE0E3A29B38853F0FE9CCDE81913BE5702B73ABCE1F";

    /** Test_SMS_3DES.test_cmd_3des_ciphered: SPI 0419 (ciphered, no checksum). */
    static final String CARD_3DES_CIPHERED_CMD = "00180D04193535B00000E3EC80A849B554421276AF3883927C20";
    /**
     * Test_SMS_3DES.test_cmd_3des_signed: SPI 0219 (checksum, not ciphered). pySim prints this packet without its
     * CPL (001D) although its checksum covers CPL = 001D; the full packet is 001D followed by these bytes.
     */
    static final String CARD_3DES_SIGNED_CMD_AFTER_CPL = "1502193535B00000000000000000072EA17BDB72060E00A40000023F00";
    /** Test_SMS_3DES.test_cmd_3des_none: SPI 0019; pySim again leaves out the CPL (0015). */
    static final String CARD_3DES_NONE_CMD_AFTER_CPL = "0D00193535B0000000000000000000A40000023F00";

    /** Test_SMS_3DES PoRs: status word 612F. */
    static final String CARD_3DES_CIPHERED_POR = "027100001C12B000119660EBDB81BE189B5E4389E9E7AB2BC0954F963AD869ED7C";
    static final String CARD_3DES_SIGNED_POR = "027100001612B000110000000000000055F47118381175FB01612F";
    /** test_resp_3des_signed_err: the same PoR with the number of commands changed to 02; pySim expects a CC error. */
    static final String CARD_3DES_SIGNED_POR_ALTERED = "027100001612B000110000000000000055F47118381175FB02612F";
    static final String CARD_3DES_NONE_POR = "027100000E0AB000110000000000000001612F";

    private PySimVectors() {
    }

    static byte[] bytes(String hex) {
        return Hex.parse(hex);
    }
}
