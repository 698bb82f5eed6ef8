package io.tapbus.connector.phone.mm7;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The structure of an XML document as lines, one per element in document order: its path of {namespace}local names,
 * its attributes (namespace declarations left out) and, for a leaf, its stripped text. Two documents with the same
 * lines have the same elements, namespaces, order, attributes and values, whatever their prefixes and whitespace.
 */
final class XmlShape {

    private XmlShape() {
    }

    static List<String> of(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        List<String> lines = new ArrayList<>();
        walk(root, "", lines);
        return lines;
    }

    /** The lines without those whose path contains one of {@code localNames} as an element. */
    static List<String> without(List<String> lines, String... localNames) {
        Predicate<String> dropped = line -> {
            for (String n : localNames) {
                if (line.contains("}" + n + "/") || line.contains("}" + n + " ") || line.endsWith("}" + n)) {
                    return true;
                }
            }
            return false;
        };
        return lines.stream().filter(dropped.negate()).toList();
    }

    /** The paths only (no attributes, no text). */
    static List<String> paths(List<String> lines) {
        return lines.stream().map(l -> l.split(" ", 2)[0]).toList();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = XmlShape.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void walk(Element e, String parent, List<String> out) {
        String path = parent + "/{" + e.getNamespaceURI() + "}" + e.getLocalName();
        StringBuilder line = new StringBuilder(path);
        TreeSet<String> attributes = new TreeSet<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Node a = map.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                attributes.add("@{" + a.getNamespaceURI() + "}" + a.getLocalName() + "=" + a.getNodeValue());
            }
        }
        attributes.forEach(a -> line.append(' ').append(a));
        List<Element> children = Mm7Xml.children(e);
        if (children.isEmpty()) {
            line.append(" = ").append(e.getTextContent().strip());
        }
        out.add(line.toString());
        children.forEach(c -> walk(c, path, out));
    }
}
