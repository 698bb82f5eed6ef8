package io.tapbus.samples.reader;

import io.tapbus.connector.reader.AccountAnswer;
import io.tapbus.connector.reader.AccountQuery;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameException;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderConstants;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.ReaderFrameCodec;
import io.tapbus.connector.reader.TapRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/**
 * One card reader on the command line: sends a tap, a heartbeat or an account query (a card's balance, points, coupons
 * and tickets, docs/reader-protocol.md §15), optionally forged or replayed, and prints each reply body as one JSON line
 * on stdout and a one-line summary on stderr (for an account query: what the reader's display shows).
 *
 * <p>Exit codes: 0 the reply was a TAP_RESPONSE / HEARTBEAT_ACK / ACCOUNT_ANSWER, 3 it was an ERROR (with --replay: the
 * last reply decides), 2 usage error, 1 no usable reply (connection failed, timeout, reply failed checks).
 */
public final class ReaderSimulator {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_ERROR_REPLY = 3;

    static final String USAGE = """
            usage: tap       --reader ID (--key HEX | --key-file PATH | --master-key HEX | --master-key-file PATH)
                             --card UID --amount MINOR [--currency CNY] [--correlation-id ID]
                             [--host 127.0.0.1] [--port 7400] [--seq N] [--timeout-ms 5000] [--forge] [--replay]
                   heartbeat --reader ID (--key HEX | --key-file PATH | --master-key HEX | --master-key-file PATH)
                             [--host 127.0.0.1] [--port 7400] [--seq N] [--timeout-ms 5000] [--forge] [--replay]
                   balance   --reader ID (key options as above) --card UID [--correlation-id ID]
                             [--host 127.0.0.1] [--port 7400] [--seq N] [--timeout-ms 5000]
              balance   the card's account as the reader shows it: balance, points, coupons, tickets
                        (an unknown card: %1$s %4$s, a blocked one: %1$s %5$s)
              --forge   flip one bit of the MAC (expect %1$s %2$s)
              --replay  send the same frame twice: the first is a real tap (it pays), the second is refused
                        (expect %1$s %3$s for the second)""".formatted(FrameType.ERROR, ErrorCode.BAD_MAC, ErrorCode.REPLAY,
                    ErrorCode.NOT_FOUND, ErrorCode.NOT_PERMITTED);

    private static final Set<String> CONNECTION_OPTIONS = Set.of("host", "port", "reader", "seq", "timeout-ms");
    private static final Set<String> TAP_OPTIONS = Set.of("card", "amount", "currency", "correlation-id");
    private static final Set<String> BALANCE_OPTIONS = Set.of("card", "correlation-id");
    private static final Set<String> FLAGS = Set.of("forge", "replay");

    private ReaderSimulator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code tap ...} or {@code heartbeat ...} and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("give a command: tap, heartbeat or balance");
            }
            return switch (args[0]) {
                case "tap" -> {
                    CommandLine line = CommandLine.parse(args, 1, options(TAP_OPTIONS), FLAGS);
                    yield exchange(line, FrameType.TAP_REQUEST, tapBody(line), out, err);
                }
                case "heartbeat" -> exchange(CommandLine.parse(args, 1, options(Set.of()), FLAGS),
                        FrameType.HEARTBEAT, new byte[0], out, err);
                case "balance" -> {
                    CommandLine line = CommandLine.parse(args, 1, options(BALANCE_OPTIONS), Set.of());
                    yield exchange(line, FrameType.ACCOUNT_QUERY, new AccountQuery(line.required("card"),
                            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), line.get("correlation-id", null)).toJson(), out, err);
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
    }

    /** Card and amount are passed through unchecked, so the server's BAD_BODY answers can be tried too. */
    private static byte[] tapBody(CommandLine line) throws UsageException {
        String card = line.required("card");
        line.required("amount");
        long amount = line.longValue("amount", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        String readerTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new TapRequest(card, amount, line.get("currency", "CNY"), readerTime, line.get("correlation-id", null)).toJson();
    }

    private static Set<String> options(Set<String> commandOptions) {
        Set<String> names = new HashSet<>(CONNECTION_OPTIONS);
        names.addAll(KeyOptions.NAMES);
        names.addAll(commandOptions);
        return names;
    }

    private static int exchange(CommandLine line, FrameType type, byte[] body, PrintStream out, PrintStream err)
            throws UsageException {
        String readerId = line.required("reader");
        if (!ReaderFrameCodec.isValidReaderId(readerId)) {
            throw new UsageException("--reader must be 1..32 characters of [A-Za-z0-9._-]");
        }
        byte[] key = KeyOptions.from(line, true).keyFor(readerId);
        String host = line.get("host", "127.0.0.1");
        int port = line.intValue("port", ReaderConstants.DEFAULT_PORT, 1, 65535);
        Duration timeout = Duration.ofMillis(line.longValue("timeout-ms", 5000, 1, 600_000));
        long fixedSequence = line.longValue("seq", 0, 1, Long.MAX_VALUE);

        try (ReaderClient client = new ReaderClient(host, port, readerId, key, timeout)) {
            long sequence = fixedSequence > 0 ? fixedSequence : client.nextSequence();
            byte[] frame = client.encode(type, sequence, body);
            if (line.flag("forge")) {
                frame[frame.length - 1] ^= 0x01;
            }
            int sends = line.flag("replay") ? 2 : 1;
            int exit = EXIT_FAILED;
            for (int i = 0; i < sends; i++) {
                byte[] reply = client.sendRaw(frame);
                try {
                    exit = print(client.verifyReply(reply, sequence), out, err);
                } catch (FrameException e) {
                    printUnverified(reply, out);
                    err.println("error: the reply failed the reader's checks: " + e.getMessage());
                    return EXIT_FAILED;
                }
            }
            return exit;
        } catch (IOException e) {
            err.println("error: no reply from " + host + ":" + port + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** Shows what the server said even when it cannot be trusted (e.g. a wrong --key): it says why. */
    private static void printUnverified(byte[] reply, PrintStream out) {
        try {
            ReaderFrame frame = ReaderFrameCodec.decode(reply);
            out.println(frame.body().length == 0 ? "{}" : frame.bodyText());
        } catch (FrameException unreadable) {
            // nothing readable to show; the error line says enough
        }
    }

    private static int print(ReaderFrame reply, PrintStream out, PrintStream err) {
        out.println(reply.body().length == 0 ? "{}" : reply.bodyText());
        String mac = reply.hasZeroMac() ? "unauthenticated: zero MAC" : "MAC verified";
        if (reply.type() == FrameType.ERROR) {
            ErrorBody error = ErrorBody.parse(reply.body());
            err.println("<- ERROR " + error.code() + ": " + error.reason() + " (seq=" + reply.sequence() + ", " + mac + ")");
            return EXIT_ERROR_REPLY;
        }
        err.println("<- " + reply.type() + " (seq=" + reply.sequence() + ", reader=" + reply.readerId() + ", " + mac + ")");
        if (reply.type() == FrameType.ACCOUNT_ANSWER) {
            err.println(display(reply));
        }
        return EXIT_OK;
    }

    /** The account as a reader's display shows it, one line. */
    static String display(ReaderFrame reply) {
        try {
            AccountAnswer a = AccountAnswer.parse(reply.body());
            StringBuilder s = new StringBuilder("display: ").append(Math.floorDiv(a.balanceMinor(), 100)).append('.')
                    .append(String.format("%02d", Math.floorMod(a.balanceMinor(), 100))).append(' ').append(a.currency());
            a.points().first().forEach(p -> s.append(" | ").append(p.name()).append(' ').append(p.points()).append(" pts"));
            s.append(" | coupons ").append(a.coupons().count()).append(" | tickets ").append(a.tickets().count());
            return s.toString();
        } catch (FrameException e) {
            return "display: unreadable answer (" + e.getMessage() + ")";
        }
    }
}
