package io.tapbus.connector.phone.mm7;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML side of MM7: its namespaces, and a namespace-aware DOM parser with DOCTYPEs, external entities and XInclude
 * off (an MMSC's answer or a delivery report cannot make TapBus read a file or a URL). Elements are found by local
 * name within the MM7 body, because MMSCs differ in prefixes and some put the MM7 namespace on the envelope.
 */
public final class Mm7Xml {

    /** SOAP 1.1 envelope namespace. */
    public static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    /** The Rel-6 MM7 schema TapBus writes (REL-6-MM7-1-4, MM7 version 6.8.0). */
    public static final String MM7_NS = "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4";
    public static final String MM7_VERSION = "6.8.0";
    /** Every MM7 schema namespace starts with this; answers in another release's namespace are read too. */
    static final String MM7_NS_PREFIX = "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/";

    private static final DocumentBuilderFactory FACTORY = factory();

    private Mm7Xml() {
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /** Parses XML bytes; a document with a DOCTYPE is refused. The message of the exception names no content. */
    static Document parse(byte[] xml) throws SAXException, IOException {
        DocumentBuilder builder;
        try {
            builder = FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        builder.setErrorHandler(new DefaultHandler()); // no stderr output; errors are thrown
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
        });
        return builder.parse(new ByteArrayInputStream(xml));
    }

    static boolean isMm7(Node node) {
        String ns = node.getNamespaceURI();
        return ns != null && ns.startsWith(MM7_NS_PREFIX);
    }

    /** The element children of {@code parent}. */
    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The first child element named {@code localName}, or null. */
    static Element child(Element parent, String localName) {
        for (Element e : children(parent)) {
            if (localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** The stripped text of the child named {@code localName}, or null when there is none. */
    static String childText(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? null : e.getTextContent().strip();
    }
}
