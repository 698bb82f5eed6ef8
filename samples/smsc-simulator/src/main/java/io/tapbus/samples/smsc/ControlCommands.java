package io.tapbus.samples.smsc;

import java.io.IOException;

/** The control commands, one line each, from stdin or the HTTP endpoint; each returns one reply. */
public final class ControlCommands {

    static final String HELP = """
            mo MSISDN TEXT | throttle SHARE|rate N|off | qfull SHARE|off | drop | down SECONDS | up
            receipts on|off|delay D|fail SHARE|expire SHARE | stats | bench reset | help""";

    private final SmscSimulator simulator;

    public ControlCommands(SmscSimulator simulator) {
        this.simulator = simulator;
    }

    /** Runs one command line: "ok ..." when done, "error: ..." with the reason when not. */
    public String execute(String line) {
        try {
            return run(line.strip());
        } catch (UsageException e) {
            return "error: " + e.getMessage();
        }
    }

    private String run(String line) throws UsageException {
        String[] words = line.split("\\s+", 3);
        String command = words[0];
        Behaviour b = simulator.behaviour();
        switch (command) {
            case "mo" -> {
                String[] mo = line.split("\\s+", 3);
                if (mo.length < 3) {
                    throw new UsageException("usage: mo MSISDN TEXT");
                }
                return simulator.mo().send(mo[1], mo[2].strip());
            }
            case "throttle" -> {
                String arg = argument(words, "throttle SHARE|rate N|off");
                if (arg.equals("off")) {
                    b.throttleShare(0);
                    b.rateLimit(0);
                } else if (arg.equals("rate")) {
                    String n = words.length > 2 ? words[2].strip() : "";
                    b.rateLimit((int) Math.min(Integer.MAX_VALUE, SmscOptions.positive("throttle rate", n)));
                } else {
                    b.throttleShare(SmscOptions.share("throttle", arg));
                }
                return "ok " + b;
            }
            case "qfull" -> {
                String arg = argument(words, "qfull SHARE|off");
                b.queueFullShare(arg.equals("off") ? 0 : SmscOptions.share("qfull", arg));
                return "ok " + b;
            }
            case "drop" -> {
                return "ok dropped " + simulator.drop() + " connection(s)";
            }
            case "down" -> {
                long seconds = SmscOptions.positive("down", argument(words, "down SECONDS"));
                simulator.down(seconds);
                return "ok down for " + seconds + " s: connections refused until then";
            }
            case "up" -> {
                try {
                    return simulator.up() ? "ok up on port " + simulator.port() : "ok already up";
                } catch (IOException e) {
                    throw new UsageException("cannot listen on port " + simulator.port() + ": " + e.getMessage());
                }
            }
            case "receipts" -> {
                return receipts(words, b);
            }
            case "stats" -> {
                return simulator.statsLine();
            }
            case "bench" -> {
                if (!argument(words, "bench reset").equals("reset")) {
                    throw new UsageException("usage: bench reset");
                }
                simulator.benchReset();
                return "ok bench reset: MO round trips forgotten, in-flight peak from now";
            }
            case "help", "?" -> {
                return HELP;
            }
            case "" -> throw new UsageException("empty command (help lists them)");
            default -> throw new UsageException("unknown command '" + command + "' (help lists them)");
        }
    }

    private static String receipts(String[] words, Behaviour b) throws UsageException {
        String arg = argument(words, "receipts on|off|delay D|fail SHARE|expire SHARE");
        String value = words.length > 2 ? words[2].strip() : "";
        switch (arg) {
            case "on" -> b.receipts(true);
            case "off" -> b.receipts(false);
            case "delay" -> b.receiptDelayMillis(SmscOptions.duration("receipts delay", value).toMillis());
            case "fail" -> {
                double share = SmscOptions.share("receipts fail", value);
                requireSum(share + b.expireShare());
                b.failShare(share);
            }
            case "expire" -> {
                double share = SmscOptions.share("receipts expire", value);
                requireSum(share + b.failShare());
                b.expireShare(share);
            }
            default -> throw new UsageException("usage: receipts on|off|delay D|fail SHARE|expire SHARE");
        }
        return "ok " + b;
    }

    private static void requireSum(double sum) throws UsageException {
        if (sum > 1) {
            throw new UsageException("the fail and expire shares add up to more than 1");
        }
    }

    private static String argument(String[] words, String usage) throws UsageException {
        if (words.length < 2) {
            throw new UsageException("usage: " + usage);
        }
        return words[1];
    }
}
