package io.tapbus.connector.operator;

import io.tapbus.samples.operator.OperatorSimulator;
import java.io.IOException;
import java.time.Duration;

/** The operator simulator on a free loopback port, and clients configured for it. */
final class SimulatorFixture implements AutoCloseable {
    final OperatorSimulator sim;

    SimulatorFixture() throws IOException {
        sim = OperatorSimulator.start("127.0.0.1", 0);
    }

    OperatorApis apis(Duration timeout) {
        return apis(OperatorSimulator.DEMO_CLIENT_SECRET, timeout);
    }

    OperatorApis apis(String secret, Duration timeout) {
        return new OperatorApis(OperatorApiSettings.of(sim.apiRoot(), sim.tokenUrl(), OperatorSimulator.DEMO_CLIENT_ID, secret, timeout));
    }

    @Override
    public void close() {
        sim.close();
    }
}
