package io.tapbus.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.CryptogramProfile;
import io.tapbus.connector.card.EmvKeyDerivation;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.card.TripleDes;
import io.tapbus.connector.common.CommandOptions;
import io.tapbus.connector.common.CommandOptions.UsageException;
import io.tapbus.connector.common.Hex;
import io.tapbus.connector.common.Masking;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code tapbus emv arqc}: computes, from an issuer master key, what the card and the issuer compute for one
 * transaction by a cryptogram method and padding (ICC master key and session key check values, ARQC, ARPC method 1,
 * and method 2 for csk), prints one JSON object and
 * exits 0; with {@code --arqc} it also checks a card's cryptogram and exits 1 when it does not match. Unusable input
 * exits 2 with the reason on standard error. Keys are never printed, only their check values.
 */
public final class EmvCommand {

    static final String NAME = "tapbus emv";

    static final String USAGE = """
            Usage: tapbus emv arqc --imk HEX|- --pan DIGITS --psn NN --atc HEX --un HEX --data HEX
                                   [--method csk|visa-cvn10|mchip] [--padding 00|80]
                                   [--arc HEX] [--csu HEX] [--prop HEX] [--arqc HEX]
            Computes an EMV ARQC and the issuer's ARPCs: ICC master key by Option A, then the cryptogram key of the
            method, ARQC = ISO 9797-1 MAC algorithm 3 with the padding (EMV 4.3 Book 2 A1.2-A1.4).

              --imk HEX    issuer master key for AC, 32 hex digits; - reads it from standard input
              --pan DIGITS PAN, 12 to 19 digits          --psn NN   PAN sequence number, 2 digits
              --atc HEX    application transaction counter, 4 hex digits
              --un HEX     unpredictable number (9F37), 8 hex digits
              --data HEX   the cryptogram input as the card MACs it: 9F02 9F03 9F1A 95 5F2A 9A 9C 9F37 82 9F36, then
                           the IAD (9F10) or CVR; --un and --atc must equal the bytes at 9F37 (25-28) and 9F36 (31-32)
              --method M   csk         EMV common session key, R = ATC || 00.. (Visa CVN 18, M/Chip CVN 20); default
                           visa-cvn10  Visa CVN 10: no session key, the ICC master key (UDK) MACs; ARPC method 1
                           mchip       M/Chip session key, R = ATC || 00 00 || UN (CVN 16); ARPC method 1 under the
                                       ICC master key
              --padding P  00 (ISO 9797-1 method 1, zeros) or 80 (method 2, 80 then zeros); default: the method's
                           own, 80 for csk and mchip, 00 for visa-cvn10
              --arc HEX    authorisation response code for ARPC method 1, 4 hex digits (default 0000)
              --csu HEX    card status update for ARPC method 2, 8 hex digits (default 00000000; csk only)
              --prop HEX   proprietary authentication data for ARPC method 2, 0 to 8 bytes (default none; csk only)
              --arqc HEX   a card's ARQC to check against the computed one

            Prints {"method", "padding", "pan" (masked), "psn", "atc", "iccMasterKeyKcv", "sessionKeyKcv" (not for
            visa-cvn10), "arqc", "arc", "arpcMethod1"[, "csu", "arpcMethod2" for csk][, "arqcValid"]}. Exit status:
            0 done (and --arqc matches), 1 --arqc does not match, 2 unusable input (reason on stderr).
            """;

    private static final Set<String> OPTIONS = Set.of("imk", "pan", "psn", "atc", "un", "data", "method", "padding",
            "arc", "csu", "prop", "arqc");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmvCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (CommandOptions.isHelp(args)) {
                out.print(USAGE);
                return 0;
            }
            if (args.length == 0 || !args[0].equals("arqc")) {
                throw new UsageException(args.length == 0 ? "missing subcommand: arqc"
                        : "unknown subcommand '" + args[0] + "'; the subcommand is arqc");
            }
            CommandOptions o = CommandOptions.parse(args, 1, OPTIONS, Set.of());
            return arqc(o, in, out, err);
        } catch (UsageException e) {
            return CommandOptions.refuse(err, NAME, e.getMessage());
        }
    }

    private static int arqc(CommandOptions o, InputStream in, PrintStream out, PrintStream err)
            throws UsageException {
        CryptogramProfile profile = profile(o);
        if (!profile.method().allowsArpcMethod2() && (o.has("csu") || o.has("prop"))) {
            throw new UsageException("--csu and --prop are for ARPC method 2, which " + profile.method().code()
                    + " cards do not take; they are answered with ARPC method 1 over --arc");
        }
        byte[] imk = "-".equals(o.required("imk")) ? hex("--imk (standard input)", readLine(in), 16, 16)
                : hex("--imk", o.get("imk"), 16, 16);
        CardId card = cardId(o.required("pan"), o.required("psn"));
        byte[] atcBytes = hex("--atc", o.required("atc"), 2, 2);
        byte[] un = hex("--un", o.required("un"), 4, 4);
        byte[] data = hex("--data", o.required("data"), 33, 255);
        byte[] arc = o.has("arc") ? hex("--arc", o.get("arc"), 2, 2) : new byte[2];
        byte[] csu = o.has("csu") ? hex("--csu", o.get("csu"), 4, 4) : new byte[4];
        byte[] prop = o.has("prop") ? hex("--prop", o.get("prop"), 0, 8) : new byte[0];
        byte[] cardArqc = o.has("arqc") ? hex("--arqc", o.get("arqc"), 8, 8) : null;
        if (!Arrays.equals(Arrays.copyOfRange(data, TransactionData.UN_OFFSET, TransactionData.UN_OFFSET + 4), un)) {
            throw new UsageException("--un " + Hex.of(un) + " is not the unpredictable number in --data (bytes 25-28: "
                    + Hex.of(Arrays.copyOfRange(data, 25, 29)) + ")");
        }
        if (!Arrays.equals(Arrays.copyOfRange(data, 31, 33), atcBytes)) {
            throw new UsageException("--atc " + Hex.of(atcBytes) + " is not the ATC in --data (bytes 31-32: "
                    + Hex.of(Arrays.copyOfRange(data, 31, 33)) + ")");
        }
        int atc = ((atcBytes[0] & 0xFF) << 8) | (atcBytes[1] & 0xFF);

        byte[] iccMasterKey = EmvKeyDerivation.iccMasterKeyOptionA(imk, card);
        byte[] cryptogramKey = profile.cryptogramKey(iccMasterKey, atc, data);
        byte[] arqc = profile.arqc(iccMasterKey, atc, data);
        byte[] arqcForArpc = cardArqc != null ? cardArqc : arqc;
        ObjectNode node = JSON.createObjectNode();
        node.put("method", profile.method().code());
        node.put("padding", profile.padding().code());
        node.put("pan", Masking.pan(card.pan()));
        node.put("psn", card.psn());
        node.put("atc", Hex.of(atcBytes));
        node.put("iccMasterKeyKcv", TripleDes.checkValue(iccMasterKey));
        if (profile.method().usesSessionKey()) {
            node.put("sessionKeyKcv", TripleDes.checkValue(cryptogramKey));
        }
        node.put("arqc", Hex.of(arqc));
        node.put("arc", Hex.of(arc));
        node.put("arpcMethod1", Hex.of(profile.arpcMethod1(iccMasterKey, atc, arqcForArpc, arc)));
        if (profile.method().allowsArpcMethod2()) {
            node.put("csu", Hex.of(csu));
            node.put("arpcMethod2", Hex.of(profile.arpcMethod2(iccMasterKey, atc, arqcForArpc, csu, prop)));
        }
        Arrays.fill(imk, (byte) 0);
        Arrays.fill(iccMasterKey, (byte) 0);
        Arrays.fill(cryptogramKey, (byte) 0);
        if (cardArqc == null) {
            out.println(node);
            return 0;
        }
        boolean valid = MessageDigest.isEqual(arqc, cardArqc);
        node.put("arqcValid", valid);
        out.println(node);
        if (!valid) {
            err.println(NAME + ": the ARQC " + Hex.of(cardArqc) + " does not match (wrong key, PAN, PSN, ATC or data,"
                    + " or a forged cryptogram)");
            return 1;
        }
        return 0;
    }

    private static CryptogramProfile profile(CommandOptions o) throws UsageException {
        try {
            return CryptogramProfile.parse(o.has("method") ? o.get("method") : "csk", o.get("padding"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + (e.getMessage().startsWith("padding") ? "padding: " : "method: ")
                    + e.getMessage());
        }
    }

    /** Hex of min to max bytes; the message names the option and the length, never the value (it may be a key). */
    private static byte[] hex(String option, String text, int min, int max) throws UsageException {
        String compact = text.strip().replace(" ", "");
        String size = min == max ? min * 2 + " hex digits" : min * 2 + " to " + max * 2 + " hex digits";
        if (!compact.matches("([0-9A-Fa-f]{2})*") || compact.length() < min * 2 || compact.length() > max * 2) {
            throw new UsageException(option + " must be " + size + " (got " + compact.length() + " characters)");
        }
        return Hex.parse(compact);
    }

    private static CardId cardId(String pan, String psn) throws UsageException {
        if (!pan.matches("[0-9]{12,19}")) {
            throw new UsageException("--pan must be 12 to 19 digits");
        }
        if (!psn.matches("[0-9]{2}")) {
            throw new UsageException("--psn must be 2 digits (00 to 99)");
        }
        return new CardId(pan, psn);
    }

    private static String readLine(InputStream in) throws UsageException {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
            if (line == null) {
                throw new UsageException("--imk - found nothing on standard input");
            }
            return line;
        } catch (IOException e) {
            throw new UsageException("cannot read --imk from standard input: " + e.getMessage());
        }
    }
}
