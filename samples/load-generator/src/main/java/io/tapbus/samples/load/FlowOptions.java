package io.tapbus.samples.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a REST flow bench ({@code bench --flow sms|sms-commands|checkout}): {@code --name value} or
 * {@code --name=value} pairs, each name one the flow knows; and the run around a flow's measurement (the summary line,
 * usage errors and an unreachable bus as exit codes) that every such flow shares.
 */
final class FlowOptions {
    /** A flow's measurement: the summary (the JSON line's keys) of one run. */
    @FunctionalInterface
    interface Measurement {
        Map<String, Object> measure(FlowOptions options, String adminToken) throws IOException, InterruptedException;
    }

    private final Map<String, String> values;

    private FlowOptions(Map<String, String> values) {
        this.values = values;
    }

    /** Throws IllegalArgumentException for a pair that is not one, or a name not in {@code known}. */
    static FlowOptions parse(List<String> args, List<String> known) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 && i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --option value, got " + a);
            }
            o.put(eq > 0 ? a.substring(2, eq) : a.substring(2), eq > 0 ? a.substring(eq + 1) : args.get(++i));
        }
        for (String k : o.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        return new FlowOptions(o);
    }

    /**
     * Parses {@code args}, reads the admin key ({@code --admin-key-file}, else the demo key under {@code home}), runs
     * the measurement and prints its summary line. Returns the exit code: usage, wrong answers or success.
     */
    static int run(List<String> args, List<String> known, Path home, String usage, String unreachableHint,
            PrintStream out, PrintStream err, Measurement measurement) {
        try {
            FlowOptions o = parse(args, known);
            Path keyFile = Path.of(o.get("admin-key-file", home.resolve("config/demo-keys/admin-api-key.txt").toString()));
            Map<String, Object> summary = measurement.measure(o, Files.readString(keyFile).strip());
            out.println(Summary.line(summary));
            out.flush();
            return Summary.exitCode(summary);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage);
            return Summary.EXIT_USAGE;
        } catch (IOException e) {
            err.println("bench: " + e.getMessage() + " " + unreachableHint);
            return Summary.EXIT_WRONG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Summary.EXIT_WRONG;
        }
    }

    String get(String key) {
        return values.get(key);
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** A number above 0, or {@code fallback} when the option is not given. */
    double number(String key, double fallback) {
        String v = values.get(key);
        double d = v == null ? fallback : Double.parseDouble(v);
        if (!(d > 0)) {
            throw new IllegalArgumentException("--" + key + " must be above 0");
        }
        return d;
    }

    /** Whether {@code args} ask for one of {@code flows} ({@code --flow NAME} or {@code --flow=NAME}). */
    static boolean wants(List<String> args, List<String> flows) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = a.startsWith("--flow=") ? a.substring(7) : a.equals("--flow") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (v != null) {
                return flows.contains(v);
            }
        }
        return false;
    }
}
