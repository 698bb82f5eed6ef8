package io.tapbus.samples.tag;

import io.tapbus.connector.tag.PiccData;
import io.tapbus.connector.tag.SunMode;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the tag simulator: {@code genuine | forged | replay | batch}. Each prints SUN URLs, one per
 * line, on stdout. Exit 0, or 2 with the reason on stderr when the input cannot be used.
 */
public final class TagSimulator {

    public static final int EXIT_OK = 0;
    public static final int EXIT_USAGE = 2;

    public static final String DEFAULT_BASE = "https://tapbus.example/tag";
    public static final int MAX_BATCH = 100_000;

    static final String USAGE = """
            usage: tapbus-tag-simulator genuine|forged|replay --meta-key HEX --file-key HEX --uid HEX --counter N [options]
                   tapbus-tag-simulator batch --count N --start-counter C --meta-key HEX --file-key HEX --uid HEX [options]
              genuine            print the SUN URL the tag writes on read number N
              forged             the same URL with one bit of cmac flipped (not authentic)
              replay             the same genuine URL twice; the second scan is a replay (same counter)
              batch              N genuine URLs with counters C, C+1, ..., C+N-1
              --meta-key HEX     SDM meta-read key, 32 hex digits (encrypts picc_data)
              --file-key HEX     SDM file-read key, 32 hex digits (session keys of cmac and enc)
              --uid HEX          the tag's 7-byte UID, 14 hex digits
              --counter N        SDMReadCtr, 0 to 16777215
              --mode aes|lrp     the tag's SDM cipher (default aes)
              --base URL         the URL before the query (default %s)
              --file-data TEXT   also mirror TEXT as encrypted file data (enc); UTF-8, zero-padded to 16-byte blocks
              --picc-random HEX  fixed PICCData randomness instead of fresh random bytes: 5 bytes of padding (aes),
                                 or the 8-byte PICCRand then the 5 padding bytes (lrp); to reproduce a known URL
            Options also work as --opt=value. Keys are never printed.""".formatted(DEFAULT_BASE);

    private static final Set<String> COMMANDS = Set.of("genuine", "forged", "replay", "batch");
    private static final Set<String> COMMON = Set.of("--meta-key", "--file-key", "--uid", "--mode", "--base",
            "--file-data", "--picc-random");
    private static final Set<String> SINGLE = Set.of("--counter");
    private static final Set<String> BATCH = Set.of("--count", "--start-counter");

    private TagSimulator() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "give a command: genuine, forged, replay or batch");
        }
        String command = args[0];
        if (List.of("help", "--help", "-h").contains(command)) {
            out.println(USAGE);
            return EXIT_OK;
        }
        if (!COMMANDS.contains(command)) {
            return usage(err, "unknown command '" + command + "'");
        }
        try {
            Map<String, String> options = parseOptions(command, args);
            if (options.containsKey("--help")) {
                out.println(USAGE);
                return EXIT_OK;
            }
            SunMode mode = parseMode(options.get("--mode"));
            byte[] metaKey = key("--meta-key", options);
            byte[] fileKey = key("--file-key", options);
            byte[] uid = hex("--uid", required("--uid", options), PiccData.UID_LENGTH);
            String base = parseBase(options.getOrDefault("--base", DEFAULT_BASE));
            byte[] fileData = parseFileData(options.get("--file-data"));
            SunMessageWriter writer = new SunMessageWriter(mode, metaKey, fileKey);
            byte[] piccRandom = options.containsKey("--picc-random")
                    ? hex("--picc-random", options.get("--picc-random"), writer.piccRandomLength())
                    : null;

            if (command.equals("batch")) {
                int count = parseInt("--count", required("--count", options), 1, MAX_BATCH);
                int start = parseInt("--start-counter", required("--start-counter", options), 0,
                        SunMessageWriter.MAX_COUNTER);
                if ((long) start + count - 1 > SunMessageWriter.MAX_COUNTER) {
                    throw new UsageException("--start-counter " + start + " with --count " + count + " goes past "
                            + SunMessageWriter.MAX_COUNTER + ", the largest SDMReadCtr");
                }
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    lines.append(write(writer, uid, start + i, fileData, piccRandom).toUrl(base)).append('\n');
                }
                out.print(lines);
                return EXIT_OK;
            }

            int counter = parseInt("--counter", required("--counter", options), 0, SunMessageWriter.MAX_COUNTER);
            SunMessage message = write(writer, uid, counter, fileData, piccRandom);
            switch (command) {
                case "genuine" -> out.println(message.toUrl(base));
                case "forged" -> out.println(message.forged().toUrl(base));
                default -> {  // replay: the tag was read once; the same URL is then opened again
                    String url = message.toUrl(base);
                    out.println(url);
                    out.println(url);
                }
            }
            return EXIT_OK;
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
    }

    private static SunMessage write(SunMessageWriter writer, byte[] uid, int counter, byte[] fileData,
                                    byte[] piccRandom) {
        return piccRandom == null
                ? writer.write(uid, counter, fileData)
                : writer.write(uid, counter, fileData, piccRandom);
    }

    private static int usage(PrintStream err, String reason) {
        err.println("error: " + reason);
        err.println("(tapbus-tag-simulator --help lists the options)");
        return EXIT_USAGE;
    }

    private static Map<String, String> parseOptions(String command, String[] args) throws UsageException {
        boolean batch = command.equals("batch");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("--help", "");
                continue;
            }
            if (!arg.startsWith("--")) {
                // not echoed: a stray argument may be a key whose option name was forgotten
                throw new UsageException("unexpected argument number " + i + " (options start with --)");
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq >= 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            boolean known = COMMON.contains(name) || (batch ? BATCH : SINGLE).contains(name);
            if (!known) {
                if ((batch ? SINGLE : BATCH).contains(name)) {
                    throw new UsageException(name + " does not apply to " + command
                            + (batch ? " (use --start-counter)" : " (only batch takes it)"));
                }
                throw new UsageException("unknown option '" + printable(name) + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value (use " + name + "=VALUE for one that starts with --)");
                }
                value = args[++i];
            }
            if (options.containsKey(name)) {
                throw new UsageException(name + " is given twice");
            }
            options.put(name, value);
        }
        return options;
    }

    private static String required(String name, Map<String, String> options) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException(name + " is missing");
        }
        return value;
    }

    private static SunMode parseMode(String text) throws UsageException {
        if (text == null) {
            return SunMode.AES;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "aes" -> SunMode.AES;
            case "lrp" -> SunMode.LRP;
            default -> throw new UsageException("--mode must be aes or lrp, got '" + printable(text) + "'");
        };
    }

    /** A key; the reason never contains its text. */
    private static byte[] key(String name, Map<String, String> options) throws UsageException {
        return hex(name, required(name, options), 16);
    }

    private static byte[] hex(String name, String text, int length) throws UsageException {
        String digits = text.strip();
        if (digits.isEmpty()) {
            throw new UsageException(name + " is empty");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                throw new UsageException(name + " is not hex: non-hex character at position " + (i + 1));
            }
        }
        if (digits.length() != 2 * length) {
            throw new UsageException(name + " must be " + length + " bytes (" + 2 * length + " hex digits), got "
                    + digits.length() + " hex digits");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static int parseInt(String name, String text, int min, int max) throws UsageException {
        String digits = text.strip();
        if (!digits.matches("[0-9]{1,10}")) {
            throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", got '"
                    + printable(text) + "'");
        }
        long value = Long.parseLong(digits);
        if (value < min || value > max) {
            throw new UsageException(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return (int) value;
    }

    private static String parseBase(String base) throws UsageException {
        String lower = base.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || lower.indexOf("://") + 3 >= base.length()) {
            throw new UsageException("--base must be an http:// or https:// URL, got '" + printable(base) + "'");
        }
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '#') {
                throw new UsageException("--base must be plain ASCII without spaces or a #fragment");
            }
        }
        return base;
    }

    private static byte[] parseFileData(String text) throws UsageException {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            throw new UsageException("--file-data is empty; leave it out for a URL without enc");
        }
        return SunMessageWriter.padFileData(text);
    }

    /** Option names and values for messages: at most 40 printable characters. */
    private static String printable(String text) {
        String clean = text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }
}
