package io.tapbus.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The protocol commands of {@code bin/tapbus}, in their own jar apart from the bus: {@code tag verify},
 * {@code iso8583}, {@code emv}, {@code ota}, {@code sms} and {@code wap}. bin/tapbus runs this jar for them; the bus's
 * jar ({@code runtime}) does not carry them. A command given {@code --help} or {@code -h} prints its own usage.
 */
public final class Tools {

    static final String USAGE = """
            Usage: bin/tapbus tag verify|iso8583|emv|ota|sms|wap [options]
            The protocol tools: tag verify (NTAG 424 DNA SUN), iso8583 decode|encode, emv arqc, ota wrap|por,
            sms encode, wap si|sl. bin/tapbus --help describes each; bin/tapbus <command> --help too.
            """;

    private Tools() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        boolean help = Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
        if (args[0].equals("tag")) {
            if (!help && (args.length < 2 || !args[1].equals("verify"))) {
                System.err.println("usage: bin/tapbus tag verify --meta-key HEX --file-key HEX ... (bin/tapbus --help)");
                return 2;
            }
            return TagVerifyCommand.run(help ? helpOnly() : Arrays.copyOfRange(args, 2, args.length), System.out,
                    System.err);
        }
        String[] rest = help ? helpOnly() : Arrays.copyOfRange(args, 1, args.length);
        Path home = Path.of(System.getProperty("tapbus.home", ".")).toAbsolutePath().normalize();
        return switch (args[0]) {
            case "iso8583" -> Iso8583Command.run(rest, System.in, System.out, System.err);
            case "emv" -> EmvCommand.run(rest, System.in, System.out, System.err);
            case "ota" -> OtaCommand.run(rest, System.in, System.out, System.err);
            case "sms" -> SmsCommand.run(rest, System.in, System.out, System.err, smsSourceAddress(home));
            case "wap" -> WapCommand.run(rest, System.in, System.out, System.err);
            default -> {
                System.err.println("unknown command '" + args[0] + "'; the tools are "
                        + String.join(", ", List.of("tag verify", "iso8583", "emv", "ota", "sms", "wap")) + "\n");
                System.err.print(USAGE);
                yield 2;
            }
        };
    }

    private static String[] helpOnly() {
        return new String[] {"--help"};
    }

    /**
     * The sender of {@code sms encode}: -Dtapbus.sms.source-address, then TAPBUS_SMS_SOURCE_ADDRESS, then the value in
     * config/application.properties, then the connector's demo short code.
     */
    static String smsSourceAddress(Path home) {
        String key = SmsCommand.SOURCE_ADDRESS_SETTING;
        String fromSystem = System.getProperty(key);
        if (fromSystem == null || fromSystem.isBlank()) {
            fromSystem = System.getenv("TAPBUS_SMS_SOURCE_ADDRESS");
        }
        if (fromSystem != null && !fromSystem.isBlank()) {
            return fromSystem.strip();
        }
        Path config = home.resolve("config/application.properties");
        if (Files.isRegularFile(config)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                properties.load(in);
            } catch (IOException e) {
                return SmsCommand.DEFAULT_SOURCE_ADDRESS;
            }
            String value = properties.getProperty(key, "").strip();
            if (!value.isEmpty() && !value.contains("{{")) {
                return value;
            }
        }
        return SmsCommand.DEFAULT_SOURCE_ADDRESS;
    }
}
