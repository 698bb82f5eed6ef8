package io.tapbus.runtime.phone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which operator serves a phone number: the ported-number table first (a number that moved keeps its prefix but not its
 * operator), else the longest matching prefix, else {@code default}. One answer for every channel: the SMSC
 * ({@link SmsRouter}), the MMSC and the operator's CAMARA APIs are all chosen by it. Tables as
 * {@link SmsRouter#readTable}: {@code tapbus.phone.prefixes-file} ({@code PREFIX OPERATOR}, digits without '+') and
 * {@code tapbus.phone.ported-file} ({@code +MSISDN OPERATOR}).
 */
public final class NumberOperators {
    private final TreeMap<String, String> prefixes;
    private final Map<String, String> ported;

    public NumberOperators(Map<String, String> prefixes, Map<String, String> ported) {
        this.prefixes = new TreeMap<>(prefixes);
        this.ported = Map.copyOf(ported);
    }

    /** The tables the settings name, relative paths from {@code home}; none set: every number is {@code default}. */
    public static NumberOperators from(Function<String, String> settings, Path home) {
        try {
            return new NumberOperators(SmsRouter.readTable(file(settings, home, "tapbus.phone.prefixes-file")),
                    SmsRouter.readTable(file(settings, home, "tapbus.phone.ported-file")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operator of {@code msisdn} ({@code +digits} or digits). */
    public String operator(String msisdn) {
        String plus = msisdn.startsWith("+") ? msisdn : "+" + msisdn;
        String op = ported.get(plus);
        if (op != null) {
            return op;
        }
        String digits = plus.substring(1);
        for (int len = digits.length(); len > 0; len--) {
            op = prefixes.get(digits.substring(0, len));
            if (op != null) {
                return op;
            }
        }
        return SmsRouter.DEFAULT;
    }

    private static Path file(Function<String, String> settings, Path home, String key) {
        String v = settings.apply(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        Path p = Path.of(v.strip());
        return p.isAbsolute() ? p : home.resolve(p).normalize();
    }
}
