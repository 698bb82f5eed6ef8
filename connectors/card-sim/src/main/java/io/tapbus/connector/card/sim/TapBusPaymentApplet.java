package io.tapbus.connector.card.sim;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.card.BerTlv;
import io.tapbus.connector.card.CryptogramProfile;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The TapBus payment application on a simulated card: SELECT, GET PROCESSING OPTIONS, READ RECORD, GET DATA,
 * GENERATE AC (ARQC or AAC), EXTERNAL AUTHENTICATE, UPDATE RECORD of the stored-value balance and APPEND RECORD of a
 * ticket ({@link TicketFile}), which only an issuer-approved, authenticated transaction may do (one balance write per
 * approval, any number of ticket writes). Cryptograms follow the card's {@link CryptogramProfile}: under
 * csk EXTERNAL AUTHENTICATE takes ARPC method 2 || CSU, under visa-cvn10 and mchip ARPC method 1 || ARC. Its ATC
 * and balance live in this object, like a card's EEPROM; the transaction state is reset on every SELECT or power-on.
 */
public final class TapBusPaymentApplet {

    static final byte[] AIP = Hex.parse("0C00"); // terminal risk management, issuer authentication supported
    static final byte[] AFL = Hex.parse("08010100" + "10010100"); // SFI 1 record 1, SFI 2 record 1
    /** The cryptogram version in the IAD: 54 ("T") for TapBus's own csk card, the schemes' numbers for the others. */
    private static final int CVN_CSK = 0x54;
    private static final int CVN_VISA_10 = 0x0A;
    private static final int CVN_MCHIP_16 = 0x10;
    private static final int CID_ARQC = 0x80;
    private static final int CID_AAC = 0x00;

    private enum State { SELECTED, INITIATED, CRYPTOGRAM_GENERATED }

    private final CardProfile profile;
    private int atc;
    private long balance;
    private final TicketFile tickets = new TicketFile();

    private State state = State.SELECTED;
    private byte[] arqc;
    private boolean issuerAuthenticationTried;
    private boolean issuerApproved;
    private boolean balanceWritten;

    public TapBusPaymentApplet(CardProfile profile, int atc, long balanceMinor) {
        if (atc < 0 || atc > 0xFFFF) {
            throw new IllegalArgumentException("the ATC is 0000 to FFFF");
        }
        TapBusApplication.balanceRecord(balanceMinor); // refuses a balance out of range
        this.profile = profile;
        this.atc = atc;
        this.balance = balanceMinor;
    }

    public synchronized int atc() {
        return atc;
    }

    public synchronized long balance() {
        return balance;
    }

    /** The signed tickets the card holds, in the order they were written. */
    public synchronized java.util.List<byte[]> tickets() {
        return tickets.tickets();
    }

    /** SELECT by AID: resets the transaction and returns the FCI. */
    synchronized byte[] select() {
        resetTransaction();
        byte[] proprietary = BerTlv.of(0xA5, BerTlv.of(0x50, TapBusApplication.LABEL.getBytes(StandardCharsets.US_ASCII)),
                BerTlv.of(0x87, new byte[] {1}));
        return StatusWord.withData(BerTlv.of(0x6F, BerTlv.of(0x84, TapBusApplication.AID), proprietary),
                StatusWord.OK);
    }

    synchronized void deselect() {
        resetTransaction();
    }

    synchronized byte[] process(Command c) {
        return switch (c.ins()) {
            case 0xA8 -> c.cla() == 0x80 ? getProcessingOptions(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            case 0xB2 -> c.cla() == 0x00 ? readRecord(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            case 0xCA -> c.cla() == 0x80 ? getData(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            case 0xAE -> c.cla() == 0x80 ? generateAc(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            case 0x82 -> c.cla() == 0x00 ? externalAuthenticate(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            case 0xDC -> c.cla() == 0x00 ? updateRecord(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            case 0xE2 -> c.cla() == 0x00 ? appendRecord(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            default -> StatusWord.only(StatusWord.INS_NOT_SUPPORTED);
        };
    }

    static boolean knows(int ins) {
        return ins == 0xA8 || ins == 0xB2 || ins == 0xCA || ins == 0xAE || ins == 0x82 || ins == 0xDC
                || ins == 0xE2;
    }

    private byte[] getProcessingOptions(Command c) {
        if (c.p1() != 0 || c.p2() != 0) {
            return StatusWord.only(StatusWord.WRONG_P1_P2);
        }
        if (c.data().length != 2) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        if (c.data()[0] != (byte) 0x83 || c.data()[1] != 0) { // the card has no PDOL: 83 00
            return StatusWord.only(StatusWord.WRONG_DATA);
        }
        resetTransaction();
        state = State.INITIATED;
        return StatusWord.withData(BerTlv.of(0x77, BerTlv.of(0x82, AIP), BerTlv.of(0x94, AFL)), StatusWord.OK);
    }

    private byte[] readRecord(Command c) {
        if (c.data().length != 0) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        if ((c.p2() & 0x07) != 0x04) {
            return StatusWord.only(StatusWord.WRONG_P1_P2);
        }
        int sfi = c.p2() >> 3;
        if (sfi == TapBusApplication.SFI_TICKETS) {
            return tickets.read(c.p1());
        }
        if (sfi != TapBusApplication.SFI_CARD_DATA && sfi != TapBusApplication.SFI_BALANCE) {
            return StatusWord.only(StatusWord.FILE_NOT_FOUND);
        }
        if (c.p1() != 1) {
            return StatusWord.only(StatusWord.RECORD_NOT_FOUND);
        }
        byte[] record = sfi == TapBusApplication.SFI_CARD_DATA ? cardDataRecord()
                : TapBusApplication.balanceRecord(balance);
        return StatusWord.withData(record, StatusWord.OK);
    }

    private byte[] cardDataRecord() {
        String pan = profile.card().pan();
        byte[] panBcd = Hex.parse(pan.length() % 2 == 0 ? pan : pan + "F");
        String expiry = String.format("%02d%02d%02d", profile.expiry().getYear() % 100,
                profile.expiry().getMonthValue(), profile.expiry().lengthOfMonth());
        return BerTlv.of(0x70, BerTlv.of(0x5A, panBcd), BerTlv.of(0x5F24, Hex.parse(expiry)),
                BerTlv.of(0x5F34, Hex.parse(profile.card().psn())));
    }

    private byte[] getData(Command c) {
        if (c.data().length != 0) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        int tag = (c.p1() << 8) | c.p2();
        if (tag == 0x9F36) {
            return StatusWord.withData(BerTlv.of(0x9F36, atcBytes()), StatusWord.OK);
        }
        if (tag == TapBusApplication.TAG_BALANCE) {
            return StatusWord.withData(Arrays.copyOfRange(TapBusApplication.balanceRecord(balance), 2,
                    TapBusApplication.BALANCE_RECORD_LENGTH),
                    StatusWord.OK);
        }
        return StatusWord.only(StatusWord.DATA_NOT_FOUND);
    }

    private byte[] generateAc(Command c) {
        int requested = c.p1();
        if ((requested != 0x00 && requested != 0x40 && requested != 0x80) || c.p2() != 0) {
            return StatusWord.only(StatusWord.WRONG_P1_P2); // CDA (bit 5) is not supported
        }
        if (c.data().length != TransactionData.CDOL1_LENGTH) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        if (state != State.INITIATED || atc == 0xFFFF) {
            return StatusWord.only(StatusWord.CONDITIONS_NOT_SATISFIED);
        }
        atc++;
        // An online-only card: a TC request is answered with an ARQC (EMV Book 3 9.3), an AAC request with an AAC.
        int cid = requested == 0x00 ? CID_AAC : CID_ARQC;
        byte[] iad = {0x06, 0x01, (byte) cvn(), 0x03, (byte) (cid == CID_ARQC ? 0xA0 : 0x80), 0x00, 0x00};
        byte[] iccMasterKey = profile.iccMasterKeyAc();
        byte[] cryptogram = profile.cryptogram().arqc(iccMasterKey, atc, new ArqcInput(c.data(), AIP, atc, iad).bytes());
        Arrays.fill(iccMasterKey, (byte) 0);
        arqc = cid == CID_ARQC ? cryptogram : null;
        state = State.CRYPTOGRAM_GENERATED;
        byte[] response = BerTlv.of(0x77, BerTlv.of(0x9F27, new byte[] {(byte) cid}), BerTlv.of(0x9F36, atcBytes()),
                BerTlv.of(0x9F26, cryptogram), BerTlv.of(0x9F10, iad));
        return StatusWord.withData(response, StatusWord.OK);
    }

    /**
     * Issuer authentication data. csk: ARPC method 2 (4) || CSU (4) || proprietary authentication data (0 to 8), the
     * CSU's approval bit allows the write. visa-cvn10, mchip: ARPC method 1 (8) || ARC (2), ARC "00" allows it.
     */
    private byte[] externalAuthenticate(Command c) {
        if (c.p1() != 0 || c.p2() != 0) {
            return StatusWord.only(StatusWord.WRONG_P1_P2);
        }
        boolean method2 = profile.cryptogram().method().allowsArpcMethod2();
        int length = c.data().length;
        if (method2 ? length < 8 || length > 16 : length != 10) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        if (state != State.CRYPTOGRAM_GENERATED || arqc == null || issuerAuthenticationTried) {
            return StatusWord.only(StatusWord.CONDITIONS_NOT_SATISFIED);
        }
        issuerAuthenticationTried = true;
        byte[] iccMasterKey = profile.iccMasterKeyAc();
        byte[] expected;
        byte[] arpc;
        boolean approves;
        if (method2) {
            arpc = Arrays.copyOfRange(c.data(), 0, 4);
            byte[] csu = Arrays.copyOfRange(c.data(), 4, 8);
            expected = profile.cryptogram().arpcMethod2(iccMasterKey, atc, arqc, csu,
                    Arrays.copyOfRange(c.data(), 8, length));
            approves = (csu[1] & TapBusApplication.CSU_APPROVED) != 0;
        } else {
            arpc = Arrays.copyOfRange(c.data(), 0, 8);
            byte[] arc = Arrays.copyOfRange(c.data(), 8, 10);
            expected = profile.cryptogram().arpcMethod1(iccMasterKey, atc, arqc, arc);
            approves = Arrays.equals(arc, TapBusApplication.arcApproved());
        }
        Arrays.fill(iccMasterKey, (byte) 0);
        if (!MessageDigest.isEqual(expected, arpc)) {
            return StatusWord.only(StatusWord.AUTHENTICATION_FAILED);
        }
        issuerApproved = approves;
        return StatusWord.only(StatusWord.OK);
    }

    private byte[] updateRecord(Command c) {
        if ((c.p2() & 0x07) != 0x04) {
            return StatusWord.only(StatusWord.WRONG_P1_P2);
        }
        int sfi = c.p2() >> 3;
        if (sfi != TapBusApplication.SFI_BALANCE && sfi != TapBusApplication.SFI_CARD_DATA) {
            return StatusWord.only(StatusWord.FILE_NOT_FOUND);
        }
        if (c.p1() != 1) {
            return StatusWord.only(StatusWord.RECORD_NOT_FOUND);
        }
        if (c.data().length != TapBusApplication.BALANCE_RECORD_LENGTH) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        if (sfi != TapBusApplication.SFI_BALANCE || !issuerApproved || balanceWritten) {
            return StatusWord.only(StatusWord.CONDITIONS_NOT_SATISFIED);
        }
        var newBalance = TapBusApplication.balanceOf(c.data());
        if (newBalance.isEmpty()) {
            return StatusWord.only(StatusWord.WRONG_DATA);
        }
        balance = newBalance.get();
        balanceWritten = true; // one balance write per approval
        return StatusWord.only(StatusWord.OK);
    }

    /** APPEND RECORD to the ticket file (P1 00, P2 = SFI 3 << 3), after an approving ARPC only. */
    private byte[] appendRecord(Command c) {
        if (c.p1() != 0 || c.p2() != TapBusApplication.SFI_TICKETS << 3) {
            return StatusWord.only(c.p2() >> 3 == TapBusApplication.SFI_TICKETS ? StatusWord.WRONG_P1_P2 : StatusWord.FILE_NOT_FOUND);
        }
        if (!issuerApproved) {
            return StatusWord.only(StatusWord.CONDITIONS_NOT_SATISFIED);
        }
        return tickets.append(c.data());
    }

    private int cvn() {
        return switch (profile.cryptogram().method()) {
            case CSK -> CVN_CSK;
            case VISA_CVN10 -> CVN_VISA_10;
            case MCHIP -> CVN_MCHIP_16;
        };
    }

    private byte[] atcBytes() {
        return new byte[] {(byte) (atc >> 8), (byte) atc};
    }

    private void resetTransaction() {
        state = State.SELECTED;
        arqc = null;
        issuerAuthenticationTried = false;
        issuerApproved = false;
        balanceWritten = false;
    }

    @Override
    public String toString() {
        return "TapBusPaymentApplet[" + profile + "]";
    }
}
