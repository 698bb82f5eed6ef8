package io.tapbus.connector.phone;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two WAP Push content types TapBus sends and their WBXML token tables: Service Indication (WAP-167 §9.3,
 * public id 0x05, application/vnd.wap.sic) and Service Loading (WAP-168 §9.3, public id 0x06,
 * application/vnd.wap.slc). Both use tag and attribute code page 0.
 */
public enum PushDocumentType {
    SI(0x05, "si", 0x2E, "-//WAPFORUM//DTD SI 1.0//EN", "http://www.wapforum.org/DTD/si.dtd",
            Map.of("si", 0x05, "indication", 0x06, "info", 0x07, "item", 0x08),
            List.of(
                start(0x05, "action", "signal-none"), start(0x06, "action", "signal-low"),
                start(0x07, "action", "signal-medium"), start(0x08, "action", "signal-high"),
                start(0x09, "action", "delete"), start(0x0A, "created", null),
                start(0x0F, "href", "https://www."), start(0x0D, "href", "http://www."),
                start(0x0E, "href", "https://"), start(0x0C, "href", "http://"), start(0x0B, "href", null),
                start(0x10, "si-expires", null), start(0x11, "si-id", null), start(0x12, "class", null)),
            Set.of("created", "si-expires"), Set.of("indication", "item")),
    SL(0x06, "sl", 0x30, "-//WAPFORUM//DTD SL 1.0//EN", "http://www.wapforum.org/DTD/sl.dtd",
            Map.of("sl", 0x05),
            List.of(
                start(0x05, "action", "execute-low"), start(0x06, "action", "execute-high"),
                start(0x07, "action", "cache"),
                start(0x0C, "href", "https://www."), start(0x0A, "href", "http://www."),
                start(0x0B, "href", "https://"), start(0x09, "href", "http://"), start(0x08, "href", null)),
            Set.of(), Set.of());

    /**
     * An attribute start token: the attribute name and, when not null, the start of its value the token stands for
     * (the whole value for action). Listed longest value first so the first match is the best one.
     */
    public record AttributeStart(int token, String name, String valuePrefix) {
    }

    /** Attribute value tokens, the same for SI and SL (WAP-167 §9.3.3, WAP-168 §9.3.3). */
    public static final Map<String, Integer> VALUE_TOKENS = Map.of(".com/", 0x85, ".edu/", 0x86, ".net/", 0x87,
            ".org/", 0x88);

    private final int publicId;
    private final String rootElement;
    private final int wspContentType;
    private final String dtdPublicId;
    private final String dtdSystemId;
    private final Map<String, Integer> tags;
    private final List<AttributeStart> attributeStarts;
    private final Set<String> dateAttributes;
    private final Set<String> textElements;

    PushDocumentType(int publicId, String rootElement, int wspContentType, String dtdPublicId, String dtdSystemId,
            Map<String, Integer> tags, List<AttributeStart> attributeStarts, Set<String> dateAttributes,
            Set<String> textElements) {
        this.publicId = publicId;
        this.rootElement = rootElement;
        this.wspContentType = wspContentType;
        this.dtdPublicId = dtdPublicId;
        this.dtdSystemId = dtdSystemId;
        this.tags = tags;
        this.attributeStarts = attributeStarts;
        this.dateAttributes = dateAttributes;
        this.textElements = textElements;
    }

    private static AttributeStart start(int token, String name, String valuePrefix) {
        return new AttributeStart(token, name, valuePrefix);
    }

    public int publicId() {
        return publicId;
    }

    public String rootElement() {
        return rootElement;
    }

    /** WSP well-known content type (WAP-230 Table 40): 0x2E application/vnd.wap.sic, 0x30 application/vnd.wap.slc. */
    public int wspContentType() {
        return wspContentType;
    }

    public String doctype() {
        return "<!DOCTYPE " + rootElement + " PUBLIC \"" + dtdPublicId + "\" \"" + dtdSystemId + "\">";
    }

    /** Tag token of an element, or -1. */
    public int tag(String element) {
        return tags.getOrDefault(element, -1);
    }

    /** Element of a tag token, or null. */
    public String element(int tag) {
        for (Map.Entry<String, Integer> e : tags.entrySet()) {
            if (e.getValue() == tag) {
                return e.getKey();
            }
        }
        return null;
    }

    public List<AttributeStart> attributeStarts() {
        return attributeStarts;
    }

    /** The attribute start token for a token value, or null. */
    public AttributeStart attributeStart(int token) {
        return attributeStarts.stream().filter(a -> a.token() == token).findFirst().orElse(null);
    }

    /** Attributes holding a date, tokenised as OPAQUE (WAP-167 §8.2.2). */
    public boolean isDate(String attribute) {
        return dateAttributes.contains(attribute);
    }

    /** Elements whose content is text (#PCDATA). */
    public boolean holdsText(String element) {
        return textElements.contains(element);
    }

    public static PushDocumentType ofPublicId(long publicId) {
        for (PushDocumentType t : values()) {
            if (t.publicId == publicId) {
                return t;
            }
        }
        return null;
    }

    public static PushDocumentType ofRootElement(String name) {
        for (PushDocumentType t : values()) {
            if (t.rootElement.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
