package io.tapbus.connector.card.sim;

import io.tapbus.connector.card.TapBusApplication;
import io.tapbus.connector.common.Hex;
import java.util.Arrays;
import java.util.Optional;

/**
 * A contactless card in the simulator: an ATR, APDU routing by SELECT, and at most one application (the TapBus
 * payment applet). {@link #transmit(byte[])} never throws: every input gets a status word.
 */
public final class SimulatedCard {

    /** PC/SC part 3 ATR of an ISO/IEC 14443-4 card without historical bytes. */
    static final byte[] ATR = Hex.parse("3B80800101");

    private final TapBusPaymentApplet applet;
    private boolean selected;

    private SimulatedCard(TapBusPaymentApplet applet) {
        this.applet = applet;
    }

    public static SimulatedCard withApplet(TapBusPaymentApplet applet) {
        return new SimulatedCard(applet);
    }

    /** A card with no TapBus application (a transit card, a foreign bank card). */
    public static SimulatedCard withoutTapBusApplication() {
        return new SimulatedCard(null);
    }

    public Optional<TapBusPaymentApplet> applet() {
        return Optional.ofNullable(applet);
    }

    public byte[] atr() {
        return ATR.clone();
    }

    /** Power-on reset: no application is selected. */
    public synchronized void reset() {
        deselect();
    }

    public synchronized byte[] transmit(byte[] apdu) {
        try {
            Optional<Command> parsed = Command.parse(apdu);
            if (parsed.isEmpty()) {
                return StatusWord.only(StatusWord.WRONG_LENGTH);
            }
            Command c = parsed.get();
            if (c.cla() != 0x00 && c.cla() != 0x80) {
                return StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            }
            if (c.ins() == 0xA4) {
                return c.cla() == 0x00 ? select(c) : StatusWord.only(StatusWord.CLA_NOT_SUPPORTED);
            }
            if (!selected) {
                return StatusWord.only(TapBusPaymentApplet.knows(c.ins()) ? StatusWord.CONDITIONS_NOT_SATISFIED
                        : StatusWord.INS_NOT_SUPPORTED);
            }
            return applet.process(c);
        } catch (RuntimeException e) {
            return StatusWord.only(StatusWord.NO_PRECISE_DIAGNOSIS);
        }
    }

    private byte[] select(Command c) {
        if (c.p1() != 0x04) { // only selection by DF name (AID) is supported
            return StatusWord.only(StatusWord.WRONG_P1_P2);
        }
        if (c.p2() != 0x00) { // first or only occurrence, FCI returned
            return StatusWord.only(StatusWord.WRONG_P1_P2);
        }
        if (c.data().length == 0) {
            return StatusWord.only(StatusWord.WRONG_LENGTH);
        }
        deselect();
        if (applet == null || !Arrays.equals(c.data(), TapBusApplication.AID)) {
            return StatusWord.only(StatusWord.FILE_NOT_FOUND);
        }
        selected = true;
        return applet.select();
    }

    private void deselect() {
        if (selected) {
            applet.deselect();
        }
        selected = false;
    }

    @Override
    public String toString() {
        return "SimulatedCard[" + (applet == null ? "no TapBus application" : applet) + "]";
    }
}
