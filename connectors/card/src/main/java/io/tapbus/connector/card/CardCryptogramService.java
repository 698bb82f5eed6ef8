package io.tapbus.connector.card;

import io.tapbus.connector.card.ArqcVerification.Verdict;
import java.util.function.Function;

/**
 * The issuer side of online card authentication: verifies a card's ARQC (cryptogram first, then the ATC against
 * replay, so a forged cryptogram does not move the counter) and computes the ARPC that the card checks in EXTERNAL
 * AUTHENTICATE. Each card is checked with the issuer master key it was personalised from, and so by that key's
 * {@link CryptogramProfile} (csk, visa-cvn10 or mchip, with its padding).
 */
public final class CardCryptogramService {

    private final IssuerCryptogramKeys keys;
    private final Function<CardId, String> keyLabelOf;
    private final AtcReplayGuard replayGuard;

    /** Every card under one issuer master key. */
    public CardCryptogramService(IssuerCryptogramKeys keys, String keyLabel, AtcReplayGuard replayGuard) {
        this(keys, card -> keyLabel, replayGuard);
    }

    /** Each card under the key its registration names ({@code keyLabelOf} answers null for an unknown card). */
    public CardCryptogramService(IssuerCryptogramKeys keys, Function<CardId, String> keyLabelOf,
            AtcReplayGuard replayGuard) {
        this.keys = keys;
        this.keyLabelOf = keyLabelOf;
        this.replayGuard = replayGuard;
    }

    public ArqcVerification verify(CardId card, ArqcInput input, byte[] arqc) {
        if (arqc == null || arqc.length != EmvCryptograms.ARQC_LENGTH) {
            return ArqcVerification.of(Verdict.MALFORMED, "the ARQC must be 8 bytes");
        }
        boolean authentic;
        try {
            authentic = keys.verifyArqc(keyLabel(card), card, input.atc(), input.bytes(), arqc);
        } catch (IssuerCryptogramKeys.UnknownKeyException e) {
            return ArqcVerification.of(Verdict.UNKNOWN_KEY, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ArqcVerification.of(Verdict.MALFORMED, e.getMessage());
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

    /** The card's cryptogram profile, which says which ARPC method the card takes (method 2 only under csk). */
    public CryptogramProfile profile(CardId card) {
        return keys.profile(keyLabel(card));
    }

    /** ARPC method 1: 8 bytes, for issuer authentication data 91 = ARPC || ARC. */
    public byte[] arpcMethod1(CardId card, int atc, byte[] arqc, byte[] arc) {
        return keys.arpcMethod1(keyLabel(card), card, atc, arqc, arc);
    }

    /** ARPC method 2: 4 bytes, for issuer authentication data 91 = ARPC || CSU || proprietary data (csk cards). */
    public byte[] arpcMethod2(CardId card, int atc, byte[] arqc, byte[] csu, byte[] proprietaryAuthData) {
        return keys.arpcMethod2(keyLabel(card), card, atc, arqc, csu, proprietaryAuthData);
    }

    private String keyLabel(CardId card) {
        String label = keyLabelOf.apply(card);
        if (label == null) {
            throw new IssuerCryptogramKeys.UnknownKeyException(card);
        }
        return label;
    }
}
