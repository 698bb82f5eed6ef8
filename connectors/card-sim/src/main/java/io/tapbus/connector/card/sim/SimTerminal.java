package io.tapbus.connector.card.sim;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/** A simulated contactless reader: a card can be put on it ({@link #insert}) and taken off ({@link #remove}). */
public final class SimTerminal extends CardTerminal {

    private final String name;
    private final SimulatedReaders readers;
    private SimulatedCard card;
    private SimCard connection;

    SimTerminal(String name, SimulatedReaders readers) {
        this.name = name;
        this.readers = readers;
    }

    public void insert(SimulatedCard newCard) {
        synchronized (readers.monitor) {
            if (card != null) {
                throw new IllegalStateException("a card is already on " + name);
            }
            card = newCard;
            card.reset();
        }
        readers.changed();
    }

    public void remove() {
        synchronized (readers.monitor) {
            if (connection != null) {
                connection.cardRemoved();
                connection = null;
            }
            card = null;
        }
        readers.changed();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Card connect(String protocol) throws CardException {
        if (!protocol.equals("*") && !protocol.equals("T=1") && !protocol.equals("T=CL")) {
            throw new CardException("protocol " + protocol + " is not supported by " + name);
        }
        synchronized (readers.monitor) {
            if (card == null) {
                throw new CardNotPresentException("no card on " + name);
            }
            if (connection == null || !connection.isConnected() || connection.isRemoved()) {
                card.reset();
                connection = new SimCard(card);
            }
            return connection;
        }
    }

    @Override
    public boolean isCardPresent() {
        synchronized (readers.monitor) {
            return card != null;
        }
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitFor(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitFor(false, timeout);
    }

    private boolean waitFor(boolean present, long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long deadline = System.currentTimeMillis() + timeout;
        synchronized (readers.monitor) {
            while ((card != null) != present) {
                if (!readers.awaitChange(timeout, deadline, "a card")) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "SimTerminal[" + name + "]";
    }
}
