package io.tapbus.connector.card;

import io.tapbus.connector.common.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issuer master keys held in memory, read from a key file of {@code label = 32 hex digits [method=M] [padding=P]}
 * lines ({@code #} starts a comment): the key and the {@link CryptogramProfile} of the cards personalised from it
 * ({@code method} csk, visa-cvn10 or mchip, default csk; {@code padding} 00 or 80, default the method's own). For
 * development and tests; production keys belong in an HSM behind the same interface. Neither {@link #toString()} nor
 * any error message shows a key.
 */
public final class InMemoryIssuerKeys implements IssuerCryptogramKeys {

    private record IssuerKey(byte[] imk, CryptogramProfile profile) {
    }

    private final Map<String, IssuerKey> keys;

    private InMemoryIssuerKeys(Map<String, IssuerKey> keys) {
        this.keys = keys;
    }

    public static InMemoryIssuerKeys of(String label, byte[] issuerMasterKey) {
        return of(label, issuerMasterKey, CryptogramProfile.DEFAULT);
    }

    public static InMemoryIssuerKeys of(String label, byte[] issuerMasterKey, CryptogramProfile profile) {
        TripleDes.checkKey(issuerMasterKey);
        return new InMemoryIssuerKeys(Map.of(label, new IssuerKey(issuerMasterKey.clone(), profile)));
    }

    public static InMemoryIssuerKeys load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static InMemoryIssuerKeys parse(List<String> lines, String source) {
        Map<String, IssuerKey> keys = new LinkedHashMap<>();
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
            String[] words = content.substring(eq + 1).strip().split("\\s+");
            if (!words[0].matches("[0-9A-Fa-f]{32}")) {
                throw new IllegalArgumentException(where + ": the key of '" + label
                        + "' must be 32 hex digits (a double-length DES key)");
            }
            CryptogramProfile profile = profile(Arrays.copyOfRange(words, 1, words.length), where);
            if (keys.put(label, new IssuerKey(Hex.parse(words[0]), profile)) != null) {
                throw new IllegalArgumentException(where + ": the label '" + label + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": no keys");
        }
        return new InMemoryIssuerKeys(keys);
    }

    /** {@code method=M} and {@code padding=P}, each at most once, in any order. */
    private static CryptogramProfile profile(String[] settings, String where) {
        Map<String, String> values = new HashMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            String name = eq < 0 ? setting : setting.substring(0, eq);
            if (eq < 0 || !(name.equals("method") || name.equals("padding"))) {
                throw new IllegalArgumentException(where + ": after the key only method=csk|visa-cvn10|mchip and"
                        + " padding=00|80 may follow, not '" + name + "'");
            }
            if (values.put(name, setting.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(where + ": " + name + " is given twice");
            }
        }
        try {
            return CryptogramProfile.parse(values.getOrDefault("method", "csk"), values.get("padding"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public Set<String> labels() {
        return keys.keySet();
    }

    /** The key check value of the issuer master key, to compare with the key ceremony's record. */
    public String checkValue(String keyLabel) {
        return TripleDes.checkValue(key(keyLabel).imk());
    }

    @Override
    public CryptogramProfile profile(String keyLabel) {
        return key(keyLabel).profile();
    }

    @Override
    public boolean verifyArqc(String keyLabel, CardId card, int atc, byte[] arqcInput, byte[] arqc) {
        IssuerKey key = key(keyLabel);
        byte[] iccMasterKey = EmvKeyDerivation.iccMasterKeyOptionA(key.imk(), card);
        try {
            return MessageDigest.isEqual(key.profile().arqc(iccMasterKey, atc, arqcInput), arqc);
        } finally {
            Arrays.fill(iccMasterKey, (byte) 0);
        }
    }

    @Override
    public byte[] arpcMethod1(String keyLabel, CardId card, int atc, byte[] arqc, byte[] arc) {
        IssuerKey key = key(keyLabel);
        byte[] iccMasterKey = EmvKeyDerivation.iccMasterKeyOptionA(key.imk(), card);
        try {
            return key.profile().arpcMethod1(iccMasterKey, atc, arqc, arc);
        } finally {
            Arrays.fill(iccMasterKey, (byte) 0);
        }
    }

    @Override
    public byte[] arpcMethod2(String keyLabel, CardId card, int atc, byte[] arqc, byte[] csu,
            byte[] proprietaryAuthData) {
        IssuerKey key = key(keyLabel);
        byte[] iccMasterKey = EmvKeyDerivation.iccMasterKeyOptionA(key.imk(), card);
        try {
            return key.profile().arpcMethod2(iccMasterKey, atc, arqc, csu, proprietaryAuthData);
        } finally {
            Arrays.fill(iccMasterKey, (byte) 0);
        }
    }

    private IssuerKey key(String keyLabel) {
        IssuerKey key = keys.get(keyLabel);
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
