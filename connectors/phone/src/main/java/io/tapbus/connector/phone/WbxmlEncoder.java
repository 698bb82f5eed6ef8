package io.tapbus.connector.phone;

import io.tapbus.connector.phone.PhoneCodecException.Problem;
import io.tapbus.connector.phone.PushDocumentType.AttributeStart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Encodes a Service Indication or Service Loading document (XML) to WBXML 1.2 (WAP-192) with the SI or SL token
 * tables: UTF-8, no string table, attributes in document order, href split into its attribute start token and
 * inline strings around the .com/ .edu/ .net/ .org/ value tokens, SI dates as OPAQUE, text with its white space
 * collapsed. The XML's DOCTYPE is read but never fetched.
 */
public final class WbxmlEncoder {

    public static final int VERSION_1_2 = 0x02;
    public static final int CHARSET_UTF8 = 0x6A;

    static final int SWITCH_PAGE = 0x00;
    static final int END = 0x01;
    static final int ENTITY = 0x02;
    static final int STR_I = 0x03;
    static final int STR_T = 0x83;
    static final int OPAQUE = 0xC3;
    static final int HAS_ATTRIBUTES = 0x80;
    static final int HAS_CONTENT = 0x40;

    private WbxmlEncoder() {
    }

    /** WBXML of the document; its root element says whether it is SI or SL. */
    public static byte[] encode(String xml) {
        return encode(parse(xml));
    }

    /** WBXML of the document, which must be of the given type. */
    public static byte[] encode(String xml, PushDocumentType expected) {
        PushDocument document = parse(xml);
        if (document.type() != expected) {
            throw new PhoneCodecException(Problem.XML_INVALID, "the root element is <" + document.root().name()
                    + ">, not <" + expected.rootElement() + ">");
        }
        return encode(document);
    }

    public static byte[] encode(PushDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION_1_2);
        out.write(document.type().publicId());
        out.write(CHARSET_UTF8);
        out.write(0); // string table length
        element(document.type(), document.root(), out);
        return out.toByteArray();
    }

    private static void element(PushDocumentType type, PushElement element, ByteArrayOutputStream out) {
        int tag = type.tag(element.name());
        if (tag < 0) {
            throw new PhoneCodecException(Problem.XML_INVALID, "<" + element.name() + "> is not an element of "
                    + type.name());
        }
        boolean attributes = !element.attributes().isEmpty();
        boolean content = !element.content().isEmpty();
        out.write(tag | (attributes ? HAS_ATTRIBUTES : 0) | (content ? HAS_CONTENT : 0));
        if (attributes) {
            for (Map.Entry<String, String> a : element.attributes()) {
                attribute(type, element.name(), a.getKey(), a.getValue(), out);
            }
            out.write(END);
        }
        if (content) {
            for (Object child : element.content()) {
                if (child instanceof PushElement e) {
                    element(type, e, out);
                } else {
                    inlineString((String) child, out);
                }
            }
            out.write(END);
        }
    }

    private static void attribute(PushDocumentType type, String element, String name, String value,
            ByteArrayOutputStream out) {
        AttributeStart start = null;
        for (AttributeStart candidate : type.attributeStarts()) {
            boolean nameMatches = candidate.name().equals(name);
            if (nameMatches && (candidate.valuePrefix() == null || (name.equals("action")
                    ? value.equals(candidate.valuePrefix()) : value.startsWith(candidate.valuePrefix())))) {
                start = candidate;
                break;
            }
        }
        if (start == null) {
            boolean known = type.attributeStarts().stream().anyMatch(a -> a.name().equals(name));
            throw new PhoneCodecException(Problem.XML_INVALID, known
                    ? name + "=\"" + value + "\" is not a value " + type.name() + " defines for " + name
                    : name + " is not an attribute of <" + element + "> in " + type.name());
        }
        out.write(start.token());
        if (name.equals("action")) {
            return;
        }
        if (type.isDate(name)) {
            byte[] date = SiDate.encode(value);
            out.write(OPAQUE);
            out.write(date.length);
            out.writeBytes(date);
            return;
        }
        String rest = start.valuePrefix() == null ? value : value.substring(start.valuePrefix().length());
        if (name.equals("href")) {
            urlValue(rest, out);
        } else if (!rest.isEmpty()) {
            inlineString(rest, out);
        }
    }

    /** Inline strings around the attribute value tokens (.com/ and the like). */
    private static void urlValue(String value, ByteArrayOutputStream out) {
        int i = 0;
        int textStart = 0;
        while (i < value.length()) {
            Integer token = null;
            String matched = null;
            for (Map.Entry<String, Integer> t : PushDocumentType.VALUE_TOKENS.entrySet()) {
                if (value.startsWith(t.getKey(), i)) {
                    token = t.getValue();
                    matched = t.getKey();
                }
            }
            if (token == null) {
                i++;
                continue;
            }
            if (i > textStart) {
                inlineString(value.substring(textStart, i), out);
            }
            out.write(token);
            i += matched.length();
            textStart = i;
        }
        if (value.length() > textStart) {
            inlineString(value.substring(textStart), out);
        }
    }

    private static void inlineString(String text, ByteArrayOutputStream out) {
        out.write(STR_I);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    /** Reads the XML into a document: elements, attributes in document order, text with collapsed white space. */
    public static PushDocument parse(String xml) {
        try {
            return read(factory().createXMLStreamReader(new StringReader(xml)));
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    /** Reads XML given as bytes, in the encoding its declaration names (UTF-8 when none). */
    public static PushDocument parse(byte[] xml) {
        try {
            return read(factory().createXMLStreamReader(new ByteArrayInputStream(xml)));
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static PhoneCodecException notWellFormed(XMLStreamException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ")";
        return new PhoneCodecException(Problem.XML_INVALID, "the document is not well-formed XML" + where);
    }

    private static PushDocument read(XMLStreamReader reader) {
        try {
            try {
                while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                    // prolog: declaration, DOCTYPE, comments
                }
                if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                    throw new PhoneCodecException(Problem.XML_INVALID, "the document has no root element");
                }
                PushDocumentType type = PushDocumentType.ofRootElement(reader.getLocalName());
                if (type == null) {
                    throw new PhoneCodecException(Problem.XML_INVALID, "the root element <" + reader.getLocalName()
                            + "> is neither <si> (Service Indication) nor <sl> (Service Loading)");
                }
                PushElement root = readElement(type, reader, 0);
                while (reader.hasNext()) {
                    reader.next();
                }
                return new PushDocument(type, root);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    private static PushElement readElement(PushDocumentType type, XMLStreamReader reader, int depth)
            throws XMLStreamException {
        String name = reader.getLocalName();
        if (depth > 8 || type.tag(name) < 0) {
            throw new PhoneCodecException(Problem.XML_INVALID, "<" + name + "> is not an element of " + type.name());
        }
        List<Map.Entry<String, String>> attributes = new ArrayList<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.add(new AbstractMap.SimpleImmutableEntry<>(reader.getAttributeLocalName(i),
                    reader.getAttributeValue(i)));
        }
        List<Object> content = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                content.add(readElement(type, reader, depth + 1));
            } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        String collapsed = text.toString().replaceAll("[ \t\r\n]+", " ").strip();
        if (!collapsed.isEmpty()) {
            if (!type.holdsText(name)) {
                throw new PhoneCodecException(Problem.XML_INVALID, "<" + name + "> holds elements, not text");
            }
            content.add(collapsed);
        }
        return new PushElement(name, attributes, content);
    }
}
