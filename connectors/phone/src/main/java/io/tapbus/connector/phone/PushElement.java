package io.tapbus.connector.phone;

import java.util.List;
import java.util.Map;

/**
 * An element of a Service Indication or Service Loading document: its name, its attributes in document order and its
 * content (elements and text, as {@link PushElement} and {@link String}).
 */
public record PushElement(String name, List<Map.Entry<String, String>> attributes, List<Object> content) {

    public PushElement {
        attributes = List.copyOf(attributes);
        content = List.copyOf(content);
    }

    /** The element as XML without indentation. */
    public String toXml() {
        StringBuilder xml = new StringBuilder();
        write(xml);
        return xml.toString();
    }

    private void write(StringBuilder xml) {
        xml.append('<').append(name);
        for (Map.Entry<String, String> a : attributes) {
            xml.append(' ').append(a.getKey()).append("=\"").append(escape(a.getValue(), true)).append('"');
        }
        if (content.isEmpty()) {
            xml.append("/>");
            return;
        }
        xml.append('>');
        for (Object child : content) {
            if (child instanceof PushElement element) {
                element.write(xml);
            } else {
                xml.append(escape((String) child, false));
            }
        }
        xml.append("</").append(name).append('>');
    }

    private static String escape(String text, boolean attribute) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
