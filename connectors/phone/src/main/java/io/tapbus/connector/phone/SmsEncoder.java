package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import io.tapbus.connector.phone.UserDataHeader.Concatenation;
import io.tapbus.connector.phone.UserDataHeader.Element;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns text or binary data into the short messages that carry it. Text goes in GSM 7-bit when every character is in
 * the default alphabet or its extension table, else in UCS-2 (big-endian UTF-16). One message holds 140 octets of
 * user data: 160 septets or 70 UCS-2 characters; a longer text is split into parts with a concatenation header, 153
 * septets or 67 UCS-2 characters each (152 and 66 with the 16-bit reference). A part never ends between an escape
 * and its extension character, nor between the two halves of a surrogate pair.
 */
public final class SmsEncoder {

    /** Octets of user data in one short message (TS 23.040 §9.2.3.16). */
    public static final int USER_DATA_OCTETS = 140;

    private SmsEncoder() {
    }

    /** The alphabet TapBus chooses for the text. */
    public static Alphabet alphabetFor(String text) {
        return GsmAlphabet.canEncode(text) ? Alphabet.GSM7 : Alphabet.UCS2;
    }

    /** Parts of the text; {@code reference} (0-255, or 0-65535 with {@code sixteenBitReference}) ties them together. */
    public static List<SmsPart> text(String text, int reference, boolean sixteenBitReference) {
        checkReference(reference, sixteenBitReference);
        return alphabetFor(text) == Alphabet.GSM7
                ? gsm7(text, reference, sixteenBitReference) : ucs2(text, reference, sixteenBitReference);
    }

    private static List<SmsPart> gsm7(String text, int reference, boolean sixteenBit) {
        byte[] all = GsmAlphabet.encode(text);
        if (all.length <= USER_DATA_OCTETS * 8 / 7) {
            return List.of(new SmsPart(UserDataHeader.of(), Alphabet.GSM7, all));
        }
        int udhOctets = concatenationHeaderOctets(sixteenBit);
        int capacity = (USER_DATA_OCTETS * 8 - udhOctets * 8 - Septets.fillBits(udhOctets)) / 7;
        List<byte[]> chunks = new ArrayList<>();
        int start = 0;
        while (start < all.length) {
            int end = Math.min(start + capacity, all.length);
            if (end < all.length && endsInsideEscape(all, start, end)) {
                end--;
            }
            chunks.add(Arrays.copyOfRange(all, start, end));
            start = end;
        }
        return withConcatenation(chunks, Alphabet.GSM7, reference, sixteenBit);
    }

    /** True when the septet before {@code end} is an escape that opens a pair (not the second half of one). */
    private static boolean endsInsideEscape(byte[] septets, int start, int end) {
        int i = start;
        while (i < end) {
            if (septets[i] == GsmAlphabet.ESCAPE) {
                if (i + 1 == end) {
                    return true;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return false;
    }

    private static List<SmsPart> ucs2(String text, int reference, boolean sixteenBit) {
        checkSurrogates(text);
        if (text.length() * 2 <= USER_DATA_OCTETS) {
            return List.of(new SmsPart(UserDataHeader.of(), Alphabet.UCS2, text.getBytes(StandardCharsets.UTF_16BE)));
        }
        int capacity = (USER_DATA_OCTETS - concatenationHeaderOctets(sixteenBit)) / 2;
        List<byte[]> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + capacity, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end).getBytes(StandardCharsets.UTF_16BE));
            start = end;
        }
        return withConcatenation(chunks, Alphabet.UCS2, reference, sixteenBit);
    }

    private static void checkSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new PhoneCodecException(Problem.TEXT_NOT_ENCODABLE, "an unpaired UTF-16 surrogate at character "
                        + i + " is not text any alphabet carries");
            }
        }
    }

    /**
     * Binary data (8-bit, data_coding 0x04) with the given header elements in every part, such as application port
     * addressing for WAP push; split with a concatenation element when it does not fit one message.
     */
    public static List<SmsPart> binary(byte[] data, List<Element> everyPart, int reference, boolean sixteenBitReference) {
        checkReference(reference, sixteenBitReference);
        int fixed = new UserDataHeader(everyPart).length();
        if (data.length + fixed <= USER_DATA_OCTETS) {
            return List.of(new SmsPart(new UserDataHeader(everyPart), Alphabet.EIGHT_BIT, data));
        }
        int withConcat = fixed == 0 ? concatenationHeaderOctets(sixteenBitReference)
                : fixed + concatenationHeaderOctets(sixteenBitReference) - 1;
        int capacity = USER_DATA_OCTETS - withConcat;
        List<byte[]> chunks = new ArrayList<>();
        for (int start = 0; start < data.length; start += capacity) {
            chunks.add(Arrays.copyOfRange(data, start, Math.min(start + capacity, data.length)));
        }
        checkPartCount(chunks.size());
        List<SmsPart> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<Element> elements = new ArrayList<>(everyPart);
            elements.add(UserDataHeader.concatenation(
                    new Concatenation(reference, chunks.size(), i + 1, sixteenBitReference)));
            parts.add(new SmsPart(new UserDataHeader(elements), Alphabet.EIGHT_BIT, chunks.get(i)));
        }
        return parts;
    }

    private static List<SmsPart> withConcatenation(List<byte[]> chunks, Alphabet alphabet, int reference,
            boolean sixteenBit) {
        checkPartCount(chunks.size());
        List<SmsPart> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Element concat = UserDataHeader.concatenation(new Concatenation(reference, chunks.size(), i + 1, sixteenBit));
            parts.add(new SmsPart(UserDataHeader.of(concat), alphabet, chunks.get(i)));
        }
        return parts;
    }

    /** UDHL + IEI + length + data of a header holding only a concatenation element. */
    private static int concatenationHeaderOctets(boolean sixteenBit) {
        return sixteenBit ? 7 : 6;
    }

    private static void checkPartCount(int parts) {
        if (parts > 255) {
            throw new PhoneCodecException(Problem.MESSAGE_TOO_LONG, "the message needs " + parts
                    + " parts; a concatenated message has at most 255");
        }
    }

    private static void checkReference(int reference, boolean sixteenBit) {
        int max = sixteenBit ? 0xFFFF : 0xFF;
        if (reference < 0 || reference > max) {
            throw new IllegalArgumentException("the concatenation reference must be 0 to " + max + ", got " + reference);
        }
    }
}
