package io.tapbus.runtime.phone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which SMSCs serve a phone number, in order of preference: the number's operator comes from the ported-number table
 * (a number that moved keeps its prefix but not its operator), else from the longest matching prefix, else
 * "default"; each operator has a list of SMSC names, the first bound one is used (failover to the next).
 *
 * <p>Files (one entry a line, {@code #} comments): the prefix table has {@code PREFIX OPERATOR} (digits of the
 * E.164 number without '+'), the ported table {@code +MSISDN OPERATOR}.
 */
public final class SmsRouter {
    public static final String DEFAULT = "default";

    private final NumberOperators operators;
    private final Map<String, List<String>> smscs;

    public SmsRouter(Map<String, String> prefixes, Map<String, String> ported, Map<String, List<String>> smscs) {
        if (!smscs.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("the SMS routes name no SMSC for the operator 'default'");
        }
        this.operators = new NumberOperators(prefixes, ported);
        this.smscs = Map.copyOf(smscs);
    }

    /** The operator of {@code msisdn} ({@code +digits}), as {@link NumberOperators} tells. */
    public String operator(String msisdn) {
        return operators.operator(msisdn);
    }

    /** The SMSC names for {@code msisdn}, preferred first. */
    public List<String> smscsFor(String msisdn) {
        return smscs.getOrDefault(operator(msisdn), smscs.get(DEFAULT));
    }

    /** Two-column table file; a missing file is an empty table. Rejects lines that are not two words. */
    public static Map<String, String> readTable(Path file) throws IOException {
        Map<String, String> table = new HashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return table;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String s = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            s = s.strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] words = s.split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException(file + " line " + n + ": expected two words (number or prefix,"
                        + " operator), got " + words.length);
            }
            table.put(words[0], words[1]);
        }
        return table;
    }
}
