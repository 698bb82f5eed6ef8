package io.tapbus.samples.mmsc;

import io.tapbus.connector.phone.mm7.Mm7Account;
import io.tapbus.connector.phone.mm7.Mm7Client;
import io.tapbus.connector.phone.mm7.Mm7Exception;
import io.tapbus.connector.phone.mm7.SubmitResult;
import io.tapbus.connector.phone.mm7.TicketMms;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code tapbus mmsc-sim send}: sends one e-ticket MMS (QR code, text, SMIL) with TapBus's MM7 client, to the
 * simulator or to any MMSC, and prints the message id. Exit 0 accepted, 1 refused or failed, 2 unusable arguments.
 */
final class SendTicket {

    static final String USAGE = """
            Usage: tapbus mmsc-sim send --to MSISDN --qr PAYLOAD [options]
            Sends one e-ticket MMS over MM7 with TapBus's client and prints the MMSC's message id.
              --to MSISDN              recipient, E.164 (+8613800138000)
              --qr PAYLOAD             what the QR code holds (the ticket or coupon code)
              --text TEXT              the text under the image (default: the payload)
              --subject TEXT           the subject (default "Your ticket")
              --url URL                the MMSC (default http://127.0.0.1:7710/mm7)
              --user NAME              Basic user (default tapbus)
              --password TEXT          its password (default demo-mm7-secret, the simulator's demo value)
              --vasp-id ID, --vas-id ID, --service-code CODE   sender identification (default TAPBUS, tickets, none)
            Exit 0: accepted; 1: refused or failed (the MM7 status or the problem on stderr); 2: unusable arguments.
            """;

    private SendTicket() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> o = new HashMap<>(Map.of("--url", "http://127.0.0.1:7710/mm7", "--user", "tapbus",
                "--password", SimulatorOptions.DEMO_PASSWORD, "--subject", "Your ticket", "--vasp-id", "TAPBUS",
                "--vas-id", "tickets"));
        for (int i = 1; i < args.length; i += 2) {
            if (!USAGE.contains(args[i] + " ") || i + 1 >= args.length) {
                err.println("tapbus mmsc-sim send: " + (i + 1 >= args.length ? args[i] + " needs a value"
                        : "unknown option " + args[i]));
                return 2;
            }
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--to") || !o.containsKey("--qr")) {
            err.println("tapbus mmsc-sim send: --to and --qr are required (tapbus mmsc-sim send --help)");
            return 2;
        }
        Mm7Client client;
        try {
            client = new Mm7Client(new Mm7Account(URI.create(o.get("--url")), o.get("--user"), o.get("--password"),
                    o.get("--vasp-id"), o.get("--vas-id"), o.get("--service-code"), null, Duration.ofSeconds(5),
                    Duration.ofSeconds(30)));
        } catch (IllegalArgumentException e) {
            err.println("tapbus mmsc-sim send: " + e.getMessage());
            return 2;
        }
        try {
            SubmitResult result = client.submit(TicketMms.submit("tb-" + UUID.randomUUID(), o.get("--to"),
                    o.get("--subject"), o.getOrDefault("--text", o.get("--qr")), o.get("--qr")));
            out.println(result.messageId());
            return 0;
        } catch (Mm7Exception e) {
            err.println("tapbus mmsc-sim send: " + e.problem() + ": " + e.getMessage());
            return e.problem() == Mm7Exception.Problem.BAD_REQUEST ? 2 : 1;
        } catch (IllegalArgumentException e) {
            err.println("tapbus mmsc-sim send: " + e.getMessage());
            return 2;
        }
    }
}
