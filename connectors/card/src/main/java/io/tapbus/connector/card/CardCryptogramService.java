package io.tapbus.connector.card;

import io.tapbus.connector.card.ArqcVerification.Verdict;

/**
 * The issuer side of online card authentication: verifies a card's ARQC (cryptogram first, then the ATC against
 * replay, so a forged cryptogram does not move the counter) and computes the ARPC that the card checks in EXTERNAL
 * AUTHENTICATE.
 */
public final class CardCryptogramService {

    private final IssuerCryptogramKeys keys;
    private final String keyLabel;
    private final AtcReplayGuard replayGuard;

    public CardCryptogramService(IssuerCryptogramKeys keys, String keyLabel, AtcReplayGuard replayGuard) {
        this.keys = keys;
        this.keyLabel = keyLabel;
        this.replayGuard = replayGuard;
    }

    public ArqcVerification verify(CardId card, ArqcInput input, byte[] arqc) {
        if (arqc == null || arqc.length != EmvCryptograms.ARQC_LENGTH) {
            return ArqcVerification.of(Verdict.MALFORMED, "the ARQC must be 8 bytes");
        }
        boolean authentic;
        try {
            authentic = keys.verifyArqc(keyLabel, card, input.atc(), input.bytes(), arqc);
        } catch (IssuerCryptogramKeys.UnknownKeyException e) {
            return ArqcVerification.of(Verdict.UNKNOWN_KEY, e.getMessage());
        }
        if (!authentic) {
            return ArqcVerification.of(Verdict.INVALID_CRYPTOGRAM,
                    "the ARQC does not match the transaction data, ATC and card");
        }
        if (!replayGuard.accept(card, input.atc())) {
            return ArqcVerification.of(Verdict.REPLAYED_ATC,
                    "ATC " + String.format("%04X", input.atc()) + " is not higher than one already accepted");
        }
        return ArqcVerification.of(Verdict.VALID, "authentic");
    }

    /** ARPC method 1: 8 bytes, for issuer authentication data 91 = ARPC || ARC. */
    public byte[] arpcMethod1(CardId card, int atc, byte[] arqc, byte[] arc) {
        return keys.arpcMethod1(keyLabel, card, atc, arqc, arc);
    }

    /** ARPC method 2: 4 bytes, for issuer authentication data 91 = ARPC || CSU || proprietary data. */
    public byte[] arpcMethod2(CardId card, int atc, byte[] arqc, byte[] csu, byte[] proprietaryAuthData) {
        return keys.arpcMethod2(keyLabel, card, atc, arqc, csu, proprietaryAuthData);
    }
}
