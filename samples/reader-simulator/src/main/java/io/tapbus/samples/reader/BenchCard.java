package io.tapbus.samples.reader;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.CardResponseException;
import io.tapbus.connector.card.CardResponses;
import io.tapbus.connector.card.CardResponses.Cryptogram;
import io.tapbus.connector.card.CardResponses.ProcessingOptions;
import io.tapbus.connector.card.CardResponses.Response;
import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.sim.CardProfile;
import io.tapbus.connector.card.sim.SimulatedCard;
import io.tapbus.connector.card.sim.TapBusPaymentApplet;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.common.Masking;
import java.time.YearMonth;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;

/**
 * One bench card: a simulated TapBus card (the real applet, real 3DES cryptograms) that a bench connection talks to
 * directly with APDUs, without javax.smartcardio's terminal layer. A payment is SELECT, GET PROCESSING OPTIONS and
 * GENERATE AC; PAN, PSN and expiry are known from personalisation, so READ RECORD is left out. Not thread-safe: one
 * connection owns a card.
 */
public final class BenchCard {

    static final int MAX_RESYNC_STEP = 1024;
    private static final int NE_ANY = 256;
    private static final byte[] SELECT = new CommandAPDU(0x00, 0xA4, 0x04, 0x00, TapBusApplication.AID, NE_ANY).getBytes();
    private static final byte[] GPO = new CommandAPDU(0x80, 0xA8, 0x00, 0x00, new byte[] {(byte) 0x83, 0x00}, NE_ANY).getBytes();

    /** What GENERATE AC yielded, for the PAYMENT_REQUEST. */
    public record Arqc(int atc, byte[] cryptogram, int cid, byte[] iad, byte[] aip, byte[] cdol1) {
    }

    /** The card refused a command (e.g. 6985 once its ATC is exhausted). */
    public static final class CardRefused extends Exception {
        private static final long serialVersionUID = 1L;

        CardRefused(String message) {
            super(message);
        }
    }

    private final CardProfile profile;
    private final String expiry;
    private SimulatedCard card;
    private TapBusPaymentApplet applet;
    private int firstAtc;
    private int resyncs;
    private int resyncStep = 256;

    public BenchCard(byte[] issuerMasterKeyAc, String pan, String psn, String expiryYymm, int atc) {
        YearMonth month = YearMonth.of(2000 + Integer.parseInt(expiryYymm.substring(0, 2)),
                Integer.parseInt(expiryYymm.substring(2)));
        this.profile = CardProfile.personalise(issuerMasterKeyAc, new CardId(pan, psn), month);
        this.expiry = expiryYymm;
        startAt(atc);
        this.firstAtc = atc + 1;
    }

    public String pan() {
        return profile.card().pan();
    }

    public String psn() {
        return profile.card().psn();
    }

    public String expiry() {
        return expiry;
    }

    /** The card's ATC now: the last one it used (or its start). */
    public int atc() {
        return applet.atc();
    }

    /** The ATC of the first payment of this run (after any resync). */
    int firstAtc() {
        return firstAtc;
    }

    int resyncs() {
        return resyncs;
    }

    /** SELECT, GET PROCESSING OPTIONS, GENERATE AC (ARQC requested) with {@code transaction}; the ATC rises by one. */
    public Arqc generateArqc(TransactionData transaction) throws CardRefused {
        byte[] cdol1 = transaction.cdol1();
        expectOk("SELECT", card.transmit(SELECT));
        byte[] gpo = expectOk("GET PROCESSING OPTIONS", card.transmit(GPO));
        byte[] ac = expectOk("GENERATE AC", card.transmit(new CommandAPDU(0x80, 0xAE, 0x80, 0x00, cdol1, NE_ANY).getBytes()));
        try {
            ProcessingOptions options = CardResponses.processingOptions(gpo);
            Cryptogram cryptogram = CardResponses.generateAc(ac);
            if (cryptogram.iad().length == 0) {
                throw new CardRefused("GENERATE AC: the card sent no issuer application data (9F10)");
            }
            return new Arqc(cryptogram.atc(), cryptogram.cryptogram(), cryptogram.cid(), cryptogram.iad(),
                    options.aip(), cdol1);
        } catch (CardResponseException e) {
            throw new CardRefused(e.getMessage());
        }
    }

    /** EXTERNAL AUTHENTICATE with ARPC ‖ CSU; the card's status word (9000 accepted, 6300 wrong ARPC). */
    int externalAuthenticate(byte[] arpc, byte[] csu) {
        byte[] data = Arrays.copyOf(arpc, 8);
        System.arraycopy(csu, 0, data, 4, Math.min(4, csu.length));
        return statusWord(card.transmit(new CommandAPDU(0x00, 0x82, 0x00, 0x00, data).getBytes()));
    }

    /** UPDATE RECORD of the balance; the card allows it only after an approving ARPC. */
    int writeBalance(long balanceMinor) {
        return statusWord(card.transmit(new CommandAPDU(0x00, 0xDC, 0x01, (TapBusApplication.SFI_BALANCE << 3) | 0x04,
                TapBusApplication.balanceRecord(balanceMinor)).getBytes()));
    }

    /**
     * The issuer saw a higher ATC of this card before (an earlier run): the card jumps ahead by 256, 512, then 1024 at a
     * time, so a run finds unused ATCs within a few payments of its warm-up (one per 1024 ATCs behind) and wastes at
     * most {@value #MAX_RESYNC_STEP} of them. A replayed ATC is not consumed at the issuer; an approved one is, so larger
     * jumps would waste more. Returns false when the card has no ATCs left.
     */
    boolean resync() {
        int next = Math.min(applet.atc() + resyncStep, PaymentBenchPlan.LAST_ATC - 1);
        if (next <= applet.atc()) {
            return false;
        }
        resyncStep = Math.min(resyncStep * 2, MAX_RESYNC_STEP);
        resyncs++;
        startAt(next);
        firstAtc = next + 1;
        return true;
    }

    private void startAt(int atc) {
        applet = new TapBusPaymentApplet(profile, atc, 0);
        card = SimulatedCard.withApplet(applet);
    }

    private static byte[] expectOk(String command, byte[] response) throws CardRefused {
        Response answer;
        try {
            answer = CardResponses.response(response);
        } catch (CardResponseException e) {
            throw new CardRefused(command + ": " + e.getMessage());
        }
        if (!answer.ok()) {
            throw new CardRefused(command + " refused with " + String.format("%04X", answer.sw()));
        }
        return answer.data();
    }

    /** The status word of an answer; 0 when it has none. */
    private static int statusWord(byte[] response) {
        try {
            return CardResponses.response(response).sw();
        } catch (CardResponseException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "BenchCard[" + Masking.pan(pan()) + ", atc=" + Hex.of(new byte[] {(byte) (atc() >> 8), (byte) atc()}) + "]";
    }
}
