package io.tapbus.tools;

import io.tapbus.connector.common.CommandOptions;
import io.tapbus.connector.common.CommandOptions.UsageException;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.connector.phone.PushDocument;
import io.tapbus.connector.phone.PushDocumentType;
import io.tapbus.connector.phone.WbxmlEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Set;

/**
 * {@code tapbus wap si|sl}: reads a Service Indication or Service Loading document (XML) on standard input and
 * prints its WBXML in upper-case hex. Unusable input exits 2 with the reason on standard error.
 */
public final class WapCommand {

    static final String NAME = "tapbus wap";

    static final String USAGE = """
            Usage: tapbus wap si < si.xml
                   tapbus wap sl < sl.xml
            Reads a WAP Push Service Indication (WAP-167) or Service Loading (WAP-168) document on standard input
            and prints its WBXML (WBXML 1.2, UTF-8, the SI or SL token tables) in upper-case hex on one line.
            The DOCTYPE is optional and never fetched. SI dates (created, si-expires) must be YYYY-MM-DDThh:mm:ssZ.

            Exit status: 0 printed, 2 unusable input (reason on stderr).
            """;

    /** Largest document read: a WAP push that needs more would not fit any phone's reassembly anyway. */
    public static final int MAX_DOCUMENT = 64 * 1024;

    private WapCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (CommandOptions.isHelp(args)) {
                out.print(USAGE);
                return 0;
            }
            if (args.length == 0) {
                throw new UsageException("missing subcommand: si or sl");
            }
            PushDocumentType type = switch (args[0]) {
                case "si" -> PushDocumentType.SI;
                case "sl" -> PushDocumentType.SL;
                default -> throw new UsageException("unknown subcommand '" + args[0] + "'; the subcommands are si, sl");
            };
            CommandOptions.parse(args, 1, Set.of(), Set.of());
            byte[] xml = in.readNBytes(MAX_DOCUMENT + 1);
            if (xml.length > MAX_DOCUMENT) {
                throw new UsageException("the document is larger than " + MAX_DOCUMENT + " octets");
            }
            if (new String(xml, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                throw new UsageException("no document on standard input (tapbus wap " + args[0] + " < file.xml)");
            }
            PushDocument document = WbxmlEncoder.parse(xml);
            if (document.type() != type) {
                throw new UsageException("standard input holds " + (document.type() == PushDocumentType.SI
                        ? "a Service Indication (<si>)" : "a Service Loading document (<sl>)") + "; use tapbus wap "
                        + document.type().rootElement());
            }
            out.println(Hex.of(WbxmlEncoder.encode(document)));
            return 0;
        } catch (UsageException | PhoneCodecException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("(" + NAME + " --help shows the usage)");
            return 2;
        } catch (IOException e) {
            err.println(NAME + ": cannot read standard input: " + e.getMessage());
            return 2;
        }
    }
}
