package io.tapbus.connector.card.sim;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/** The {@code TapBusSim} terminal factory; its parameter is the {@link SimulatedReaders} it exposes. */
public final class SimTerminalFactorySpi extends TerminalFactorySpi {

    private final SimTerminals terminals;

    public SimTerminalFactorySpi(Object parameter) {
        if (!(parameter instanceof SimulatedReaders readers)) {
            throw new IllegalArgumentException("the TapBusSim terminal factory needs SimulatedReaders as parameter");
        }
        this.terminals = new SimTerminals(readers);
    }

    @Override
    protected CardTerminals engineTerminals() {
        return terminals;
    }
}
