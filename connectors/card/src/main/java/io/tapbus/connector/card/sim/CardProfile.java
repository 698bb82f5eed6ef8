package io.tapbus.connector.card.sim;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.EmvKeyDerivation;
import java.time.YearMonth;

/**
 * What personalisation writes into a TapBus card: its identity, expiry and ICC master key for application
 * cryptograms. Its string form masks the PAN and leaves the key out.
 */
public record CardProfile(CardId card, YearMonth expiry, byte[] iccMasterKeyAc) {

    public CardProfile {
        if (iccMasterKeyAc.length != 16) {
            throw new IllegalArgumentException("the ICC master key is a double-length DES key");
        }
        iccMasterKeyAc = iccMasterKeyAc.clone();
    }

    /** As a personalisation bureau does it: the ICC master key derived from the issuer's IMK-AC (Option A). */
    public static CardProfile personalise(byte[] issuerMasterKeyAc, CardId card, YearMonth expiry) {
        return new CardProfile(card, expiry, EmvKeyDerivation.iccMasterKeyOptionA(issuerMasterKeyAc, card));
    }

    @Override
    public byte[] iccMasterKeyAc() {
        return iccMasterKeyAc.clone();
    }

    @Override
    public String toString() {
        return "CardProfile[" + card + ", expiry=" + expiry + "]";
    }
}
