package io.tapbus.samples.reader;

import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.MemberCardRecord;
import io.tapbus.connector.reader.MembershipAddRequest;
import io.tapbus.connector.reader.MembershipAddResult;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderConstants;
import io.tapbus.connector.reader.ReaderFrame;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * A retailer's reader adding an old loyalty card to the universal card by tap (docs/reader-protocol.md §15,
 * docs/membership.md): the universal card's UID and the old card's record (made here from the options, as the retailer's
 * card would carry it) go in a MEMBERSHIP_ADD; the answer (verdict, reasons, status, points) is printed as one JSON line.
 *
 * <p>Exit codes: 0 merged (APPROVED), 4 declined or referred (nothing changed), 3 an ERROR reply, 2 usage error, 1 no
 * usable reply.
 */
public final class MemberAddSimulator {
    static final String USAGE = """
            usage: member-add --reader ID (--key HEX | --key-file PATH | --master-key HEX | --master-key-file PATH)
                              --card UID --programme P --member-number N [--tier T] [--member-since YYYY-MM-DD]
                              [--points N] [--holder-name NAME] [--no-consent] [--request-id ID]
                              [--host 127.0.0.1] [--port 7400] [--timeout-ms 5000]
              member-add  MEMBERSHIP_ADD: the old card (programme, member number, tier, points, holder name) is merged onto
                          the universal card --card as the membership-merge rules decide; exit 0 when merged, 4 when
                          declined or referred. --no-consent: the holder did not confirm on the reader's screen""";

    static final int EXIT_NOT_MERGED = 4;
    private static final Set<String> OPTIONS = Set.of("reader", "host", "port", "timeout-ms", "card", "programme", "member-number",
            "tier", "member-since", "points", "holder-name", "request-id", "key", "key-file", "master-key", "master-key-file");

    private MemberAddSimulator() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine line = CommandLine.parse(args, 1, OPTIONS, Set.of("no-consent"));
            return add(line, out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return ReaderSimulator.EXIT_USAGE;
        }
    }

    private static int add(CommandLine line, PrintStream out, PrintStream err) throws UsageException {
        MemberCardRecord oldCard;
        try {
            oldCard = new MemberCardRecord(line.required("programme"), line.required("member-number"), line.get("tier", null),
                    line.get("member-since", null), line.has("points") ? line.longValue("points", 0, 0, 0xFFFF_FFFFL) : null,
                    line.get("holder-name", null));
        } catch (IllegalArgumentException e) {
            throw new UsageException("the old card: " + e.getMessage());
        }
        MembershipAddRequest request = new MembershipAddRequest(line.get("request-id", "MA-" + UUID.randomUUID().toString().substring(0, 8)),
                line.required("card"), HexFormat.of().withUpperCase().formatHex(oldCard.encode()), !line.flag("no-consent"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String readerId = line.required("reader");
        byte[] key = KeyOptions.from(line, true).keyFor(readerId);
        String host = line.get("host", "127.0.0.1");
        int port = line.intValue("port", ReaderConstants.DEFAULT_PORT, 1, 65535);
        try (ReaderClient client = new ReaderClient(host, port, readerId, key, Duration.ofMillis(line.longValue("timeout-ms", 5000, 1, 600_000)))) {
            ReaderFrame reply = client.membershipAdd(request);
            out.println(reply.bodyText());
            if (reply.type() == FrameType.ERROR) {
                ErrorBody error = ErrorBody.parse(reply.body());
                err.println("<- ERROR " + error.code() + ": " + error.reason());
                return ReaderSimulator.EXIT_ERROR_REPLY;
            }
            MembershipAddResult result = MembershipAddResult.parse(reply.body());
            err.println("<- " + reply.type() + " " + result.verdict() + " (seq=" + reply.sequence() + ", MAC verified)");
            return "APPROVED".equals(result.verdict()) ? ReaderSimulator.EXIT_OK : EXIT_NOT_MERGED;
        } catch (FrameException e) {
            err.println("error: the reply failed the reader's checks: " + e.getMessage());
            return ReaderSimulator.EXIT_FAILED;
        } catch (IOException e) {
            err.println("error: no reply from " + host + ":" + port + ": " + e.getMessage());
            return ReaderSimulator.EXIT_FAILED;
        }
    }
}
