package io.tapbus.connector.card.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/** The terminal list of a {@code TapBusSim} factory, with insertion and removal events as PC/SC reports them. */
final class SimTerminals extends CardTerminals {

    private final SimulatedReaders readers;
    private final Map<SimTerminal, Boolean> lastSeen = new HashMap<>();
    private final Map<SimTerminal, Boolean> changes = new HashMap<>();

    SimTerminals(SimulatedReaders readers) {
        this.readers = readers;
    }

    @Override
    public List<CardTerminal> list(State state) {
        List<CardTerminal> out = new ArrayList<>();
        synchronized (readers.monitor) {
            for (SimTerminal terminal : readers.all()) {
                boolean present = terminal.isCardPresent();
                boolean matches = switch (state) {
                    case ALL -> true;
                    case CARD_PRESENT -> present;
                    case CARD_ABSENT -> !present;
                    case CARD_INSERTION -> Boolean.TRUE.equals(changes.get(terminal));
                    case CARD_REMOVAL -> Boolean.FALSE.equals(changes.get(terminal));
                };
                if (matches) {
                    out.add(terminal);
                }
            }
        }
        return out;
    }

    @Override
    public boolean waitForChange(long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        long deadline = System.currentTimeMillis() + timeout;
        synchronized (readers.monitor) {
            while (true) {
                changes.clear();
                for (SimTerminal terminal : readers.all()) {
                    boolean present = terminal.isCardPresent();
                    Boolean before = lastSeen.put(terminal, present);
                    if (before != null && before != present) {
                        changes.put(terminal, present);
                    } else if (before == null && present) {
                        changes.put(terminal, true);
                    }
                }
                if (!changes.isEmpty()) {
                    return true;
                }
                if (!readers.awaitChange(timeout, deadline, "a change")) {
                    return false;
                }
            }
        }
    }
}
