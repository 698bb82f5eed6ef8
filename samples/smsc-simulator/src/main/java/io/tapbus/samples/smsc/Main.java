package io.tapbus.samples.smsc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code tapbus smsc-sim}: starts the SMSC, reads commands from stdin, runs until Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(SmscOptions.USAGE);
            return;
        }
        SmscOptions options;
        try {
            options = SmscOptions.parse(args);
        } catch (UsageException e) {
            System.err.println("tapbus smsc-sim: " + e.getMessage());
            System.err.println("(tapbus smsc-sim --help shows the options)");
            System.exit(2);
            return;
        }
        SmscSimulator simulator = new SmscSimulator(options, out::println);
        ControlCommands commands = new ControlCommands(simulator);
        ControlHttp http = null;
        try {
            simulator.start();
            if (options.controlPort() >= 0) {
                http = new ControlHttp(options.controlPort(), commands, simulator, out::println,
                        options.quiet()).start();
            }
        } catch (IOException e) {
            System.err.println("tapbus smsc-sim: cannot listen: " + e.getMessage());
            simulator.close();
            System.exit(1);
            return;
        }
        ControlHttp control = http;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (control != null) {
                control.close();
            }
            simulator.close();
        }, "smsc-sim-shutdown"));
        out.println("smsc-sim: SMPP 3.4 on 127.0.0.1:" + simulator.port()
                + (control == null ? "" : ", control on http://127.0.0.1:" + control.port() + "/command")
                + "; system_id '" + options.systemId() + "'"
                + (options.password().equals(SmscOptions.DEMO_PASSWORD) ? " with the DEMO password" : "")
                + "; " + simulator.behaviour());
        if (options.stdin()) {
            out.println("commands: " + ControlCommands.HELP.replace("\n", " | "));
            readCommands(commands, out);
        }
        simulator.awaitClose();
    }

    private static void readCommands(ControlCommands commands, PrintStream out) {
        Thread reader = SmscSimulator.daemon(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        out.println(commands.execute(line));
                    }
                }
            } catch (IOException e) {
                // stdin closed: the HTTP endpoint still works
            }
        }, "smsc-stdin");
        reader.start();
    }
}
