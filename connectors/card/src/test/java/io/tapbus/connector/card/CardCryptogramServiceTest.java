package io.tapbus.connector.card;

import static io.tapbus.connector.card.PublishedVectors.CVN18_AIP;
import static io.tapbus.connector.card.PublishedVectors.CVN18_ARQC;
import static io.tapbus.connector.card.PublishedVectors.CVN18_ATC;
import static io.tapbus.connector.card.PublishedVectors.CVN18_CDOL1;
import static io.tapbus.connector.card.PublishedVectors.CVN18_IAD;
import static io.tapbus.connector.card.TestBytes.flipBit;
import static io.tapbus.connector.card.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.card.ArqcVerification.Verdict;
import io.tapbus.connector.common.Hex;
import org.junit.jupiter.api.Test;

/** The whole issuer chain on pyemv tests/test_cvn_hsm.py test_visa_cvn18 (see {@link PublishedVectors}). */
class CardCryptogramServiceTest {

    private static final CardId CARD = new CardId(PublishedVectors.CVN18_PAN, PublishedVectors.CVN18_PSN);
    private static final ArqcInput INPUT = new ArqcInput(hex(CVN18_CDOL1), hex(CVN18_AIP), CVN18_ATC,
            hex(CVN18_IAD));

    private final CardCryptogramService service = new CardCryptogramService(
            InMemoryIssuerKeys.of("imk-ac", hex(PublishedVectors.IMK)), "imk-ac", new AtcReplayGuard());

    @Test
    void computesThePublishedArqcFromTheTransactionData() {
        byte[] iccMk = EmvKeyDerivation.iccMasterKeyOptionA(hex(PublishedVectors.IMK), CARD);
        byte[] sk = EmvKeyDerivation.commonSessionKey(iccMk, CVN18_ATC);
        assertThat(Hex.of(EmvCryptograms.applicationCryptogram(sk, INPUT.bytes()))).isEqualTo(CVN18_ARQC);
    }

    @Test
    void acceptsThePublishedArqc() {
        ArqcVerification result = service.verify(CARD, INPUT, hex(CVN18_ARQC));
        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.valid()).isTrue();
    }

    @Test
    void computesThePublishedArpcMethod2() {
        byte[] arpc = service.arpcMethod2(CARD, CVN18_ATC, hex(CVN18_ARQC), hex(PublishedVectors.CVN18_CSU),
                new byte[0]);
        assertThat(Hex.of(arpc)).isEqualTo(PublishedVectors.CVN18_ARPC2);
        assertThat(Hex.of(service.arpcMethod2(CARD, CVN18_ATC + 1, hex(CVN18_ARQC),
                hex(PublishedVectors.CVN18_CSU), new byte[0]))).isNotEqualTo(PublishedVectors.CVN18_ARPC2);
    }

    @Test
    void refusesAFlippedBitInTheCryptogramOrTheData() {
        assertThat(service.verify(CARD, INPUT, flipBit(hex(CVN18_ARQC), 7)).verdict())
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        ArqcInput otherAmount = new ArqcInput(flipBit(hex(CVN18_CDOL1), 5), hex(CVN18_AIP), CVN18_ATC,
                hex(CVN18_IAD));
        assertThat(service.verify(CARD, otherAmount, hex(CVN18_ARQC)).verdict())
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
    }

    @Test
    void refusesTheWrongAtcCardOrKey() {
        ArqcInput wrongAtc = new ArqcInput(hex(CVN18_CDOL1), hex(CVN18_AIP), CVN18_ATC + 1, hex(CVN18_IAD));
        assertThat(service.verify(CARD, wrongAtc, hex(CVN18_ARQC)).verdict()).isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        assertThat(service.verify(new CardId(PublishedVectors.CVN18_PAN, "01"), INPUT, hex(CVN18_ARQC)).verdict())
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        CardCryptogramService otherKey = new CardCryptogramService(
                InMemoryIssuerKeys.of("imk-ac", hex("FEDCBA98765432100123456789ABCDEF")), "imk-ac",
                new AtcReplayGuard());
        assertThat(otherKey.verify(CARD, INPUT, hex(CVN18_ARQC)).verdict()).isEqualTo(Verdict.INVALID_CRYPTOGRAM);
    }

    @Test
    void refusesTheSameArqcTwice() {
        assertThat(service.verify(CARD, INPUT, hex(CVN18_ARQC)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(service.verify(CARD, INPUT, hex(CVN18_ARQC)).verdict()).isEqualTo(Verdict.REPLAYED_ATC);
    }

    @Test
    void aForgedCryptogramDoesNotAdvanceTheAtc() {
        assertThat(service.verify(CARD, INPUT, flipBit(hex(CVN18_ARQC), 0)).verdict())
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        assertThat(service.verify(CARD, INPUT, hex(CVN18_ARQC)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void namesAnUnknownKeyLabelAndAMalformedArqc() {
        CardCryptogramService unknown = new CardCryptogramService(
                InMemoryIssuerKeys.of("imk-ac", hex(PublishedVectors.IMK)), "other", new AtcReplayGuard());
        assertThat(unknown.verify(CARD, INPUT, hex(CVN18_ARQC)).verdict()).isEqualTo(Verdict.UNKNOWN_KEY);
        assertThat(service.verify(CARD, INPUT, new byte[4]).verdict()).isEqualTo(Verdict.MALFORMED);
    }
}
