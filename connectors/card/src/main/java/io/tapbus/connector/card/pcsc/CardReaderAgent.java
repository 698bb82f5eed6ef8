package io.tapbus.connector.card.pcsc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * The card-reading half of a PC/SC reader agent: watches one terminal of a {@link TerminalFactory} (the platform's
 * PC/SC factory for a real reader, {@code TapBusSim} in tests) and opens a {@link CardSession} when a card arrives.
 */
public final class CardReaderAgent {

    private final CardTerminal terminal;

    public CardReaderAgent(CardTerminal terminal) {
        this.terminal = terminal;
    }

    /** The terminal named {@code terminalName}, or the first one when the name is null. */
    public static CardReaderAgent forTerminal(TerminalFactory factory, String terminalName) throws CardException {
        List<CardTerminal> terminals = factory.terminals().list();
        for (CardTerminal candidate : terminals) {
            if (terminalName == null || candidate.getName().equals(terminalName)) {
                return new CardReaderAgent(candidate);
            }
        }
        throw new CardException(terminalName == null ? "no card reader found"
                : "no card reader named '" + terminalName + "'");
    }

    public String terminalName() {
        return terminal.getName();
    }

    /** Waits up to {@code timeout} for a card and connects to it; empty when none came or it left at once. */
    public Optional<CardSession> awaitCard(Duration timeout) throws CardException {
        if (!terminal.waitForCardPresent(Math.max(1, timeout.toMillis()))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CardSession(terminal.connect("*")));
        } catch (CardNotPresentException e) {
            return Optional.empty();
        }
    }

    /** Waits up to {@code timeout} for the card to be taken away; true when it was. */
    public boolean awaitRemoval(Duration timeout) throws CardException {
        return terminal.waitForCardAbsent(Math.max(1, timeout.toMillis()));
    }
}
