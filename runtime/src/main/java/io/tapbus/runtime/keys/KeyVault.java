package io.tapbus.runtime.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys at rest: device keys are stored encrypted under a key-encryption key (AES-256-GCM, random
 * 12-byte IV, the key's owner as associated data so a ciphertext cannot be moved to another device).
 * A PKCS#11 HSM could stand behind the same two methods later.
 */
public final class KeyVault {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec kek;
    private final SecureRandom random = new SecureRandom();

    public KeyVault(byte[] kek) {
        if (kek.length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (64 hex characters)");
        }
        this.kek = new SecretKeySpec(kek.clone(), "AES");
    }

    public static byte[] readHexKeyFile(Path file, int expectedBytes) {
        String hex;
        try {
            hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("key file " + file + " does not hold hex", e);
        }
        if (key.length != expectedBytes) {
            throw new IllegalStateException("key file " + file + " holds " + key.length + " bytes, expected " + expectedBytes);
        }
        return key;
    }

    public String seal(byte[] plainKey, String owner) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plainKey);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal key", e);
        }
    }

    public byte[] open(String sealed, String owner) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException | java.security.ProviderException e) {
            // ProviderException: the JDK's GCM refuses a sealed value shorter than its tag that way
            throw new IllegalStateException("stored key of " + owner + " cannot be opened with this key-encryption key", e);
        }
    }

    /** A 32-byte key for one purpose, derived from the key-encryption key (HMAC-SHA256 over the purpose label). */
    public byte[] deriveKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(kek.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("tapbus-derived-key:" + purpose).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
