package io.tapbus.runtime.ota;

import io.tapbus.connector.ota.OtaAlgorithm;
import io.tapbus.connector.ota.OtaException;
import io.tapbus.connector.ota.OtaKeys;
import io.tapbus.runtime.domain.DomainError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OTA key sets of the universal cards, as the issuer holds them: every card of the family has the same key sets
 * (index and algorithm, from {@code tapbus.ota.key-sets}, for example {@code 1:aes, 2:3des}), and each card's KIc and
 * KID keys are diversified from one OTA master key: HMAC-SHA256(master, "tapbus-ota:" + kic|kid + ":" + card + ":" +
 * key set), its first 16 octets (AES-128, or two-key triple DES). The card's personaliser writes the same keys. The
 * master key is read from {@code tapbus.keys.ota-master-file}; the one in config/demo-keys is a DEMO key. Keys are
 * never logged nor shown.
 */
public final class OtaKeyRing {
    private static final int KEY_OCTETS = 16;

    /** One key set of the family: its index and algorithm. */
    public record KeySet(int index, OtaAlgorithm algorithm) {
        /** The KIc and KID octet: key index in b8-b5, algorithm in b4-b1 (2 AES, 5 triple DES with 2 keys). */
        public int identifier() {
            return (index << 4) | (algorithm == OtaAlgorithm.AES ? 0x2 : 0x5);
        }
    }

    private final byte[] master;
    private final Map<Integer, KeySet> keySets;

    public OtaKeyRing(byte[] master, Map<Integer, KeySet> keySets) {
        if (master.length != 16 && master.length != 32) {
            throw new IllegalArgumentException("the OTA master key must be 16 or 32 octets");
        }
        this.master = master.clone();
        this.keySets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(keySets));
    }

    /** Parses {@code 1:aes, 2:3des}: key index 1 to 15, algorithm aes or 3des. */
    public static Map<Integer, KeySet> parseKeySets(String list) {
        Map<Integer, KeySet> sets = new LinkedHashMap<>();
        for (String item : list.split("\\s*,\\s*")) {
            String[] parts = item.strip().split("\\s*:\\s*");
            try {
                int index = Integer.parseInt(parts[0]);
                if (parts.length != 2 || index < 1 || index > 15) {
                    throw new IllegalArgumentException();
                }
                sets.put(index, new KeySet(index, OtaAlgorithm.parse(parts[1])));
            } catch (IllegalArgumentException | OtaException e) {
                throw new IllegalArgumentException("tapbus.ota.key-sets: '" + item + "' is not index:algorithm"
                        + " (index 1-15, algorithm aes or 3des)");
            }
        }
        return sets;
    }

    /** The key set with this index (the first configured one when null). */
    public KeySet keySet(Integer index) {
        if (index == null) {
            return keySets.values().iterator().next();
        }
        KeySet set = keySets.get(index);
        if (set == null) {
            throw DomainError.invalid("keySet " + index + " is not a key set of the cards (tapbus.ota.key-sets: "
                    + keySets.keySet() + ")");
        }
        return set;
    }

    /** The KIc and KID keys of one card's key set. */
    public OtaKeys keys(String card, KeySet set) {
        try {
            return OtaKeys.of(set.algorithm(), derive("kic", card, set.index()), derive("kid", card, set.index()));
        } catch (OtaException e) {
            throw new IllegalStateException("diversified OTA keys refused: " + e.getMessage());
        }
    }

    private byte[] derive(String which, String card, int index) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            byte[] full = mac.doFinal(("tapbus-ota:" + which + ":" + card + ":" + index)
                    .getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(full, KEY_OCTETS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
