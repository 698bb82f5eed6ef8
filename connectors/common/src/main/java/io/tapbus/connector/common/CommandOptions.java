package io.tapbus.connector.common;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code tapbus} command: {@code --name VALUE} or {@code --name=VALUE}, flags without a value, and
 * as many operands as the command takes ({@code -} is an operand: standard input). Input a command cannot use is
 * refused with a {@link UsageException} whose message is the reason; the command prints it and exits 2.
 */
public final class CommandOptions {

    /** The exit status of a command refused for its input. */
    public static final int USAGE_EXIT = 2;

    /** Input a command cannot use: it exits 2 with this message on standard error. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;
    private final List<String> operands;

    private CommandOptions(Map<String, String> values, List<String> operands) {
        this.values = Collections.unmodifiableMap(values);
        this.operands = Collections.unmodifiableList(operands);
    }

    /** {@code --help} or {@code -h} alone. */
    public static boolean isHelp(String[] args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
    }

    /** Options only, from {@code args[from]} on. */
    public static CommandOptions parse(String[] args, int from, Set<String> valued, Set<String> flags)
            throws UsageException {
        return parse(args, from, valued, flags, 0);
    }

    /**
     * Options and up to {@code maxOperands} operands, from {@code args[from]} on. A flag's value is the empty text.
     */
    public static CommandOptions parse(String[] args, int from, Set<String> valued, Set<String> flags,
            int maxOperands) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                boolean operand = !arg.isEmpty() && (!arg.startsWith("-") || arg.equals("-"));
                if (!operand || operands.size() >= maxOperands) {
                    throw new UsageException("unexpected argument '" + arg + "'"
                            + (maxOperands == 0 ? "; every input is an --option" : ""));
                }
                operands.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "";
            } else if (name.equals("help")) {
                throw new UsageException("--help takes no other arguments");
            } else if (!valued.contains(name)) {
                throw new UsageException("unknown option --" + name);
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return new CommandOptions(values, operands);
    }

    /** The options given, by name without the dashes, in the order given. */
    public Map<String, String> values() {
        return values;
    }

    public List<String> operands() {
        return operands;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value, or {@code null} when the option is not given. */
    public String get(String name) {
        return values.get(name);
    }

    public String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    /** A whole number from {@code min} to {@code max}, or the reason naming the option. */
    public static int integer(String option, String text, int min, int max) throws UsageException {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + option + " must be a whole number from " + min + " to " + max + ", got '"
                + text + "'");
    }

    /** Prints {@code command: reason} and where the options are explained; returns the exit status 2. */
    public static int refuse(PrintStream err, String command, String reason) {
        err.println(command + ": " + reason);
        err.println("(" + command + " --help shows the options)");
        return USAGE_EXIT;
    }
}
