package io.tapbus.connector.reader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a retailer's loyalty or membership card holds, as the reader reads it (docs/reader-protocol.md §16.1): the
 * payload of the card's NDEF record of external type {@code tapbus.io:member}, a fixed TLV list.
 *
 * <pre>
 * "T" "M" 0x01 | tag (1 byte) length (1 byte) value | ...
 *   0x01 programme id (ASCII, required)   0x02 member number (ASCII, required)   0x03 tier (ASCII)
 *   0x04 member since (ASCII YYYY-MM-DD)  0x05 points (4 bytes, unsigned big-endian)  0x06 holder name (UTF-8)
 * </pre>
 *
 * Tags may come in any order; unknown tags are skipped (a retailer may store more), a tag given twice is refused.
 * The whole record is at most 240 bytes.
 */
public record MemberCardRecord(String programmeId, String memberNumber, String tier, String memberSince, Long points,
                               String holderName) {
    public static final int MAX_LENGTH = 240;
    private static final byte[] MAGIC = {'T', 'M', 0x01};
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TIER = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public MemberCardRecord {
        check(programmeId != null && ID.matcher(programmeId).matches(), "programme id (tag 01) is required: 1-64 of [A-Za-z0-9._-]");
        check(memberNumber != null && ID.matcher(memberNumber).matches(), "member number (tag 02) is required: 1-64 of [A-Za-z0-9._-]");
        check(tier == null || TIER.matcher(tier).matches(), "tier (tag 03) must be 1-32 of [A-Za-z0-9_-]");
        check(memberSince == null || DATE.matcher(memberSince).matches(), "member since (tag 04) must be YYYY-MM-DD");
        check(points == null || points >= 0 && points <= 0xFFFF_FFFFL, "points (tag 05) are 4 bytes");
        check(holderName == null || !holderName.isBlank() && holderName.getBytes(StandardCharsets.UTF_8).length <= 100,
                "holder name (tag 06) is 1 to 100 bytes of UTF-8");
    }

    /** The record's bytes, as a retailer writes them to its card. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        put(out, 0x01, programmeId.getBytes(StandardCharsets.US_ASCII));
        put(out, 0x02, memberNumber.getBytes(StandardCharsets.US_ASCII));
        if (tier != null) {
            put(out, 0x03, tier.getBytes(StandardCharsets.US_ASCII));
        }
        if (memberSince != null) {
            put(out, 0x04, memberSince.getBytes(StandardCharsets.US_ASCII));
        }
        if (points != null) {
            put(out, 0x05, new byte[] {(byte) (points >> 24), (byte) (points >> 16), (byte) (points >> 8), (byte) (long) points});
        }
        if (holderName != null) {
            put(out, 0x06, holderName.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = out.toByteArray();
        check(bytes.length <= MAX_LENGTH, "the record is longer than " + MAX_LENGTH + " bytes");
        return bytes;
    }

    /** Reads a record; the message of the exception names what is wrong with it. */
    public static MemberCardRecord decode(byte[] bytes) {
        check(bytes.length >= MAGIC.length && bytes.length <= MAX_LENGTH && bytes[0] == 'T' && bytes[1] == 'M',
                "is not a member card record: it starts with \"TM\" and is at most " + MAX_LENGTH + " bytes");
        check(bytes[2] == 0x01, "has version " + (bytes[2] & 0xFF) + "; version 1 is known");
        String[] text = new String[7];
        Long points = null;
        int at = MAGIC.length;
        while (at < bytes.length) {
            check(at + 2 <= bytes.length, "ends inside a tag");
            int tag = bytes[at] & 0xFF;
            int length = bytes[at + 1] & 0xFF;
            at += 2;
            check(at + length <= bytes.length, "tag " + String.format("%02X", tag) + " is longer than the record");
            boolean known = tag >= 0x01 && tag <= 0x06;
            check(!known || text[tag] == null && (tag != 0x05 || points == null), "tag " + String.format("%02X", tag) + " is given twice");
            if (tag == 0x05) {
                check(length == 4, "points (tag 05) are 4 bytes");
                points = ((bytes[at] & 0xFFL) << 24) | ((bytes[at + 1] & 0xFFL) << 16) | ((bytes[at + 2] & 0xFFL) << 8) | (bytes[at + 3] & 0xFFL);
            } else if (known) {
                text[tag] = new String(bytes, at, length, tag == 0x06 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
            }
            at += length;
        }
        return new MemberCardRecord(text[1], text[2], text[3], text[4], points, text[6]);
    }

    private static void put(ByteArrayOutputStream out, int tag, byte[] value) {
        out.write(tag);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
