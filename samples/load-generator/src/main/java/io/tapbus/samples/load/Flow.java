package io.tapbus.samples.load;

import java.io.IOException;
import java.util.Map;

/** One kind of load: its set-up through REST, its precomputed steps and how its answers are checked. */
interface Flow extends OpenLoopEngine.ReplyCheck {

    OpenLoopEngine.Protocol protocol();

    String host();

    int port();

    int connections();

    /** Before any connection: readers, cards or tags on the bus (REST, not timed). */
    void setUp() throws IOException;

    /** Precomputes a step (not timed): every request's bytes and lane. */
    Step prepare(int id, double rate, double seconds, boolean warmUp) throws IOException;

    /** After the run: what to remember (ATCs, cards used). */
    default void finish() throws IOException {
    }

    /** Extra keys for the JSON summary. */
    Map<String, Object> describe();
}
