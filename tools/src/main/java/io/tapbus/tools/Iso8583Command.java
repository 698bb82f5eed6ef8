package io.tapbus.tools;

import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Exception;
import io.tapbus.connector.bank.Iso8583Json;
import io.tapbus.connector.bank.Iso8583Packager;
import io.tapbus.connector.common.CommandOptions;
import io.tapbus.connector.common.CommandOptions.UsageException;
import io.tapbus.connector.common.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code tapbus iso8583 decode|encode}: turns one ISO 8583 message from hex into its JSON form and back. Exit 0 when
 * done, 2 when the input cannot be used (the reason on standard error, never a stack trace).
 */
public final class Iso8583Command {

    static final String NAME = "tapbus iso8583";

    static final String USAGE = """
            Usage: tapbus iso8583 decode HEX [--packager LAYOUT]
                   tapbus iso8583 encode [--packager LAYOUT]   < message.json
            decode  prints the message as {"mti":"0200","fields":{"3":"000000",...}} (b fields as hex)
            encode  reads that JSON on standard input and prints the message as upper-case hex
            HEX is the message without the TCP length header (and without a TPDU); spaces in it are ignored.
            --packager  the layout, ISO 8583:1987 with all 128 fields:
                        ascii   (the default; the same as iso87a, jPOS's ISO87APackager): ASCII MTI and
                                numbers, hex bitmap
                        binary  (the same as iso87b, jPOS's ISO87BPackager): BCD MTI and numbers, binary
                                bitmap, BCD length prefixes
                        NAME    a bank's own variant, config/iso8583/NAME.json (it extends one of them)
                        PATH    a variant file by path (with a / or ending in .json)
            Exit status: 0 done, 2 unusable input (reason on stderr).
            """;

    private Iso8583Command() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (CommandOptions.isHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        try {
            CommandOptions options = CommandOptions.parse(args, 0, Set.of("packager"), Set.of(), args.length);
            List<String> operands = options.operands();
            String packager = options.has("packager") ? options.get("packager") : Iso8583Packager.DEFAULT;
            Iso8583Codec codec = Iso8583Codec.named(packager);
            String command = operands.isEmpty() ? "" : operands.get(0);
            switch (command) {
                case "decode" -> {
                    if (operands.size() != 2) {
                        throw new IllegalArgumentException("decode takes one HEX message");
                    }
                    out.println(Iso8583Json.write(codec.decode(Hex.parse(operands.get(1)))));
                }
                case "encode" -> {
                    if (operands.size() != 1) {
                        throw new IllegalArgumentException("encode takes no operand; the JSON comes on stdin");
                    }
                    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    out.println(Hex.of(codec.encode(Iso8583Json.read(json))));
                }
                default -> throw new IllegalArgumentException(command.isEmpty() ? "say decode or encode"
                        : "unknown command '" + command + "'; say decode or encode");
            }
            return 0;
        } catch (Iso8583Exception e) {
            err.println(NAME + ": " + e.problem() + ": " + e.getMessage());
            return 2;
        } catch (UsageException | IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("(" + NAME + " --help shows the usage)");
            return 2;
        } catch (IOException e) {
            err.println(NAME + ": cannot read standard input: " + e.getMessage());
            return 2;
        }
    }
}
