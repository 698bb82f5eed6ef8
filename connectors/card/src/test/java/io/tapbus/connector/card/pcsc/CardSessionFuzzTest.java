package io.tapbus.connector.card.pcsc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * Fuzzes the reader agent's side of a card payment: whatever a card (or a reader in between) answers to SELECT, GET
 * PROCESSING OPTIONS, READ RECORD, GENERATE AC, EXTERNAL AUTHENTICATE, UPDATE RECORD and the balance READ RECORD,
 * {@link CardSession} returns a {@link TapResult} (a tap, or why there is none), a status word, a balance or nothing,
 * or a {@link CardException}. A tap it reports must hold what the bus accepts in a PAYMENT_REQUEST (PAN 12 to 19
 * digits, PSN 2 digits, expiry a YYMMDD date, IAD 1 to 32 bytes, AIP 2 bytes, ARQC 8 bytes, a CID that names a
 * cryptogram type). Any other exception is a finding.
 *
 * <p>Input: the card's answers one after the other, each a 2-byte big-endian length and that many bytes (cut at the
 * end of the input); when the input runs out the card is gone ({@link CardException}, as javax.smartcardio reports a
 * removed card). The channel builds each answer as {@link ResponseAPDU}, as the platform's PC/SC channel does, so an
 * answer of fewer than two bytes fails there with the JDK's {@link IllegalArgumentException}. The test command replays
 * the committed corpus (exchanges with the simulated card); {@code JAZZER_FUZZ=1} (or the {@code fuzz} profile) fuzzes.
 */
class CardSessionFuzzTest {

    private static final TransactionData PURCHASE = TransactionData.purchase(1250, 978, 250, LocalDate.of(2026, 12, 7),
            Hex.parse("A1B2C3D4"));

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws java.io.IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyCardAnswersGiveATapResultOrACardException(byte[] input) {
        CardSession session = new CardSession(new ScriptedCard(input));
        TapResult result = session.pay(PURCHASE);
        if (result.status() == TapResult.Status.TAPPED) {
            checkTap(result.tap());
        } else if (result.tap() != null || result.detail() == null) {
            throw new AssertionError("a failed tap without its reason, or with a tap: " + result);
        }
        try {
            session.sendArpc(new byte[4], Hex.parse("00800000"));
            session.writeBalance(1_000);
            session.readBalance().ifPresent(balance -> {
                if (balance < 0 || balance > 0xFFFF_FFFFL) {
                    throw new AssertionError("a balance out of range: " + balance);
                }
            });
        } catch (CardException gone) {
            // the card left or answered nothing readable
        }
        session.close();
    }

    /** What the bus's PAYMENT_REQUEST checks (connectors/reader PaymentRequest.parse): a tap must pass them. */
    private static void checkTap(CardTap tap) {
        String problem = null;
        if (!tap.card().pan().matches("[0-9]{12,19}") || !tap.card().psn().matches("[0-9]{2}")) {
            problem = "card";
        } else if (!tap.expiry().matches("[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])")) {
            problem = "expiry " + tap.expiry();
        } else if (tap.issuerApplicationData().length < 1 || tap.issuerApplicationData().length > 32) {
            problem = "IAD of " + tap.issuerApplicationData().length + " bytes";
        } else if (tap.aip().length != 2 || tap.arqc().length != 8 || tap.atc() < 0 || tap.atc() > 0xFFFF) {
            problem = "AIP, ARQC or ATC";
        } else if ((tap.cid() & 0xC0) == 0xC0 || tap.cid() > 0xFF) {
            problem = "CID " + Integer.toHexString(tap.cid());
        }
        if (problem != null) {
            throw new AssertionError("a tap the bus would refuse (" + problem + "): " + tap);
        }
        tap.arqcInput(); // the issuer's input is rebuilt from it
    }

    /** A card whose answers are the fuzzer's, in order. */
    static final class ScriptedCard extends Card {
        private final byte[] script;
        private int next;
        private final CardChannel channel = new CardChannel() {
            @Override
            public Card getCard() {
                return ScriptedCard.this;
            }

            @Override
            public int getChannelNumber() {
                return 0;
            }

            @Override
            public ResponseAPDU transmit(CommandAPDU command) throws CardException {
                return new ResponseAPDU(nextAnswer());
            }

            @Override
            public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
                byte[] answer = nextAnswer();
                response.put(answer);
                return answer.length;
            }

            @Override
            public void close() {
                throw new IllegalStateException("the basic channel cannot be closed");
            }
        };

        ScriptedCard(byte[] script) {
            this.script = script;
        }

        private byte[] nextAnswer() throws CardException {
            if (next + 2 > script.length) {
                throw new CardException("the card was removed from the reader");
            }
            int length = ((script[next] & 0xFF) << 8) | (script[next + 1] & 0xFF);
            int from = next + 2;
            int to = Math.min(script.length, from + length);
            next = to;
            return Arrays.copyOfRange(script, from, to);
        }

        @Override
        public ATR getATR() {
            return new ATR(Hex.parse("3B8080010101"));
        }

        @Override
        public String getProtocol() {
            return "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            return channel;
        }

        @Override
        public CardChannel openLogicalChannel() throws CardException {
            throw new CardException("no logical channels");
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
            throw new CardException("no control commands");
        }

        @Override
        public void disconnect(boolean reset) {
        }
    }
}
