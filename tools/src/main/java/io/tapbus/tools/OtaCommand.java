package io.tapbus.tools;

import io.tapbus.connector.common.CommandOptions;
import io.tapbus.connector.common.CommandOptions.UsageException;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.ota.CommandPacket;
import io.tapbus.connector.ota.OtaAlgorithm;
import io.tapbus.connector.ota.OtaException;
import io.tapbus.connector.ota.OtaKeys;
import io.tapbus.connector.ota.ResponsePacket;
import io.tapbus.connector.ota.Spi;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tapbus ota wrap} secures a command packet and prints it; {@code tapbus ota por} decodes and verifies a proof
 * of receipt and prints it as JSON. Exit 0 done, 1 a PoR whose checksum does not verify, 2 unusable input (the reason
 * on standard error). Keys are never printed.
 */
public final class OtaCommand {

    static final String NAME = "tapbus ota";

    static final String USAGE = """
            Usage: tapbus ota wrap --algo 3des|aes --spi HEX --kic HEX --kid HEX --tar HEX --counter HEX
                                   --kic-key HEX --kid-key HEX --data HEX
                   tapbus ota por [--kic-key HEX] [--kid-key HEX] [--algo 3des|aes] [--spi HEX] HEX|-
            OTA secured packets for the universal card: ETSI TS 102 225, SMS-PP as in 3GPP TS 31.115.

            wrap prints the secured command packet from the command packet length (CPL) on, upper-case hex:
              --algo 3des|aes  cipher of both keys: triple DES (CBC, CBC-MAC) or AES (CBC, CMAC)
              --spi HEX        security parameter indicator, 2 octets; e.g. 0621 = no counter check, ciphered,
                               cryptographic checksum; PoR required, with checksum, not ciphered
              --kic HEX        KIc octet: key index in b8-b5, algorithm in b4-b1 (5 = 3DES 2 keys,
                               9 = 3DES 3 keys, 2 = AES CBC, 0 = implicit: --algo and the key length)
              --kid HEX        KID octet, coded the same way (2 = AES CMAC)
              --tar HEX        toolkit application reference, 3 octets
              --counter HEX    CNTR, 5 octets (10 hex digits)
              --kic-key HEX    ciphering key: 3DES 16 or 24 octets, AES 16, 24 or 32 (needed when the SPI ciphers)
              --kid-key HEX    checksum key, same lengths (needed when the SPI asks for a checksum)
              --data HEX       the secured data: the commands for the application
            The checksum is 8 octets; padding is zeros up to the cipher block.

            por decodes a proof of receipt given as the SMS user data with its header (UDHL, IEI 71 00, RPL, ...),
            in hex or - for standard input, verifies its checksum and prints
              {"status": "por_ok", "numberOfCommands": 1, "lastStatusWord": "6132", "lastResponseData": ""}
            (status in pySim's names: por_ok, rc_cc_ds_failed, cntr_low, cntr_high, cntr_blocked, ciphering_error,
            undefined_security_error, insufficient_memory, more_time_needed, tar_unknown,
            insufficient_security_level; the other fields are null when the PoR carries no response data).
              --algo 3des|aes  default 3des
              --spi HEX        the SPI of the command it answers, which says whether the PoR is ciphered and
                               checksummed; without it a PoR with a checksum is tried in clear, then deciphered
            Without keys only a PoR without a checksum decodes.

            Exit status: 0 done, 1 the PoR's checksum does not verify, 2 unusable input (reason on stderr).
            """;

    private static final Set<String> WRAP_OPTIONS = Set.of("algo", "spi", "kic", "kid", "tar", "counter", "kic-key",
            "kid-key", "data");
    private static final Set<String> POR_OPTIONS = Set.of("algo", "spi", "kic-key", "kid-key");

    private OtaCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (CommandOptions.isHelp(args)) {
                out.print(USAGE);
                return 0;
            }
            if (args.length == 0) {
                throw OtaException.malformed("missing subcommand: wrap or por");
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return switch (args[0]) {
                case "wrap" -> wrap(parse(rest, WRAP_OPTIONS, false), out);
                case "por" -> por(parse(rest, POR_OPTIONS, true), in, out, err);
                default -> throw OtaException.malformed("unknown subcommand '" + args[0] + "'; it is wrap or por");
            };
        } catch (OtaException | UsageException e) {
            return CommandOptions.refuse(err, NAME, e.getMessage());
        } catch (RuntimeException e) {
            err.println(NAME + ": cannot process the input: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 2;
        }
    }

    private static int wrap(Options o, PrintStream out) throws OtaException {
        OtaAlgorithm algorithm = OtaAlgorithm.parse(o.required("algo"));
        Spi spi = Spi.of(o.bytes("spi", 2));
        int kic = o.bytes("kic", 1)[0] & 0xFF;
        int kid = o.bytes("kid", 1)[0] & 0xFF;
        byte[] tar = o.bytes("tar", 3);
        long counter = CommandPacket.counter(o.bytes("counter", 5), 0);
        byte[] data = o.bytes("data", -1);
        byte[] kicKey = o.optionalBytes("kic-key");
        byte[] kidKey = o.optionalBytes("kid-key");
        if (spi.ciphered() && kicKey == null) {
            throw OtaException.malformed("--kic-key is required: SPI " + spi + " ciphers the packet");
        }
        if (spi.integrity() == Spi.Integrity.CRYPTOGRAPHIC_CHECKSUM && kidKey == null) {
            throw OtaException.malformed("--kid-key is required: SPI " + spi + " asks for a cryptographic checksum");
        }
        OtaKeys keys = OtaKeys.of(algorithm, kicKey, kidKey);
        out.println(Hex.of(new CommandPacket(spi, kic, kid, tar, counter, data).encode(keys)));
        return 0;
    }

    private static int por(Options o, InputStream in, PrintStream out, PrintStream err) throws OtaException {
        byte[] userData = o.positional(in);
        boolean algorithmGiven = o.values.containsKey("algo");
        OtaAlgorithm algorithm = algorithmGiven ? OtaAlgorithm.parse(o.values.get("algo")) : OtaAlgorithm.TRIPLE_DES;
        byte[] kicKey = o.optionalBytes("kic-key");
        byte[] kidKey = o.optionalBytes("kid-key");
        OtaKeys keys = kicKey == null && kidKey == null ? null : OtaKeys.of(algorithm, kicKey, kidKey);
        Optional<Spi> spi = o.values.containsKey("spi") ? Optional.of(Spi.of(o.bytes("spi", 2))) : Optional.empty();
        ResponsePacket por;
        try {
            por = spi.isPresent() ? ResponsePacket.decode(userData, keys, spi.get().porCiphered())
                    : ResponsePacket.decode(userData, keys);
            if (spi.isPresent() && spi.get().porIntegrity() == Spi.Integrity.CRYPTOGRAPHIC_CHECKSUM
                    && por.checksumLength() == 0) {
                throw new OtaException(OtaException.Kind.CHECKSUM_FAILED, "rc_cc_ds_failed: SPI " + spi.get()
                        + " asks for a checksummed proof of receipt and this one has none");
            }
        } catch (OtaException e) {
            if (e.kind() != OtaException.Kind.CHECKSUM_FAILED) {
                throw e;
            }
            err.println(NAME + ": " + e.getMessage() + (algorithmGiven ? ""
                    : " (checked with 3des; give --algo aes for AES keys)"));
            return 1;
        }
        out.println(por.json());
        return 0;
    }

    private static Options parse(String[] args, Set<String> known, boolean onePositional)
            throws OtaException, UsageException {
        CommandOptions options = CommandOptions.parse(args, 0, known, Set.of(), onePositional ? args.length : 0);
        List<String> positional = options.operands();
        if (onePositional && positional.size() != 1) {
            throw OtaException.malformed(positional.isEmpty() ? "the proof of receipt (hex, or - for standard input)"
                    + " is missing" : "one proof of receipt at a time, got " + positional.size());
        }
        return new Options(options.values(), positional);
    }

    private record Options(Map<String, String> values, List<String> positional) {

        String required(String name) throws OtaException {
            String value = values.get(name);
            if (value == null) {
                throw OtaException.malformed("--" + name + " is required");
            }
            return value;
        }

        /** Hex of exactly {@code length} octets ({@code -1}: any length). */
        byte[] bytes(String name, int length) throws OtaException {
            byte[] bytes = hex("--" + name, required(name));
            if (length >= 0 && bytes.length != length) {
                throw OtaException.malformed("--" + name + " must be " + length + (length == 1 ? " octet" : " octets")
                        + " (" + 2 * length + " hex digits), got " + bytes.length);
            }
            return bytes;
        }

        byte[] optionalBytes(String name) throws OtaException {
            return values.containsKey(name) ? bytes(name, -1) : null;
        }

        byte[] positional(InputStream in) throws OtaException {
            String text = positional.get(0);
            if (text.equals("-")) {
                try {
                    text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
                } catch (IOException e) {
                    throw OtaException.malformed("cannot read the proof of receipt from standard input: "
                            + e.getMessage());
                }
            }
            return hex("the proof of receipt", text);
        }

        private static byte[] hex(String what, String text) throws OtaException {
            try {
                return Hex.parse(text.strip());
            } catch (IllegalArgumentException e) {
                throw OtaException.malformed(what + " is not hex: " + e.getMessage());
            }
        }
    }
}
