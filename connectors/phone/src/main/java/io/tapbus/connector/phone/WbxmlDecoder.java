package io.tapbus.connector.phone;

import static io.tapbus.connector.phone.WbxmlEncoder.END;
import static io.tapbus.connector.phone.WbxmlEncoder.ENTITY;
import static io.tapbus.connector.phone.WbxmlEncoder.HAS_ATTRIBUTES;
import static io.tapbus.connector.phone.WbxmlEncoder.HAS_CONTENT;
import static io.tapbus.connector.phone.WbxmlEncoder.OPAQUE;
import static io.tapbus.connector.phone.WbxmlEncoder.STR_I;
import static io.tapbus.connector.phone.WbxmlEncoder.STR_T;
import static io.tapbus.connector.phone.WbxmlEncoder.SWITCH_PAGE;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import io.tapbus.connector.phone.PushDocumentType.AttributeStart;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decodes SI and SL WBXML (WAP-192) back to a {@link PushDocument}: inline and string table strings, entities,
 * OPAQUE dates, code page 0. Literal tags and attributes, extensions and processing instructions, which SI and SL
 * never need, are refused, as are unknown tokens, truncation and data after the root element.
 */
public final class WbxmlDecoder {

    private static final int MAX_DEPTH = 8;

    private final byte[] wbxml;
    private int position;
    private PushDocumentType type;
    private Charset charset;
    private byte[] stringTable;

    private WbxmlDecoder(byte[] wbxml) {
        this.wbxml = wbxml;
    }

    public static PushDocument decode(byte[] wbxml) {
        return new WbxmlDecoder(wbxml).document();
    }

    private PushDocument document() {
        int version = octet("version");
        if (version > 0x03) {
            throw malformed(String.format("WBXML version 0x%02X is not 1.0 to 1.3", version));
        }
        long publicId = multiByte("public id");
        type = PushDocumentType.ofPublicId(publicId);
        if (type == null) {
            throw malformed("public id " + publicId + " is neither SI (5) nor SL (6)");
        }
        long mib = multiByte("charset");
        charset = switch ((int) Math.min(mib, Integer.MAX_VALUE)) {
            case 106 -> StandardCharsets.UTF_8;
            case 4 -> StandardCharsets.ISO_8859_1;
            case 3 -> StandardCharsets.US_ASCII;
            default -> throw malformed("charset MIBenum " + mib + " is not UTF-8 (106), ISO-8859-1 (4) or US-ASCII (3)");
        };
        long tableLength = multiByte("string table length");
        if (tableLength > remaining()) {
            throw malformed("the string table claims " + tableLength + " octets but " + remaining() + " remain");
        }
        stringTable = Arrays.copyOfRange(wbxml, position, position + (int) tableLength);
        position += (int) tableLength;
        PushElement root = element(0);
        if (!root.name().equals(type.rootElement())) {
            throw malformed("the root element is <" + root.name() + ">, not <" + type.rootElement() + ">");
        }
        if (remaining() > 0) {
            throw malformed(remaining() + " octets follow the end of the root element");
        }
        return new PushDocument(type, root);
    }

    private PushElement element(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("elements nest deeper than " + MAX_DEPTH);
        }
        int token = tagToken();
        String name = type.element(token & 0x3F);
        if (name == null) {
            throw malformed(String.format("tag token 0x%02X is not an element of %s", token, type.name()));
        }
        List<Map.Entry<String, String>> attributes = new ArrayList<>();
        if ((token & HAS_ATTRIBUTES) != 0) {
            attributes = attributes(name);
        }
        List<Object> content = new ArrayList<>();
        if ((token & HAS_CONTENT) != 0) {
            StringBuilder text = new StringBuilder();
            while (true) {
                int next = peek("content of <" + name + ">");
                if (next == END) {
                    position++;
                    break;
                }
                if (next == STR_I || next == STR_T || next == ENTITY) {
                    text.append(string());
                } else {
                    flushText(name, text, content);
                    content.add(element(depth + 1));
                }
            }
            flushText(name, text, content);
        }
        return new PushElement(name, attributes, content);
    }

    private void flushText(String element, StringBuilder text, List<Object> content) {
        if (text.isEmpty()) {
            return;
        }
        if (!type.holdsText(element)) {
            throw malformed("<" + element + "> holds text, which " + type.name() + " does not allow there");
        }
        content.add(text.toString());
        text.setLength(0);
    }

    /** A tag token, after any SWITCH_PAGE to page 0. */
    private int tagToken() {
        int token = octet("tag");
        while (token == SWITCH_PAGE) {
            int page = octet("code page");
            if (page != 0) {
                throw malformed("code page " + page + " is not defined for " + type.name());
            }
            token = octet("tag");
        }
        if ((token & 0x3F) < 0x05) {
            throw malformed(String.format("token 0x%02X where a tag was expected (literal tags, extensions and"
                    + " processing instructions are not used by SI or SL)", token));
        }
        return token;
    }

    private List<Map.Entry<String, String>> attributes(String element) {
        List<Map.Entry<String, String>> attributes = new ArrayList<>();
        while (true) {
            int token = octet("attribute of <" + element + ">");
            if (token == END) {
                return attributes;
            }
            if (token == SWITCH_PAGE) {
                if (octet("code page") != 0) {
                    throw malformed("attribute code pages other than 0 are not defined for " + type.name());
                }
                continue;
            }
            AttributeStart start = token < 0x80 ? type.attributeStart(token) : null;
            if (start == null) {
                throw malformed(String.format("token 0x%02X is not an attribute start of %s", token, type.name()));
            }
            StringBuilder value = new StringBuilder(start.valuePrefix() == null ? "" : start.valuePrefix());
            while (true) {
                int next = peek("attribute " + start.name());
                if (next == STR_I || next == STR_T || next == ENTITY) {
                    value.append(string());
                } else if (next == OPAQUE) {
                    position++;
                    if (!type.isDate(start.name())) {
                        throw malformed("OPAQUE data in " + start.name() + ", which is not a date");
                    }
                    value.append(SiDate.decode(bytes("date", (int) multiByte("OPAQUE length"))));
                } else if (next >= 0x80) {
                    position++;
                    value.append(valueToken(next));
                } else {
                    break;
                }
            }
            attributes.add(new AbstractMap.SimpleImmutableEntry<>(start.name(), value.toString()));
        }
    }

    private static String valueToken(int token) {
        for (Map.Entry<String, Integer> t : PushDocumentType.VALUE_TOKENS.entrySet()) {
            if (t.getValue() == token) {
                return t.getKey();
            }
        }
        throw malformed(String.format("token 0x%02X is not an attribute value token", token));
    }

    /** STR_I, STR_T or ENTITY. */
    private String string() {
        int token = octet("string");
        if (token == ENTITY) {
            long codePoint = multiByte("entity");
            if (!xmlChar(codePoint)) {
                throw malformed("entity " + codePoint + " is not a character XML allows");
            }
            return new String(Character.toChars((int) codePoint));
        }
        if (token == STR_T) {
            long offset = multiByte("string table reference");
            if (offset >= stringTable.length) {
                throw malformed("string table reference " + offset + " is outside the " + stringTable.length
                        + "-octet table");
            }
            return terminated(stringTable, (int) offset, "string table entry at " + offset);
        }
        String s = terminated(wbxml, position, "inline string at offset " + position);
        position = nul(wbxml, position) + 1;
        return s;
    }

    private String terminated(byte[] source, int from, String what) {
        int end = nul(source, from);
        if (end < 0) {
            throw malformed(what + " has no terminating NUL");
        }
        String s = new String(source, from, end - from, charset);
        if (!s.codePoints().allMatch(WbxmlDecoder::xmlChar)) {
            throw malformed(what + " holds a character XML does not allow");
        }
        return s;
    }

    private static int nul(byte[] source, int from) {
        for (int i = from; i < source.length; i++) {
            if (source[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean xmlChar(long c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private int remaining() {
        return wbxml.length - position;
    }

    private int peek(String what) {
        if (remaining() < 1) {
            throw malformed("the data ends inside the " + what);
        }
        return wbxml[position] & 0xFF;
    }

    private int octet(String what) {
        int b = peek(what);
        position++;
        return b;
    }

    private byte[] bytes(String what, int n) {
        if (n > remaining()) {
            throw malformed(what + " claims " + n + " octets but " + remaining() + " remain");
        }
        byte[] b = Arrays.copyOfRange(wbxml, position, position + n);
        position += n;
        return b;
    }

    /** mb_u_int32: 7 bits an octet, most significant first, at most 5 octets (WAP-192 §5.1). */
    private long multiByte(String what) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            int b = octet(what);
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (value > 0xFFFFFFFFL) {
                    throw malformed(what + " does not fit 32 bits");
                }
                return value;
            }
        }
        throw malformed(what + " is longer than 5 octets");
    }

    private static PhoneCodecException malformed(String message) {
        return new PhoneCodecException(Problem.WBXML_MALFORMED, "WBXML: " + message);
    }
}
