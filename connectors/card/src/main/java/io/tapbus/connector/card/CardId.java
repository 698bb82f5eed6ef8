package io.tapbus.connector.card;

import io.tapbus.connector.common.Masking;

/**
 * A card application as the issuer knows it: PAN (12 to 19 digits) and PAN sequence number (2 digits). Its string
 * form masks the PAN (first 6 and last 4 digits).
 */
public record CardId(String pan, String psn) {

    public CardId {
        if (pan == null || !pan.matches("[0-9]{12,19}")) {
            throw new IllegalArgumentException("a PAN is 12 to 19 digits");
        }
        if (psn == null || !psn.matches("[0-9]{2}")) {
            throw new IllegalArgumentException("a PAN sequence number is 2 digits");
        }
    }

    @Override
    public String toString() {
        return "CardId[pan=" + Masking.pan(pan) + ", psn=" + psn + "]";
    }
}
