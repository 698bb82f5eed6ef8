package io.tapbus.runtime.ota;

import io.tapbus.runtime.domain.DomainError;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The commands an OTA update carries to the universal card (the secured data of the command packet, TS 102 226
 * "compact" format: C-APDUs one after another), by kind of update:
 * <ul>
 * <li>{@code membership}, {@code ticket}: SELECT the card's file for it by FID ({@code 00 A4 00 04 02 FID}), then
 * APPEND RECORD with the entry ({@code 00 E2 00 00 Lc data});</li>
 * <li>{@code key}: STORE DATA of the key blob to the application ({@code 80 E2 80 00 Lc data}, last block);</li>
 * <li>{@code apdus}: the caller's own C-APDUs, as given (for engineers).</li>
 * </ul>
 */
public final class OtaScript {
    /** The most data one update takes: one short APDU's Lc, and a packet of a few short messages. */
    public static final int MAX_DATA = 200;

    private final byte[] membershipFile;
    private final byte[] ticketFile;

    /** @param membershipFile, ticketFile the FIDs (4 hex digits) of the card's files, from the settings */
    public OtaScript(String membershipFile, String ticketFile) {
        this.membershipFile = fid("tapbus.ota.file.membership", membershipFile);
        this.ticketFile = fid("tapbus.ota.file.ticket", ticketFile);
    }

    /** The C-APDUs for {@code kind} with {@code dataHex}; a DomainError INVALID_INPUT names what is wrong. */
    public byte[] build(String kind, String dataHex) {
        if (kind == null || dataHex == null || dataHex.isBlank()) {
            throw DomainError.invalid("kind and data are required");
        }
        byte[] data;
        try {
            data = HexFormat.of().parseHex(dataHex.strip());
        } catch (IllegalArgumentException e) {
            throw DomainError.invalid("data must be hex digits, an even number of them");
        }
        if (data.length == 0 || data.length > MAX_DATA) {
            throw DomainError.invalid("data must be 1 to " + MAX_DATA + " octets, got " + data.length);
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "membership" -> appendRecord(membershipFile, data);
            case "ticket" -> appendRecord(ticketFile, data);
            case "key" -> apdu(new byte[] {(byte) 0x80, (byte) 0xE2, (byte) 0x80, 0x00}, data);
            case "apdus" -> data;
            default -> throw DomainError.invalid("kind must be membership, ticket, key or apdus, got '" + kind + "'");
        };
    }

    private static byte[] appendRecord(byte[] fid, byte[] entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(apdu(new byte[] {0x00, (byte) 0xA4, 0x00, 0x04}, fid));
        out.writeBytes(apdu(new byte[] {0x00, (byte) 0xE2, 0x00, 0x00}, entry));
        return out.toByteArray();
    }

    private static byte[] apdu(byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.write(data.length);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] fid(String setting, String hex) {
        try {
            byte[] fid = HexFormat.of().parseHex(hex.strip());
            if (fid.length == 2) {
                return fid;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw new IllegalArgumentException(setting + " must be a file id of 4 hex digits, got '" + hex + "'");
    }
}
