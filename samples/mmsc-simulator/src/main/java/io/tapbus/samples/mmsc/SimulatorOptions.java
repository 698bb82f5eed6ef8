package io.tapbus.samples.mmsc;

import io.tapbus.connector.phone.mm7.MmStatus;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The simulator's command line.
 *
 * @param reportUrl where DeliveryReportReq go (the VASP's receiver), or null for no reports
 * @param fault the MM7 status every failing submit is answered with
 * @param failRate the share of submits answered with {@code fault}: 0 none, 1 all
 */
public record SimulatorOptions(int port, String user, String password, Path store, URI reportUrl,
        long reportDelayMillis, MmStatus reportStatus, String reportUser, String reportPassword, int fault,
        double failRate, long seed, Mode mode) {

    public static final int DEFAULT_PORT = 7710;
    /** A demo credential, for a simulator on loopback; a real MMSC's credentials come from the operator. */
    public static final String DEMO_PASSWORD = "demo-mm7-secret";

    static final String USAGE = """
            Usage: tapbus mmsc-sim [options]
            An operator's MMSC speaking MM7 (SOAP with attachments over HTTP) on 127.0.0.1, at path /mm7.
              --port N                 HTTP port (default 7710; 0 picks a free port)
              --user NAME              Basic user the VASP must send (default tapbus)
              --password TEXT          its password (default demo-mm7-secret, a demo value)
              --store DIR              folder for received messages, one subfolder per message id
                                       (default mmsc-inbox)
              --report-url URL         post a DeliveryReportReq here for each recipient (default: no reports)
              --report-delay-ms N      after N milliseconds (default 2000)
              --report-status S        Retrieved|Rejected|Expired|Deferred|Indeterminate|Forwarded|Unreachable|
                                       Unrecognised (default Retrieved)
              --report-user NAME       Basic credentials for the report URL (default none)
              --report-password TEXT
              --fault CODE             answer failing submits with this MM7 status, 2000-4999 (default 4006)
              --fail-rate R            share of submits that fail, 0 to 1 (default 0; with --fault alone 1)
              --seed N                 seed of the failure draw (default 1)
              --mode answer|garbage|drop|silent
                                       answer; 200 with a body that is not SOAP; close without an answer;
                                       never answer (default answer)
            tapbus mmsc-sim send --to MSISDN --qr PAYLOAD [...] sends it an e-ticket MMS (send --help)
            """;

    public static SimulatorOptions parse(String[] args) throws UsageException {
        int port = DEFAULT_PORT;
        String user = "tapbus";
        String password = DEMO_PASSWORD;
        Path store = Path.of("mmsc-inbox");
        URI reportUrl = null;
        long reportDelay = 2000;
        MmStatus reportStatus = MmStatus.RETRIEVED;
        String reportUser = null;
        String reportPassword = null;
        int fault = 4006;
        Double failRate = null;
        boolean faultGiven = false;
        long seed = 1;
        Mode mode = Mode.ANSWER;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new UsageException(option + " needs a value");
            }
            i++;
            switch (option) {
                case "--port" -> port = integer(option, value, 0, 65535);
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--store" -> store = Path.of(value);
                case "--report-url" -> reportUrl = url(value);
                case "--report-delay-ms" -> reportDelay = integer(option, value, 0, 3_600_000);
                case "--report-status" -> {
                    reportStatus = MmStatus.fromWire(value);
                    if (reportStatus == null) {
                        throw new UsageException("--report-status: not an MM7 delivery status: " + value);
                    }
                }
                case "--report-user" -> reportUser = value;
                case "--report-password" -> reportPassword = value;
                case "--fault" -> {
                    fault = integer(option, value, 2000, 4999);
                    faultGiven = true;
                }
                case "--fail-rate" -> failRate = rate(value);
                case "--seed" -> seed = integer(option, value, 0, Integer.MAX_VALUE);
                case "--mode" -> mode = mode(value);
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if ((reportUser == null) != (reportPassword == null)) {
            throw new UsageException("--report-user and --report-password go together");
        }
        double rate = failRate != null ? failRate : (faultGiven ? 1.0 : 0.0);
        return new SimulatorOptions(port, user, password, store, reportUrl, reportDelay, reportStatus, reportUser,
                reportPassword, fault, rate, seed, mode);
    }

    private static int integer(String option, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new UsageException(option + " must be " + min + " to " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, got " + value);
        }
    }

    private static double rate(String value) throws UsageException {
        try {
            double r = Double.parseDouble(value);
            if (!(r >= 0 && r <= 1)) {
                throw new UsageException("--fail-rate must be 0 to 1, got " + value);
            }
            return r;
        } catch (NumberFormatException e) {
            throw new UsageException("--fail-rate needs a number from 0 to 1, got " + value);
        }
    }

    private static URI url(String value) throws UsageException {
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new UsageException("--report-url must be an http or https URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--report-url is not a URL: " + value);
        }
    }

    private static Mode mode(String value) throws UsageException {
        try {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode must be answer, garbage, drop or silent, got " + value);
        }
    }

    @Override
    public String toString() {
        return "port " + port + ", user " + user + ", store " + store + ", reports "
                + (reportUrl == null ? "off" : reportStatus.wire() + " after " + reportDelayMillis + " ms")
                + ", fail rate " + failRate + " (status " + fault + "), mode " + mode.name().toLowerCase(Locale.ROOT);
    }
}
