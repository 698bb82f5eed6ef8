package io.tapbus.connector.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issuer master keys held in memory, read from a key file of {@code label = 32 hex digits} lines ({@code #} starts a
 * comment). For development and tests; production keys belong in an HSM behind the same interface. Neither
 * {@link #toString()} nor any error message shows a key.
 */
public final class InMemoryIssuerKeys implements IssuerCryptogramKeys {

    private final Map<String, byte[]> keys;

    private InMemoryIssuerKeys(Map<String, byte[]> keys) {
        this.keys = keys;
    }

    public static InMemoryIssuerKeys of(String label, byte[] issuerMasterKey) {
        TripleDes.checkKey(issuerMasterKey);
        return new InMemoryIssuerKeys(Map.of(label, issuerMasterKey.clone()));
    }

    public static InMemoryIssuerKeys load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static InMemoryIssuerKeys parse(List<String> lines, String source) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1);
            int eq = content.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ": expected 'label = 32 hex digits'");
            }
            String label = content.substring(0, eq).strip();
            String hex = content.substring(eq + 1).strip();
            if (!hex.matches("[0-9A-Fa-f]{32}")) {
                throw new IllegalArgumentException(where + ": the key of '" + label
                        + "' must be 32 hex digits (a double-length DES key)");
            }
            if (keys.put(label, Hex.parse(hex)) != null) {
                throw new IllegalArgumentException(where + ": the label '" + label + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": no keys");
        }
        return new InMemoryIssuerKeys(keys);
    }

    public Set<String> labels() {
        return keys.keySet();
    }

    /** The key check value of the issuer master key, to compare with the key ceremony's record. */
    public String checkValue(String keyLabel) {
        return TripleDes.checkValue(imk(keyLabel));
    }

    @Override
    public boolean verifyArqc(String keyLabel, CardId card, int atc, byte[] arqcInput, byte[] arqc) {
        byte[] expected = EmvCryptograms.applicationCryptogram(sessionKey(keyLabel, card, atc), arqcInput);
        return MessageDigest.isEqual(expected, arqc);
    }

    @Override
    public byte[] arpcMethod1(String keyLabel, CardId card, int atc, byte[] arqc, byte[] arc) {
        return EmvCryptograms.arpcMethod1(sessionKey(keyLabel, card, atc), arqc, arc);
    }

    @Override
    public byte[] arpcMethod2(String keyLabel, CardId card, int atc, byte[] arqc, byte[] csu,
            byte[] proprietaryAuthData) {
        return EmvCryptograms.arpcMethod2(sessionKey(keyLabel, card, atc), arqc, csu, proprietaryAuthData);
    }

    private byte[] sessionKey(String keyLabel, CardId card, int atc) {
        byte[] iccMasterKey = EmvKeyDerivation.iccMasterKeyOptionA(imk(keyLabel), card);
        return EmvKeyDerivation.commonSessionKey(iccMasterKey, atc);
    }

    private byte[] imk(String keyLabel) {
        byte[] key = keys.get(keyLabel);
        if (key == null) {
            throw new UnknownKeyException(keyLabel);
        }
        return key;
    }

    @Override
    public String toString() {
        return "InMemoryIssuerKeys" + keys.keySet();
    }
}
