package io.tapbus.connector.card;

/**
 * A card's response APDU cannot be used: no status word, a template that is not well-formed BER-TLV, a data object
 * missing or of the wrong length or format. The message names the command and the data object, never a value (card
 * responses carry the PAN).
 */
public final class CardResponseException extends Exception {

    private static final long serialVersionUID = 1L;

    public CardResponseException(String message) {
        super(message, null, false, false);
    }
}
