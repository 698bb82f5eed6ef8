package io.tapbus.connector.card.sim;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.CryptogramProfile;
import io.tapbus.connector.card.EmvKeyDerivation;
import java.time.YearMonth;

/**
 * What personalisation writes into a TapBus card: its identity, expiry, ICC master key for application cryptograms
 * and the cryptogram profile (method and padding) it computes them with; the issuer's key for this card must name the
 * same profile. Its string form masks the PAN and leaves the key out.
 */
public record CardProfile(CardId card, YearMonth expiry, byte[] iccMasterKeyAc, CryptogramProfile cryptogram) {

    public CardProfile {
        if (iccMasterKeyAc.length != 16) {
            throw new IllegalArgumentException("the ICC master key is a double-length DES key");
        }
        if (cryptogram == null) {
            throw new IllegalArgumentException("a card has a cryptogram profile");
        }
        iccMasterKeyAc = iccMasterKeyAc.clone();
    }

    /** A card with the default cryptogram profile (common session key, P80). */
    public CardProfile(CardId card, YearMonth expiry, byte[] iccMasterKeyAc) {
        this(card, expiry, iccMasterKeyAc, CryptogramProfile.DEFAULT);
    }

    /** As a personalisation bureau does it: the ICC master key derived from the issuer's IMK-AC (Option A). */
    public static CardProfile personalise(byte[] issuerMasterKeyAc, CardId card, YearMonth expiry) {
        return personalise(issuerMasterKeyAc, card, expiry, CryptogramProfile.DEFAULT);
    }

    public static CardProfile personalise(byte[] issuerMasterKeyAc, CardId card, YearMonth expiry,
            CryptogramProfile cryptogram) {
        return new CardProfile(card, expiry, EmvKeyDerivation.iccMasterKeyOptionA(issuerMasterKeyAc, card), cryptogram);
    }

    @Override
    public byte[] iccMasterKeyAc() {
        return iccMasterKeyAc.clone();
    }

    @Override
    public String toString() {
        return "CardProfile[" + card + ", expiry=" + expiry + ", cryptogram=" + cryptogram + "]";
    }
}
