package io.tapbus.samples.bank;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The host's answering behaviour, set at start and changed at run time through the control port. */
public final class Behaviour {

    private final AtomicReference<Mode> mode;
    private final AtomicLong delayMillis;

    public Behaviour(Mode mode, long delayMillis) {
        this.mode = new AtomicReference<>(mode);
        this.delayMillis = new AtomicLong(delayMillis);
    }

    public Mode mode() {
        return mode.get();
    }

    public void mode(Mode newMode) {
        mode.set(newMode);
    }

    public long delayMillis() {
        return delayMillis.get();
    }

    public void delayMillis(long millis) {
        delayMillis.set(millis);
    }

    @Override
    public String toString() {
        return "mode=" + mode().name().toLowerCase() + " delayMs=" + delayMillis();
    }
}
