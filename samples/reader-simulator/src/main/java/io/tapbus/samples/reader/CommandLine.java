package io.tapbus.samples.reader;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches, checked against what the command accepts. */
final class CommandLine {

    private final Map<String, String> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CommandLine() {
    }

    static CommandLine parse(String[] args, int from, Set<String> knownOptions, Set<String> knownFlags) throws UsageException {
        CommandLine line = new CommandLine();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            if (knownFlags.contains(name)) {
                line.flags.add(name);
            } else if (knownOptions.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                if (line.options.put(name, args[++i]) != null) {
                    throw new UsageException("--" + name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return line;
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String get(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    String required(String name) throws UsageException {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    long longValue(String name, long defaultValue, long min, long max) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    int intValue(String name, int defaultValue, int min, int max) throws UsageException {
        return (int) longValue(name, defaultValue, min, max);
    }
}
