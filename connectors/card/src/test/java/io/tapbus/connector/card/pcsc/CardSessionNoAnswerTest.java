package io.tapbus.connector.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.pcsc.CardSessionFuzzTest.ScriptedCard;
import java.time.LocalDate;
import javax.smartcardio.CardException;
import org.junit.jupiter.api.Test;

/**
 * A command that gets no answer at all, not even a status word, is how pcscd's vpcd reader reports a card torn away
 * during the command (RealPcscReaderTest sees it with the real stack): the session reports the card gone, not a card
 * error, while an answer of one byte stays the card's fault.
 */
class CardSessionNoAnswerTest {

    private static final TransactionData PURCHASE =
            TransactionData.purchase(100, 156, 156, LocalDate.of(2026, 12, 7), new byte[4]);

    @Test
    void noAnswerToACommandIsACardTakenAway() {
        TapResult result = new CardSession(new ScriptedCard(new byte[] {0, 0})).pay(PURCHASE);
        assertThat(result.status()).isEqualTo(TapResult.Status.NO_CARD);
        assertThat(result.detail()).isEqualTo("lost the card: the card gave no answer: taken away during the command");
    }

    @Test
    void oneByteIsStillACardError() {
        TapResult result = new CardSession(new ScriptedCard(new byte[] {0, 1, (byte) 0x90})).pay(PURCHASE);
        assertThat(result.status()).isEqualTo(TapResult.Status.CARD_ERROR);
        assertThat(result.detail()).contains("without a status word");
    }

    @Test
    void noAnswerToTheArpcIsACardException() {
        CardSession session = new CardSession(new ScriptedCard(new byte[] {0, 0}));
        assertThatThrownBy(() -> session.sendArpc(new byte[4], new byte[4])).isInstanceOf(CardException.class)
                .hasMessageContaining("taken away during the command");
    }
}
