package io.tapbus.runtime;

import io.tapbus.rules.scenario.ScenarioRunner;
import io.tapbus.runtime.decisions.ReplayCommand;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** The {@code bin/tapbus} command line: start the bus, and the engineers' tools. */
public final class TapBus {
    private static final String USAGE = """
            Usage: bin/tapbus <command> [options]

            Commands:
              run [--profile NAME]           start the bus (embedded broker, database and demo keys by default;
                                             --profile cluster loads config/application-cluster.properties)
              rules test [--dir DIR] [--decision NAME]
                                             run the analysts' rule scenarios against the rules on disk
                                             (default rules/decisions); exit 0 when all pass
              rules replay --candidate DIR --since WHEN [--until WHEN] [--decision NAME] [--bus URL]
                           [--token-file FILE]
                                             what-if: replay the decisions a running bus recorded in a period
                                             through a candidate rule folder and print what would change
                                             (credential of role analyst or admin: --token-file or TAPBUS_TOKEN;
                                             WHEN: 2026-03-14T09:00:00Z, 2026-03-14, 24h, 7d; docs/analyst-guide.md)
              tag verify [options]           verify an NTAG 424 DNA SUN message (AES or LRP; docs/tag-sun.md):
                                             --meta-key HEX --file-key HEX [--mode aes|lrp]
                                             (--picc-data HEX [--enc HEX] --cmac HEX | --uid HEX --ctr HEX --cmac HEX
                                              | --url URL) [--mac-input TEXT]; exit 0 MAC valid, 1 not, 2 bad input
              iso8583 decode HEX | encode [--packager ascii|binary|NAME]
                                             an ISO 8583:1987 message: hex -> JSON, or JSON on stdin -> hex
                                             (docs: connectors/bank/README.md); exit 2 with the reason for bad input
              emv arqc --imk HEX --pan DIGITS --psn NN --atc HEX --un HEX --data HEX
                       [--method csk|visa-cvn10|mchip] [--padding 00|80] [--arc HEX] [--csu HEX] [--arqc HEX]
                                             EMV Option A card key, session key, ARQC and ARPC as JSON; method csk
                                             (common session key, default), visa-cvn10 (no session key, P00) or
                                             mchip (R = ATC || 0000 || UN); padding 00 or 80 (default: the
                                             method's own); keys shown only as check values (connectors/card)
              ota wrap --algo 3des|aes --spi HEX --kic HEX --kid HEX --tar HEX --counter HEX
                       --kic-key HEX --kid-key HEX --data HEX
                                             an OTA secured command packet (ETSI TS 102 225 / 3GPP TS 31.115),
                                             upper-case hex from the command packet length (CPL) on
              ota por [--kic-key HEX --kid-key HEX] [--algo 3des|aes] [--spi HEX] HEX
                                             decode and verify a proof of receipt (SMS user data with its header)
                                             as JSON; exit 1 checksum does not verify, 2 bad input (connectors/ota)
              sms encode --to MSISDN --text TEXT [--from SENDER] [--ref N] [--ref16] [--packed]
                                             the SMPP submit_sm PDUs TapBus would send, upper-case hex, one a line
                                             (GSM 7-bit or UCS-2, concatenated when long; sender from
                                             tapbus.sms.source-address; docs/phone-channel.md); exit 2 for bad input
              wap si < si.xml | wap sl < sl.xml
                                             the WBXML of a WAP Push Service Indication / Service Loading document,
                                             upper-case hex (connectors/phone); exit 2 for bad input
              <command> --help, -h           this text; any command given --help only prints it

            Settings: config/application.properties; any key can be overridden with -Dkey=value
            (JAVA_OPTS) or an environment variable (tapbus.reader.port -> TAPBUS_READER_PORT).
            """;

    private TapBus() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(execute(args));
    }

    static int execute(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            // every command answers --help with its usage and does nothing else (no bus started, no scenario run)
            System.out.print(USAGE);
            return 0;
        }
        Path home = Path.of(System.getProperty("tapbus.home", ".")).toAbsolutePath().normalize();
        switch (args[0]) {
            case "run" -> {
                String profile = option(args, "--profile", null);
                new TapBusApplication(home, profile, Map.of()).run();
                return 0;
            }
            case "tag", "iso8583", "emv", "ota", "sms", "wap" -> {
                // the protocol tools are not in the bus's jar: bin/tapbus runs tools/target/tapbus-tools.jar for them
                System.err.println("tapbus: " + args[0] + " is in tools/target/tapbus-tools.jar; run it as bin/tapbus "
                        + args[0]);
                return 2;
            }
            case "rules" -> {
                if (args.length >= 2 && args[1].equals("replay")) {
                    return replay(Arrays.asList(args).subList(2, args.length));
                }
                if (args.length < 2 || !args[1].equals("test")) {
                    System.err.println("usage: bin/tapbus rules test [--dir DIR] [--decision NAME]");
                    System.err.println("       bin/tapbus rules replay --candidate DIR --since WHEN [--until WHEN] [--decision NAME]");
                    return 2;
                }
                Path dir = Path.of(option(args, "--dir", home.resolve("rules/decisions").toString()));
                return ScenarioRunner.run(dir, option(args, "--decision", null), System.out);
            }
            default -> {
                System.err.println("unknown command '" + args[0] + "'\n");
                System.err.print(USAGE);
                return 2;
            }
        }
    }

    private static int replay(java.util.List<String> args) throws InterruptedException {
        Map<String, String> options;
        try {
            options = ReplayCommand.options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tapbus rules replay: " + e.getMessage());
            System.err.print(ReplayCommand.USAGE);
            return 2;
        }
        return new ReplayCommand(System.out, System.err).run(options, System.getenv());
    }

    private static String option(String[] args, String name, String fallback) {
        int i = Arrays.asList(args).indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i + 1];
    }
}
