package io.tapbus.samples.bank;

import io.tapbus.connector.bank.ResponseCodes;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The simulator's command line.
 *
 * @param controlPort the control port; 0 picks a free one, -1 turns it off
 */
public record SimulatorOptions(int port, int controlPort, String packager, HostRules rules, Mode mode,
                               long delayMillis) {

    public static final int DEFAULT_PORT = 7500;
    public static final int DEFAULT_CONTROL_PORT = 7501;

    static final String USAGE = """
            Usage: tapbus bank-sim [options]
            A bank host speaking ISO 8583:1987 (2-byte length prefix) on 127.0.0.1.
              --port N                 ISO 8583 port (default 7500; 0 picks a free port)
              --control-port N|off     line-based control port (default 7501; 0 picks a free port)
              --packager ascii|binary  message layout (default ascii)
              --amount-limit MINOR     largest approved amount, field 4 in minor units (default 100000)
              --over-limit-code %1$s|%2$s  response code above the limit (default %2$s)
              --decline-pan PAN        decline this card; repeat for more cards
              --declined-card-code %3$s|%4$s
                                       response code for a declined card (default %3$s)
              --balance MINOR          available balance reported by balance inquiries (default 500000)
              --delay-ms N             answer after N milliseconds (default 0)
              --mode answer|timeout|disconnect
                                       answer, never answer, or close the connection instead (default answer)
            Control port commands: delay MS | timeout | disconnect | answer | status | journal | clear | help
            """.formatted(ResponseCodes.INSUFFICIENT_FUNDS, ResponseCodes.EXCEEDS_AMOUNT_LIMIT, ResponseCodes.DO_NOT_HONOUR,
            ResponseCodes.INVALID_CARD_NUMBER);

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(DEFAULT_PORT, DEFAULT_CONTROL_PORT, "ascii", HostRules.defaults(), Mode.ANSWER, 0);
    }

    public static SimulatorOptions parse(String[] args) throws UsageException {
        SimulatorOptions defaults = defaults();
        int port = defaults.port();
        int controlPort = defaults.controlPort();
        String packager = defaults.packager();
        HostRules rules = defaults.rules();
        long limit = rules.amountLimit();
        String overLimitCode = rules.overLimitCode();
        Set<String> declinedPans = new LinkedHashSet<>();
        String declinedCardCode = rules.declinedCardCode();
        long balance = rules.balance();
        Mode mode = defaults.mode();
        long delay = defaults.delayMillis();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException(option.startsWith("--") ? option + " needs a value"
                        : "unexpected argument '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = port(option, value);
                case "--control-port" -> controlPort = value.equals("off") ? -1 : port(option, value);
                case "--packager" -> packager = oneOf(option, value, "ascii", "binary");
                case "--amount-limit" -> limit = nonNegative(option, value);
                case "--over-limit-code" -> overLimitCode = oneOf(option, value, ResponseCodes.INSUFFICIENT_FUNDS, ResponseCodes.EXCEEDS_AMOUNT_LIMIT);
                case "--decline-pan" -> declinedPans.add(pan(value));
                case "--declined-card-code" -> declinedCardCode = oneOf(option, value, ResponseCodes.DO_NOT_HONOUR, ResponseCodes.INVALID_CARD_NUMBER);
                case "--balance" -> balance = nonNegative(option, value);
                case "--delay-ms" -> delay = nonNegative(option, value);
                case "--mode" -> mode = Mode.parse(value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        return new SimulatorOptions(port, controlPort, packager,
                new HostRules(limit, overLimitCode, declinedPans, declinedCardCode, balance), mode, delay);
    }

    static long nonNegative(String option, String value) throws UsageException {
        try {
            long number = Long.parseLong(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number of 0 or more, got '" + value + "'");
    }

    private static int port(String option, String value) throws UsageException {
        long port = nonNegative(option, value);
        if (port > 65535) {
            throw new UsageException(option + " must be a port from 0 to 65535, got " + value);
        }
        return (int) port;
    }

    private static String oneOf(String option, String value, String... allowed) throws UsageException {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new UsageException(option + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }

    private static String pan(String value) throws UsageException {
        if (!value.matches("\\d{12,19}")) {
            throw new UsageException("--decline-pan needs 12 to 19 digits");
        }
        return value;
    }
}
