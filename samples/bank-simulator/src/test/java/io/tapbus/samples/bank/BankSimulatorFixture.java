package io.tapbus.samples.bank;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the bank simulator's socket tests share: a simulator started on free ports with the test's options and closed
 * after each test, its log lines, a client, and the purchases and reversals a terminal sends.
 */
abstract class BankSimulatorFixture {
    static final String PAN = "4761739001010010";
    static final String DECLINED_PAN = "4000000000000002";
    static final Iso8583Codec ASCII = Iso8583Codec.named("ascii");

    final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    BankSimulator simulator;

    BankSimulator start(String... extraOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--control-port", "0"));
        args.addAll(List.of(extraOptions));
        simulator = new BankSimulator(SimulatorOptions.parse(args.toArray(String[]::new)), logLines::add).start();
        return simulator;
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    BankClient client() throws Exception {
        return new BankClient(simulator.port(), ASCII);
    }

    static Iso8583Message purchase(String stan, String amount, String pan) {
        return Iso8583Message.of("0200").with(2, pan).with(3, "000000").with(4, amount).with(7, "0611150000")
                .with(11, stan).with(41, "TAPBUS01").with(49, "156");
    }

    static Iso8583Message reversalOf(Iso8583Message original, String reversalStan, String mti) {
        String originalData = original.mti() + original.field(11) + original.field(7) + "0".repeat(22);
        return Iso8583Message.of(mti).with(2, original.field(2)).with(3, original.field(3))
                .with(4, original.field(4)).with(7, "0611150100").with(11, reversalStan).with(41, original.field(41))
                .with(90, originalData);
    }
}
