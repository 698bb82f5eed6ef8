package io.tapbus.connector.reader.ticket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An e-ticket in its compact signed encoding (docs/tickets.md "Ticket bytes"): what is written to the card, shown as
 * a QR code and read by a gate. All integers big-endian; texts are 1-byte length + ASCII.
 *
 * <pre>
 * "TK" 0x01 | keyId | ticketId | kind (1 byte: E, R, P) | product | zones | validFrom (8, epoch s) | validUntil (8)
 *          | uses (2; 0 = no limit) | signature (64: ECDSA P-256 r‖s over every byte before it)
 * </pre>
 *
 * @param uses the number of uses the ticket was issued with; 0 for no limit (a pass)
 */
public record SignedTicket(String keyId, String ticketId, Kind kind, String product, String zones, long validFrom,
                           long validUntil, int uses, byte[] signature) {

    public enum Kind {
        EVENT('E'), RIDE('R'), PASS('P');

        final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown ticket kind byte " + code);
        }
    }

    public static final int SIGNATURE_LENGTH = 64;
    public static final int MAX_USES = 65_535;
    private static final Pattern TEXT = Pattern.compile("[A-Za-z0-9._:,*-]{1,40}");

    public SignedTicket {
        for (String[] f : new String[][] {{"keyId", keyId}, {"ticketId", ticketId}, {"product", product}, {"zones", zones}}) {
            if (f[1] == null || !TEXT.matcher(f[1]).matches()) {
                throw new IllegalArgumentException(f[0] + " must be 1 to 40 characters of [A-Za-z0-9._:,*-]");
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (validUntil <= validFrom) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        if (uses < 0 || uses > MAX_USES) {
            throw new IllegalArgumentException("uses must be 0 (no limit) to " + MAX_USES);
        }
        if (signature != null && signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("a signature is " + SIGNATURE_LENGTH + " bytes");
        }
        signature = signature == null ? null : signature.clone();
    }

    /** The same ticket, signed. */
    public SignedTicket withSignature(byte[] sig) {
        return new SignedTicket(keyId, ticketId, kind, product, zones, validFrom, validUntil, uses, sig);
    }

    /** The bytes the signature covers. */
    public byte[] signedPart() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write('T');
        out.write('K');
        out.write(1);
        text(out, keyId);
        text(out, ticketId);
        out.write(kind.code);
        text(out, product);
        text(out, zones);
        out.writeBytes(ByteBuffer.allocate(18).putLong(validFrom).putLong(validUntil).putShort((short) uses).array());
        return out.toByteArray();
    }

    /** The whole encoding, signature included. */
    public byte[] encode() {
        if (signature == null) {
            throw new IllegalStateException("ticket " + ticketId + " is not signed");
        }
        byte[] part = signedPart();
        byte[] all = Arrays.copyOf(part, part.length + SIGNATURE_LENGTH);
        System.arraycopy(signature, 0, all, part.length, SIGNATURE_LENGTH);
        return all;
    }

    /** Reads the encoding; any deviation (magic, version, lengths, trailing bytes) is an IllegalArgumentException. */
    public static SignedTicket decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != 'T' || in.get() != 'K') {
                throw new IllegalArgumentException("not a ticket (magic)");
            }
            if (in.get() != 1) {
                throw new IllegalArgumentException("unsupported ticket version");
            }
            String keyId = text(in);
            String ticketId = text(in);
            Kind kind = Kind.of(in.get());
            String product = text(in);
            String zones = text(in);
            long from = in.getLong();
            long until = in.getLong();
            int uses = Short.toUnsignedInt(in.getShort());
            byte[] sig = new byte[SIGNATURE_LENGTH];
            in.get(sig);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("bytes after the signature");
            }
            return new SignedTicket(keyId, ticketId, kind, product, zones, from, until, uses, sig);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("ticket bytes end early");
        }
    }

    @Override
    public byte[] signature() {
        return signature == null ? null : signature.clone();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static String text(ByteBuffer in) {
        int n = Byte.toUnsignedInt(in.get());
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTicket t && Arrays.equals(encodeOrPart(), t.encodeOrPart());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encodeOrPart());
    }

    private byte[] encodeOrPart() {
        return signature == null ? signedPart() : encode();
    }

    @Override
    public String toString() {
        return "SignedTicket[" + ticketId + " " + kind + " " + product + " key " + keyId + "]";
    }
}
