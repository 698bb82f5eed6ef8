package io.tapbus.connector.card.sim;

import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;

/**
 * A {@code java.security.Provider} with one {@code TerminalFactory} type, {@value #TYPE}, so that reader code written
 * against {@code javax.smartcardio} runs unchanged against simulated cards:
 * {@code TerminalFactory.getInstance("TapBusSim", new SimulatedReaders("Sim 0"), new TapBusSimProvider())}.
 * It need not be installed with {@code Security.addProvider}.
 */
public final class TapBusSimProvider extends Provider {

    public static final String TYPE = "TapBusSim";

    public TapBusSimProvider() {
        super("TapBusSim", "1.0", "TapBus simulated contactless readers and cards (javax.smartcardio)");
        putService(new Service(this, "TerminalFactory", TYPE, SimTerminalFactorySpi.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                try {
                    return new SimTerminalFactorySpi(parameter);
                } catch (IllegalArgumentException e) {
                    throw new InvalidParameterException(e.getMessage());
                }
            }
        });
    }
}
