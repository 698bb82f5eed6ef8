package io.tapbus.samples.bank;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code tapbus bank-sim}: starts the bank host and runs until Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (printHelp(args, System.out)) {
            return;
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (UsageException e) {
            System.err.println("tapbus bank-sim: " + e.getMessage());
            System.err.println("(tapbus bank-sim --help shows the options)");
            System.exit(2);
            return;
        }
        BankSimulator simulator = new BankSimulator(options, System.out::println);
        try {
            simulator.start();
        } catch (Exception e) { // Netty rethrows a BindException undeclared
            System.err.println("tapbus bank-sim: cannot listen: " + e.getMessage());
            simulator.close();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "bank-sim-shutdown"));
        System.out.println("bank-sim: ISO 8583 (" + options.packager() + ") on 127.0.0.1:" + simulator.port()
                + (simulator.controlPort() < 0 ? "" : ", control on 127.0.0.1:" + simulator.controlPort())
                + "; " + simulator.behaviour() + "; amount limit " + options.rules().amountLimit()
                + ", declined cards " + options.rules().declinedPans().size());
        simulator.awaitClose();
    }

    /** Prints the usage when the arguments ask for it ({@code --help} or {@code -h}, anywhere); true when they did. */
    public static boolean printHelp(String[] args, PrintStream out) {
        if (!Arrays.asList(args).contains("--help") && !Arrays.asList(args).contains("-h")) {
            return false;
        }
        out.print(SimulatorOptions.USAGE);
        return true;
    }
}
