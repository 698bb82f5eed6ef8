package io.tapbus.samples.mmsc;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code tapbus mmsc-sim}: starts the MMSC and runs until Ctrl-C; {@code tapbus mmsc-sim send} sends it a ticket. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("send")) {
            if (java.util.Arrays.asList(args).contains("--help")) {
                System.out.print(SendTicket.USAGE);
                return;
            }
            System.exit(SendTicket.run(args, System.out, System.err));
            return;
        }
        if (printHelp(args, System.out)) {
            return;
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (UsageException e) {
            System.err.println("tapbus mmsc-sim: " + e.getMessage());
            System.err.println("(tapbus mmsc-sim --help shows the options)");
            System.exit(2);
            return;
        }
        MmscSimulator simulator;
        try {
            simulator = new MmscSimulator(options, System.out::println).start();
        } catch (IOException e) {
            System.err.println("tapbus mmsc-sim: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "mmsc-sim-shutdown"));
        System.out.println("mmsc-sim: MM7 on http://127.0.0.1:" + simulator.port() + "/mm7; " + options
                + "; messages in " + simulator.storeFolder().toAbsolutePath());
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
