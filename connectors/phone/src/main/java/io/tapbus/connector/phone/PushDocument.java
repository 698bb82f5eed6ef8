package io.tapbus.connector.phone;

/** A Service Indication or Service Loading document: its type and its root element. */
public record PushDocument(PushDocumentType type, PushElement root) {

    /** The document as XML with its declaration and DOCTYPE, as WAP-167 and WAP-168 write them. */
    public String toXml() {
        return "<?xml version=\"1.0\"?>\n" + type.doctype() + "\n" + root.toXml() + "\n";
    }
}
