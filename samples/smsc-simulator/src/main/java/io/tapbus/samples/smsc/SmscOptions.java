package io.tapbus.samples.smsc;

import java.time.Duration;

/**
 * The simulator's command line.
 *
 * @param controlPort the HTTP control port on loopback; 0 picks a free one, -1 turns it off
 * @param logEvery    0 prints every message; N > 0 prints no message, a stats line every N submits
 * @param quiet       no line per message; a stats line every 10 seconds while something changes
 */
public record SmscOptions(int port, int controlPort, String systemId, String password, String shortCode,
                          boolean receipts, Duration receiptDelay, double failShare, double expireShare,
                          boolean quiet, int logEvery, boolean stdin) {

    public static final int DEFAULT_PORT = 2775;
    public static final int DEFAULT_CONTROL_PORT = 2776;
    /** DEMO credentials, printed in the usage: override them with --system-id and --password. */
    public static final String DEMO_SYSTEM_ID = "tapbus";
    public static final String DEMO_PASSWORD = "demo1234";

    static final String USAGE = """
            Usage: tapbus smsc-sim [options]
            An SMSC speaking SMPP 3.4 on 127.0.0.1: binds, submit_sm, delivery receipts, incoming messages.
              --port N                 SMPP port (default 2775; 0 picks a free port)
              --control-port N|off     HTTP control endpoint on 127.0.0.1 (default 2776; 0 picks a free port)
              --system-id ID           the system_id ESMEs bind with (default tapbus, a DEMO value)
              --password PW            the bind password, 8 characters at most (default demo1234, a DEMO value)
              --short-code ADDR        the number incoming messages are sent to (default 10690000)
              --receipts on|off        send delivery receipts when the submit_sm asks for one (default on)
              --receipt-delay D        how long after the submit, e.g. 2s, 500ms, 0 (default 1s)
              --fail SHARE             share of receipts that say UNDELIV, 0 to 1 (default 0)
              --expire SHARE           share of receipts that say EXPIRED, 0 to 1 (default 0)
              --quiet                  no line per message; a stats line every 10 s while traffic flows
              --log-every N            no line per message; a stats line every N submits
              --no-stdin               do not read commands from standard input
            Commands (on stdin, or POST them to http://127.0.0.1:2776/command):
              mo MSISDN TEXT           send an incoming message from MSISDN, e.g. mo +8613800138000 余额
              throttle SHARE|rate N|off    answer ESME_RTHROTTLED to a share of submits, or above N per second
              qfull SHARE|off          answer ESME_RMSGQFUL to a share of submits
              drop                     close every connection (binds are accepted again at once)
              down SECONDS             close the port and every connection, come back after SECONDS
              up                       come back now
              receipts on|off|delay D|fail SHARE|expire SHARE
              stats                    counters and settings
              help
            """;

    public static SmscOptions defaults() {
        return new SmscOptions(DEFAULT_PORT, DEFAULT_CONTROL_PORT, DEMO_SYSTEM_ID, DEMO_PASSWORD, "10690000", true,
                Duration.ofSeconds(1), 0, 0, false, 0, true);
    }

    public static SmscOptions parse(String... args) throws UsageException {
        SmscOptions d = defaults();
        int port = d.port();
        int controlPort = d.controlPort();
        String systemId = d.systemId();
        String password = d.password();
        String shortCode = d.shortCode();
        boolean receipts = d.receipts();
        Duration delay = d.receiptDelay();
        double fail = d.failShare();
        double expire = d.expireShare();
        boolean quiet = false;
        int logEvery = 0;
        boolean stdin = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--quiet" -> quiet = true;
                case "--no-stdin" -> stdin = false;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException(option.startsWith("--") ? option + " needs a value"
                                : "unexpected argument '" + option + "'");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--port" -> port = port(option, value);
                        case "--control-port" -> controlPort = value.equals("off") ? -1 : port(option, value);
                        case "--system-id" -> systemId = text(option, value, 15);
                        case "--password" -> password = text(option, value, 8);
                        case "--short-code" -> shortCode = text(option, value, 20);
                        case "--receipts" -> receipts = onOff(option, value);
                        case "--receipt-delay" -> delay = duration(option, value);
                        case "--fail" -> fail = share(option, value);
                        case "--expire" -> expire = share(option, value);
                        case "--log-every" -> logEvery = (int) Math.min(Integer.MAX_VALUE, positive(option, value));
                        default -> throw new UsageException("unknown option " + option);
                    }
                }
            }
        }
        if (fail + expire > 1) {
            throw new UsageException("--fail and --expire add up to more than 1");
        }
        return new SmscOptions(port, controlPort, systemId, password, shortCode, receipts, delay, fail, expire, quiet,
                logEvery, stdin);
    }

    static int port(String option, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a port from 0 to 65535, got '" + value + "'");
    }

    static long positive(String option, String value) throws UsageException {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a whole number above 0, got '" + value + "'");
    }

    static double share(String option, String value) throws UsageException {
        try {
            double share = Double.parseDouble(value);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a share from 0 to 1 (such as 0.1), got '" + value + "'");
    }

    static boolean onOff(String option, String value) throws UsageException {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(option + " must be on or off, got '" + value + "'");
        };
    }

    /** 2s, 500ms, 1m or a bare number of seconds; 0 is allowed. */
    static Duration duration(String option, String value) throws UsageException {
        try {
            if (value.endsWith("ms")) {
                return nonNegative(Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))));
            }
            if (value.endsWith("s")) {
                return nonNegative(Duration.ofMillis(Math.round(
                        Double.parseDouble(value.substring(0, value.length() - 1)) * 1000)));
            }
            if (value.endsWith("m")) {
                return nonNegative(Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1))));
            }
            return nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " must be a duration such as 2s, 500ms or 1m, got '" + value + "'");
        }
    }

    private static Duration nonNegative(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative");
        }
        return d;
    }

    private static String text(String option, String value, int max) throws UsageException {
        if (value.isEmpty() || value.length() > max || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new UsageException(option + " must be 1 to " + max + " printable ASCII characters");
        }
        return value;
    }
}
