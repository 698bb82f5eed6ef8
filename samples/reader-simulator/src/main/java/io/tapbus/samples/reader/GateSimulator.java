package io.tapbus.samples.reader;

import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderConstants;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ticket.Base45;
import io.tapbus.connector.reader.ticket.GateValidation;
import io.tapbus.connector.reader.ticket.SignedTicket;
import io.tapbus.connector.reader.ticket.TicketKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A ticket gate (docs/tickets.md). Online it sends TICKET_VALIDATE and prints the bus's answer. Offline it decides
 * on its own with the public keys it holds (signature, validity window with 120 s of clock skew, zone, the uses it
 * has let through itself) and appends what it let through to a journal file; {@code gate-sync} uploads the journal
 * with TICKET_SYNC when the gate is back online and prints the bus's verdict per validation.
 */
public final class GateSimulator {
    static final String USAGE = """
            usage: gate      --reader ID (--key HEX | --key-file PATH | --master-key HEX | --master-key-file PATH)
                             --ticket PAYLOAD|B45:TEXT --line NAME --zone Z [--validation-id ID]
                             [--offline --journal FILE [--gate-keys PATH]] [--host 127.0.0.1] [--port 7400] [--timeout-ms 5000]
                   gate-sync --reader ID (key options as above) --journal FILE [--host ...] [--port ...]
              gate       online: TICKET_VALIDATE, prints the answer (outcome, reasons, uses left); exit 0 when the gate opens,
                         4 when it stays shut. --offline: no connection; the gate checks the signature with --gate-keys
                         (default TAPBUS_HOME/config/demo-keys/ticket-gate-keys.txt), the window and the zone, and appends what it lets
                         through to --journal
              gate-sync  TICKET_SYNC of the journal (20 a frame), prints each result; the journal is kept, so a repeated
                         upload shows the bus answering the first outcomes again""";

    static final int EXIT_SHUT = 4;
    private static final Set<String> OPTIONS = Set.of("reader", "host", "port", "timeout-ms", "ticket", "line", "zone",
            "validation-id", "journal", "gate-keys", "key", "key-file", "master-key", "master-key-file");

    private GateSimulator() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine line = CommandLine.parse(args, 1, OPTIONS, Set.of("offline"));
            return "gate-sync".equals(args[0]) ? sync(line, out, err) : gate(line, out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ReaderSimulator.EXIT_USAGE;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return ReaderSimulator.EXIT_FAILED;
        }
    }

    private static int gate(CommandLine line, PrintStream out, PrintStream err) throws UsageException, IOException {
        String text = line.required("ticket");
        byte[] bytes;
        try {
            bytes = text.startsWith("B45:") ? Base45.decode(text.substring(4)) : Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ticket must be the ticket's base64url bytes or its B45: text");
        }
        GateValidation v = new GateValidation(line.get("validation-id", "G-" + UUID.randomUUID()), bytes, line.required("line"),
                line.required("zone"), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        if (!line.flag("offline")) {
            ReaderFrame reply = exchange(line, FrameType.TICKET_VALIDATE, v.validateBody(), err);
            out.println(reply.bodyText());
            return reply.type() == FrameType.TICKET_RESULT && reply.bodyText().contains("\"outcome\":\"OPEN\"") ? ReaderSimulator.EXIT_OK
                    : reply.type() == FrameType.ERROR ? ReaderSimulator.EXIT_ERROR_REPLY : EXIT_SHUT;
        }
        Path journal = Path.of(line.required("journal"));
        TicketKeys keys = TicketKeys.gate(line.has("gate-keys") ? Path.of(line.get("gate-keys", null))
                : Path.of(System.getProperty("tapbus.home", ".")).resolve("config/demo-keys/ticket-gate-keys.txt"));
        List<String> reasons = new ArrayList<>();
        SignedTicket t;
        try {
            t = SignedTicket.decode(bytes);
        } catch (IllegalArgumentException e) {
            out.println("{\"outcome\":\"REFUSED\",\"offline\":true,\"reasons\":[\"NOT_A_TICKET\"]}");
            return EXIT_SHUT;
        }
        TicketKeys.Check check = keys.check(t);
        if (check != TicketKeys.Check.VALID) {
            reasons.add(check.name());
        }
        long now = v.at().getEpochSecond();
        if (now + 120 < t.validFrom() || now - 120 > t.validUntil()) {
            reasons.add(now < t.validFrom() ? "NOT_YET_VALID" : "EXPIRED");
        }
        if (!List.of(t.zones().split(",")).contains(v.zone()) && !t.zones().contains("*")) {
            reasons.add("WRONG_ZONE");
        }
        long usedHere = journal(journal).stream().filter(j -> ticketId(j).equals(t.ticketId())).count();
        if (t.uses() > 0 && usedHere >= t.uses()) {
            reasons.add("ALREADY_USED");
        }
        if (reasons.isEmpty()) {
            Files.writeString(journal, new String(v.validateBody(), StandardCharsets.UTF_8) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        out.println("{\"validationId\":\"" + v.validationId() + "\",\"outcome\":\"" + (reasons.isEmpty() ? "OPEN" : "REFUSED")
                + "\",\"ticketId\":\"" + t.ticketId() + "\",\"offline\":true,\"reasons\":" + quoted(reasons) + "}");
        return reasons.isEmpty() ? ReaderSimulator.EXIT_OK : EXIT_SHUT;
    }

    private static int sync(CommandLine line, PrintStream out, PrintStream err) throws UsageException, IOException {
        List<GateValidation> all = journal(Path.of(line.required("journal")));
        if (all.isEmpty()) {
            err.println("gate-sync: the journal is empty, nothing to upload");
            return ReaderSimulator.EXIT_OK;
        }
        for (int from = 0; from < all.size(); from += GateValidation.MAX_SYNC) {
            List<GateValidation> part = all.subList(from, Math.min(all.size(), from + GateValidation.MAX_SYNC));
            ReaderFrame reply = exchange(line, FrameType.TICKET_SYNC, GateValidation.syncBody(part), err);
            out.println(reply.bodyText());
            if (reply.type() != FrameType.TICKET_SYNC_ACK) {
                return ReaderSimulator.EXIT_ERROR_REPLY;
            }
        }
        return ReaderSimulator.EXIT_OK;
    }

    private static ReaderFrame exchange(CommandLine line, FrameType type, byte[] body, PrintStream err) throws UsageException, IOException {
        String readerId = line.required("reader");
        byte[] key = KeyOptions.from(line, true).keyFor(readerId);
        String host = line.get("host", "127.0.0.1");
        int port = line.intValue("port", ReaderConstants.DEFAULT_PORT, 1, 65535);
        try (ReaderClient client = new ReaderClient(host, port, readerId, key,
                Duration.ofMillis(line.longValue("timeout-ms", 5000, 1, 600_000)))) {
            ReaderFrame reply = client.send(type, client.nextSequence(), body);
            err.println("<- " + reply.type() + " (seq=" + reply.sequence() + ", reader=" + reply.readerId() + ", MAC verified)");
            return reply;
        } catch (FrameException e) {
            throw new IOException("the reply failed the gate's checks: " + e.getMessage());
        }
    }

    private static List<GateValidation> journal(Path file) throws IOException {
        List<GateValidation> list = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    list.add(GateValidation.parseValidate(l.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return list;
    }

    private static String ticketId(GateValidation v) {
        try {
            return SignedTicket.decode(v.ticket()).ticketId();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String quoted(List<String> items) {
        return items.stream().map(s -> "\"" + s + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }
}
