package io.tapbus.connector.phone;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Options of the phone commands: --name VALUE or --name=VALUE, flags without a value; refused with a reason. */
final class CommandLine {

    /** Input a command cannot use: it exits 2 with this message. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {
    }

    static Map<String, String> parse(String[] args, int from, Set<String> valued, Set<String> flags)
            throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'; every input is an --option");
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
            } else if (!valued.contains(name)) {
                throw new UsageException("unknown option --" + name);
            } else if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " is given twice");
            }
        }
        return options;
    }

    static boolean isHelp(String[] args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
    }

    static int integer(String option, String text, int min, int max) throws UsageException {
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
}
