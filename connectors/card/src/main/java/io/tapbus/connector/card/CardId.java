package io.tapbus.connector.card;

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

    public static String mask(String pan) {
        if (pan == null || pan.length() < 11) {
            return "****";
        }
        return pan.substring(0, 6) + "*".repeat(pan.length() - 10) + pan.substring(pan.length() - 4);
    }

    @Override
    public String toString() {
        return "CardId[pan=" + mask(pan) + ", psn=" + psn + "]";
    }
}
