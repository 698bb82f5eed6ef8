package io.tapbus.samples.reader;

/** Entry point of tapbus-reader-simulator.jar: {@code tap | heartbeat | balance | bench [--payments] | agent | pay | gate |
 * gate-sync | member-add}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (usage and JSON lines on System.out, messages on System.err). */
    public static int run(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        if (args.length > 1 && (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h"))) {
            // a command given --help prints its usage and does nothing else
            switch (command) {
                case "tap", "heartbeat", "balance" -> System.out.println(ReaderSimulator.USAGE);
                case "bench" -> {
                    System.out.println(ReaderLoadGenerator.USAGE);
                    System.out.println(PaymentLoadGenerator.USAGE);
                }
                case "agent", "pay" -> System.out.println(ReaderAgent.USAGE);
                case "gate", "gate-sync" -> System.out.println(GateSimulator.USAGE);
                case "member-add" -> System.out.println(MemberAddSimulator.USAGE);
                default -> {
                    return run(new String[] {"--help"});
                }
            }
            return ReaderSimulator.EXIT_OK;
        }
        return switch (command) {
            case "tap", "heartbeat", "balance" -> ReaderSimulator.run(args, System.out, System.err);
            case "bench" -> ReaderLoadGenerator.run(args, System.out, System.err);
            case "agent", "pay" -> ReaderAgent.run(args, System.out, System.err);
            case "gate", "gate-sync" -> GateSimulator.run(args, System.out, System.err);
            case "member-add" -> MemberAddSimulator.run(args, System.out, System.err);
            case "help", "--help", "-h" -> {
                System.out.println(ReaderSimulator.USAGE);
                System.out.println(ReaderLoadGenerator.USAGE);
                System.out.println(PaymentLoadGenerator.USAGE);
                System.out.println(ReaderAgent.USAGE);
                System.out.println(GateSimulator.USAGE);
                System.out.println(MemberAddSimulator.USAGE);
                yield ReaderSimulator.EXIT_OK;
            }
            default -> {
                System.err.println(command.isEmpty() ? "error: give a command" : "error: unknown command '" + command + "'");
                System.err.println(ReaderSimulator.USAGE);
                System.err.println(ReaderLoadGenerator.USAGE);
                System.err.println(PaymentLoadGenerator.USAGE);
                System.err.println(ReaderAgent.USAGE);
                System.err.println(GateSimulator.USAGE);
                System.err.println(MemberAddSimulator.USAGE);
                yield ReaderSimulator.EXIT_USAGE;
            }
        };
    }
}
