package io.tapbus.connector.reader.ticket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ticket signing and checking: ECDSA P-256 with SHA-256, signatures as the 64 bytes r‖s. The issuer (the bus) holds
 * a private key per key id; a gate holds only the public keys, so it checks tickets while offline. Key files are text,
 * one key a line, {@code <key id> <base64>} (PKCS#8 private keys, X.509 SubjectPublicKeyInfo public keys); lines
 * starting with # are comments.
 */
public final class TicketKeys {
    public static final String ALGORITHM = "SHA256withECDSAinP1363Format";

    private final Map<String, PublicKey> publicKeys;
    private final Map<String, PrivateKey> privateKeys;

    public TicketKeys(Map<String, PublicKey> publicKeys, Map<String, PrivateKey> privateKeys) {
        this.publicKeys = Map.copyOf(publicKeys);
        this.privateKeys = Map.copyOf(privateKeys);
    }

    /** A gate's keys: public keys only. */
    public static TicketKeys gate(Path publicKeyFile) throws IOException {
        return new TicketKeys(read(publicKeyFile, false), Map.of());
    }

    /** The issuer's keys: its signing keys, and the public keys (to check tickets as a gate does). */
    public static TicketKeys issuer(Path signingKeyFile, Path publicKeyFile) throws IOException {
        Map<String, PrivateKey> priv = read(signingKeyFile, true);
        return new TicketKeys(read(publicKeyFile, false), priv);
    }

    public boolean knows(String keyId) {
        return publicKeys.containsKey(keyId);
    }

    /** The key id new tickets are signed with: the first signing key by name. */
    public Optional<String> signingKeyId() {
        return privateKeys.keySet().stream().sorted().findFirst();
    }

    /** Signs the ticket with the private key of its key id. */
    public SignedTicket sign(SignedTicket unsigned) {
        PrivateKey key = privateKeys.get(unsigned.keyId());
        if (key == null) {
            throw new IllegalArgumentException("no signing key " + unsigned.keyId());
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(unsigned.signedPart());
            return unsigned.withSignature(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ticket signing failed", e);
        }
    }

    /** What a gate concludes from a ticket's signature. */
    public enum Check { VALID, BAD_SIGNATURE, UNKNOWN_KEY }

    public Check check(SignedTicket ticket) {
        PublicKey key = publicKeys.get(ticket.keyId());
        if (key == null) {
            return Check.UNKNOWN_KEY;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(ticket.signedPart());
            return s.verify(ticket.signature()) ? Check.VALID : Check.BAD_SIGNATURE;
        } catch (java.security.SignatureException e) {
            return Check.BAD_SIGNATURE; // r or s out of range: not a signature of this key
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ticket signature check failed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K> Map<String, K> read(Path file, boolean privateKeys) throws IOException {
        Map<String, K> keys = new TreeMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            if (parts.length != 2) {
                throw new IOException(file.getFileName() + " line " + lineNo + ": expected '<key id> <base64 key>'");
            }
            try {
                byte[] der = Base64.getDecoder().decode(parts[1]);
                KeyFactory ec = KeyFactory.getInstance("EC");
                Object key = privateKeys ? ec.generatePrivate(new PKCS8EncodedKeySpec(der)) : ec.generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof ECPrivateKey pk && pk.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IOException(file.getFileName() + " line " + lineNo + ": not a P-256 key");
                }
                keys.put(parts[0], (K) key);
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                throw new IOException(file.getFileName() + " line " + lineNo + ": not a readable EC key (" + e.getClass().getSimpleName() + ")");
            }
        }
        return keys;
    }
}
