package io.tapbus.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbus.connector.common.CommandOptions;
import io.tapbus.connector.common.CommandOptions.UsageException;
import io.tapbus.connector.tag.HexInput;
import io.tapbus.connector.tag.SunException;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.SunResult;
import io.tapbus.connector.tag.SunUrl;
import io.tapbus.connector.tag.SunVerifier;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tapbus tag verify}: verifies one SUN message given as options or as the tapped URL, prints one JSON object
 * on standard output and exits 0 when the MAC is valid, 1 when it is not, 2 when the input cannot be used (with the
 * reason on standard error).
 */
public final class TagVerifyCommand {

    static final String NAME = "tapbus tag verify";

    static final String USAGE = """
            Usage: tapbus tag verify --file-key HEX [--meta-key HEX] [--mode aes|lrp] MESSAGE [--mac-input TEXT]
                                     [--tt-offset N]
            Verifies an NTAG 424 DNA Secure Unique NFC (SUN) message.

            MESSAGE is one of
              --picc-data HEX [--enc HEX] --cmac HEX   encrypted PICCData (needs --meta-key)
              --uid HEX --ctr HEX [--enc HEX] --cmac HEX
                                                       plain mirroring; ctr as the URL shows it (MSB first)
              --url URL                                the tapped URL; its parameters picc_data (or e), enc,
                                                       cmac (or c), uid, ctr

            --meta-key HEX    SDM meta-read key, 16 bytes (decrypts picc_data)
            --file-key HEX    SDM file-read key, 16 bytes (MAC and enc)
            --mode aes|lrp    the tag's cipher (default aes)
            --mac-input TEXT  the exact text the tag MACs (SDMMACInputOffset up to SDMMACOffset); default: the
                              enc value in upper case followed by &cmac= (&c= for a --url using c) when enc
                              is given, empty otherwise
            --tt-offset N     TagTamper status at byte N of the decrypted file data (TTStatusOffset - SDMENCOffset)

            Prints {"uid", "readCounter", "macValid", "fileData" (with enc), "tagTamper" (with --tt-offset)}.
            Exit status: 0 MAC valid, 1 MAC not valid, 2 unusable input (reason on stderr).
            """;

    private static final Set<String> OPTIONS = Set.of("meta-key", "file-key", "mode", "picc-data", "enc", "cmac",
            "uid", "ctr", "url", "mac-input", "tt-offset");
    private static final List<String> MESSAGE_OPTIONS = List.of("picc-data", "enc", "cmac", "uid", "ctr");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TagVerifyCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (CommandOptions.isHelp(args)) {
                out.print(USAGE);
                return 0;
            }
            Map<String, String> options = CommandOptions.parse(args, 0, OPTIONS, Set.of()).values();
            Message message = message(options);
            SunVerifier verifier = verifier(options, message);
            SunResult result = message.piccData != null
                    ? verifier.verifyEncrypted(message.piccData, message.enc, message.cmac, message.macInput)
                    : verifier.verifyPlain(message.uid, message.ctr, message.enc, message.cmac, message.macInput);
            out.println(json(result, message.enc != null, options.containsKey("tt-offset")));
            if (result.macValid()) {
                return 0;
            }
            err.println(NAME + ": " + whyNotValid(result, message));
            return 1;
        } catch (SunException | UsageException e) {
            return CommandOptions.refuse(err, NAME, e.getMessage());
        } catch (RuntimeException e) {
            err.println(NAME + ": cannot verify: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 2;
        }
    }

    private record Message(String piccData, String enc, String cmac, String uid, String ctr, String macInput) {
    }

    private static Message message(Map<String, String> o) throws SunException {
        String macInput = o.get("mac-input");
        if (o.containsKey("url")) {
            for (String name : MESSAGE_OPTIONS) {
                if (o.containsKey(name)) {
                    throw new SunException("--url carries the message; do not also give --" + name);
                }
            }
            SunUrl url = SunUrl.parse(o.get("url"));
            if (macInput == null) {
                macInput = SunVerifier.defaultMacInput(url.enc(), url.macParameter());
            }
            return checkForm(new Message(url.piccData(), url.enc(), url.cmac(), url.uid(), url.ctr(), macInput),
                    "the URL parameter ", "picc_data", "uid", "ctr", "cmac");
        }
        return checkForm(new Message(o.get("picc-data"), o.get("enc"), o.get("cmac"), o.get("uid"), o.get("ctr"),
                macInput), "--", "picc-data", "uid", "ctr", "cmac");
    }

    private static Message checkForm(Message m, String prefix, String picc, String uid, String ctr, String cmac)
            throws SunException {
        boolean plain = m.uid != null || m.ctr != null;
        if (m.piccData != null && plain) {
            throw new SunException("give either " + prefix + picc + " or " + prefix + uid + " and " + prefix + ctr
                    + ", not both");
        }
        if (m.piccData == null && !plain) {
            throw new SunException("nothing to verify: give " + prefix + picc + ", or " + prefix + uid + " and "
                    + prefix + ctr + (prefix.startsWith("--") ? ", or --url" : ""));
        }
        if (plain && m.uid == null) {
            throw new SunException(prefix + ctr + " needs " + prefix + uid);
        }
        if (plain && m.ctr == null) {
            throw new SunException(prefix + uid + " needs " + prefix + ctr);
        }
        if (m.cmac == null) {
            throw new SunException(prefix + cmac + " is required");
        }
        return m;
    }

    private static SunVerifier verifier(Map<String, String> o, Message message) throws SunException {
        SunMode mode = o.containsKey("mode") ? SunMode.parse(o.get("mode")) : SunMode.AES;
        if (!o.containsKey("file-key")) {
            throw new SunException("--file-key is required");
        }
        byte[] fileKey = HexInput.key("--file-key", o.get("file-key"));
        byte[] metaKey = null;
        if (message.piccData != null) {
            if (!o.containsKey("meta-key")) {
                throw new SunException("--meta-key is required to decrypt picc_data");
            }
            metaKey = HexInput.key("--meta-key", o.get("meta-key"));
        } else if (o.containsKey("meta-key")) {
            HexInput.key("--meta-key", o.get("meta-key"));
        }
        SunVerifier verifier = new SunVerifier(mode, metaKey, fileKey);
        if (o.containsKey("tt-offset")) {
            verifier = verifier.withTagTamperAt(ttOffset(o.get("tt-offset")));
        }
        return verifier;
    }

    private static int ttOffset(String text) throws SunException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new SunException("--tt-offset must be a whole number of bytes, got '" + text + "'");
        }
    }

    private static String json(SunResult result, boolean withFileData, boolean withTagTamper) {
        ObjectNode node = JSON.createObjectNode();
        node.put("uid", result.uidHex());
        if (result.readCounter() >= 0) {
            node.put("readCounter", result.readCounter());
        } else {
            node.putNull("readCounter");
        }
        node.put("macValid", result.macValid());
        if (withFileData) {
            node.put("fileData", result.fileDataHex());
        }
        if (withTagTamper) {
            node.put("tagTamper", result.tagTamper());
        }
        return node.toString();
    }

    private static String whyNotValid(SunResult result, Message message) {
        if (message.piccData != null && result.uidHex() == null && result.readCounter() < 0) {
            return "not authentic: picc_data does not decrypt to valid PICCData"
                    + " (wrong --meta-key or --mode, or altered picc_data)";
        }
        return "not authentic: the SDMMAC does not match (wrong --file-key or --mode, an altered message,"
                + " or a MAC input other than the tag's: see --mac-input)";
    }
}
