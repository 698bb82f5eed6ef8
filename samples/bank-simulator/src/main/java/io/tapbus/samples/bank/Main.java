package io.tapbus.samples.bank;

/** {@code tapbus bank-sim}: starts the bank host and runs until Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(SimulatorOptions.USAGE);
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
}
