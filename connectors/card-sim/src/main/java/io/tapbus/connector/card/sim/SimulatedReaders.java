package io.tapbus.connector.card.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.smartcardio.CardException;

/**
 * The simulated readers behind one {@code TapBusSim} terminal factory; pass it as the factory's parameter:
 * {@code TerminalFactory.getInstance(TapBusSimProvider.TYPE, readers, new TapBusSimProvider())}. Tests and demos
 * insert and remove cards through {@link #terminal(String)}.
 */
public final class SimulatedReaders {

    final Object monitor = new Object();
    private final Map<String, SimTerminal> terminals = new LinkedHashMap<>();

    public SimulatedReaders(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one reader");
        }
        for (String name : names) {
            if (terminals.put(name, new SimTerminal(name, this)) != null) {
                throw new IllegalArgumentException("two readers named '" + name + "'");
            }
        }
    }

    public SimTerminal terminal(String name) {
        SimTerminal terminal = terminals.get(name);
        if (terminal == null) {
            throw new IllegalArgumentException("no simulated reader named '" + name + "'");
        }
        return terminal;
    }

    List<SimTerminal> all() {
        return List.copyOf(terminals.values());
    }

    void changed() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /**
     * Waits, holding {@link #monitor}, until a reader changes or {@code deadline} passes ({@code timeout} 0: no
     * deadline). False when the deadline has passed.
     */
    boolean awaitChange(long timeout, long deadline, String waitingFor) throws CardException {
        long left = timeout == 0 ? 0 : deadline - System.currentTimeMillis();
        if (timeout != 0 && left <= 0) {
            return false;
        }
        try {
            monitor.wait(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException("interrupted while waiting for " + waitingFor, e);
        }
        return true;
    }
}
