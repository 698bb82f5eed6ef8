package io.tapbus.tools;

import io.tapbus.connector.common.CommandOptions;
import io.tapbus.connector.common.CommandOptions.UsageException;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsEncoder;
import io.tapbus.connector.phone.SmsPart;
import io.tapbus.connector.phone.SubmitSettings;
import io.tapbus.connector.phone.SubmitSmComposer;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * {@code tapbus sms encode}: prints the SMPP submit_sm PDUs TapBus would send for a text, whole PDUs from
 * command_length on, upper-case hex, one a line. Unusable input exits 2 with the reason on standard error.
 */
public final class SmsCommand {

    static final String NAME = "tapbus sms";

    /** The sender when neither --from nor a setting gives one: a demo short code. */
    public static final String DEFAULT_SOURCE_ADDRESS = "10690000";
    /** The setting (system property) naming the sender; TAPBUS_SMS_SOURCE_ADDRESS in the environment. */
    public static final String SOURCE_ADDRESS_SETTING = "tapbus.sms.source-address";

    static final String USAGE = """
            Usage: tapbus sms encode --to MSISDN --text TEXT [--from SENDER] [--ref N] [--ref16] [--packed]
                                     [--sequence N]
            Prints the SMPP 3.4 submit_sm PDUs TapBus would send for TEXT: whole PDUs from command_length on,
            upper-case hex, one a line. GSM 7-bit (data_coding 0x00) when every character is in the GSM default
            alphabet or its extension table, else UCS-2 (0x08); longer than 160 septets / 70 UCS-2 characters, it is
            split into parts of 153 / 67 with a concatenation header (esm_class 0x40). Receipts are asked for
            (registered_delivery 0x01).

              --to MSISDN    the recipient, E.164: an optional + and 7 to 15 digits (+8613800138000)
              --text TEXT    the message
              --from SENDER  the sender: short code digits, +number or an alphanumeric name (at most 11); default
                             the setting tapbus.sms.source-address (config/application.properties, -D, or
                             TAPBUS_SMS_SOURCE_ADDRESS), else 10690000
              --ref N        concatenation reference, 0-255 (0-65535 with --ref16); default derived from --to and
                             --text, so the same input prints the same PDUs
              --ref16        16-bit reference (IEI 0x08, 152 septets / 66 UCS-2 characters a part)
              --packed       GSM 7-bit packed as on the air interface (default: one septet per octet; the SMSC packs)
              --sequence N   sequence_number of the first PDU (default 1)

            Exit status: 0 printed, 2 unusable input (reason on stderr).
            """;


    private SmsCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, configuredSource());
    }

    /** As {@link #run(String[], InputStream, PrintStream, PrintStream)} with the sender used when --from is absent. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, String defaultSource) {
        try {
            if (CommandOptions.isHelp(args)) {
                out.print(USAGE);
                return 0;
            }
            if (args.length == 0 || !args[0].equals("encode")) {
                throw new UsageException(args.length == 0 ? "missing subcommand: encode"
                        : "unknown subcommand '" + args[0] + "'; the subcommand is encode");
            }
            Map<String, String> o = CommandOptions.parse(args, 1, Set.of("to", "text", "from", "ref", "sequence"),
                    Set.of("ref16", "packed")).values();
            for (String required : List.of("to", "text")) {
                if (!o.containsKey(required)) {
                    throw new UsageException("--" + required + " is required");
                }
            }
            String text = o.get("text");
            if (text.isEmpty()) {
                throw new UsageException("--text is empty");
            }
            SmppAddress to = SmppAddress.msisdn(o.get("to"));
            SubmitSettings settings = SubmitSettings.from(o.getOrDefault("from", defaultSource))
                    .withPackedSeptets(o.containsKey("packed"));
            boolean ref16 = o.containsKey("ref16");
            int reference = o.containsKey("ref") ? CommandOptions.integer("ref", o.get("ref"), 0, ref16 ? 0xFFFF : 0xFF)
                    : defaultReference(to.address(), text, ref16);
            int sequence = o.containsKey("sequence")
                    ? CommandOptions.integer("sequence", o.get("sequence"), 1, 0x7FFFFFFF - 255) : 1;
            List<SmsPart> parts = SmsEncoder.text(text, reference, ref16);
            for (byte[] pdu : SubmitSmComposer.compose(sequence, settings, to, parts)) {
                out.println(Hex.of(pdu));
            }
            return 0;
        } catch (UsageException | PhoneCodecException e) {
            return CommandOptions.refuse(err, NAME, e.getMessage());
        }
    }

    /** The same recipient and text give the same reference; different messages rarely share one. */
    static int defaultReference(String msisdn, String text, boolean sixteenBit) {
        CRC32 crc = new CRC32();
        crc.update((msisdn + "\n" + text).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() & (sixteenBit ? 0xFFFF : 0xFF));
    }

    /** The sender setting: system property, then environment, then {@link #DEFAULT_SOURCE_ADDRESS}. */
    public static String configuredSource() {
        String value = System.getProperty(SOURCE_ADDRESS_SETTING);
        if (value == null || value.isBlank()) {
            value = System.getenv("TAPBUS_SMS_SOURCE_ADDRESS");
        }
        return value == null || value.isBlank() ? DEFAULT_SOURCE_ADDRESS : value.strip();
    }
}
