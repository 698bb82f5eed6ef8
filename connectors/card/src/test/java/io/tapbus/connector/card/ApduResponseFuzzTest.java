package io.tapbus.connector.card;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tapbus.connector.card.CardResponses.CardData;
import io.tapbus.connector.card.CardResponses.Cryptogram;
import io.tapbus.connector.card.CardResponses.Fci;
import io.tapbus.connector.card.CardResponses.ProcessingOptions;
import io.tapbus.connector.card.CardResponses.Response;

/**
 * Fuzzes the decoders of card response APDUs ({@link CardResponses}): the input is one response APDU as a card sends
 * it. It either splits into data and status word or is refused; its data is then read as each answer of a payment
 * (SELECT FCI, GET PROCESSING OPTIONS format 1 and 2, the READ RECORD card data template, GENERATE AC format 1 and 2)
 * and as the balance record ({@link TapBusApplication#balanceOf}). Each decoder returns a value that keeps EMV's
 * lengths and formats, or throws {@link CardResponseException} (the balance: a value or nothing). Any other exception
 * (IndexOutOfBounds, NegativeArraySize, NullPointer, NumberFormat...) is a finding. The test command replays the
 * committed corpus (the simulated card's answers); {@code JAZZER_FUZZ=1} (or the {@code fuzz} profile) fuzzes.
 */
class ApduResponseFuzzTest {

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyResponseDecodesOrIsRefused(byte[] input) {
        Response response;
        try {
            response = CardResponses.response(input);
        } catch (CardResponseException refused) {
            check(input.length < 2 || !isStatusWord(input[input.length - 2] & 0xFF),
                    "only a missing or invalid status word is refused: " + refused.getMessage());
            return;
        }
        check(response.data().length == input.length - 2, "the data is all but the status word");
        byte[] data = response.data();
        try {
            Fci fci = CardResponses.fci(data);
            check(fci.dfName().length >= 5 && fci.dfName().length <= 16, "DF name of 5 to 16 bytes");
            check(fci.pdol().length <= 252, "PDOL up to 252 bytes");
        } catch (CardResponseException refused) {
            // not an FCI
        }
        try {
            ProcessingOptions options = CardResponses.processingOptions(data);
            check(options.aip().length == 2, "AIP of 2 bytes");
            check(options.afl().length > 0 && options.afl().length % 4 == 0, "AFL of whole entries");
        } catch (CardResponseException refused) {
            // not a GET PROCESSING OPTIONS answer
        }
        try {
            CardData card = CardResponses.cardData(data);
            check(card.expiry().matches("[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"), "expiry YYMMDD");
        } catch (CardResponseException refused) {
            // not the card data record
        }
        try {
            Cryptogram ac = CardResponses.generateAc(data);
            check(ac.cryptogram().length == 8, "AC of 8 bytes");
            check(ac.iad().length <= CardResponses.MAX_IAD, "IAD up to 32 bytes");
            check(ac.type() != Cryptogram.TYPE_MASK && ac.atc() >= 0 && ac.atc() <= 0xFFFF, "CID type and ATC");
        } catch (CardResponseException refused) {
            // not a GENERATE AC answer
        }
        TapBusApplication.balanceOf(data).ifPresent(balance ->
                check(balance >= 0 && balance <= TapBusApplication.MAX_BALANCE, "a balance in range"));
    }

    /** SW1 61 to 6F or 90 to 9F (ISO/IEC 7816-4 5.1.3). */
    private static boolean isStatusWord(int sw1) {
        return sw1 >= 0x61 && sw1 <= 0x6F || sw1 >= 0x90 && sw1 <= 0x9F;
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError("does not hold: " + what);
        }
    }
}
