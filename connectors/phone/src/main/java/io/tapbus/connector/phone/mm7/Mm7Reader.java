package io.tapbus.connector.phone.mm7;

import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Reads MM7 SOAP envelopes: the TransactionID from the header, then the one MM7 element in the body. An MMSC's
 * negative answer (a SOAP Fault holding RSErrorRsp, a bare RSErrorRsp, or a SubmitRsp whose status is not success)
 * becomes an {@link Mm7Exception} with the MM7 status; anything that is not such an envelope becomes
 * {@code MALFORMED_ANSWER} (answers) or {@code MALFORMED_REQUEST} (requests), naming what is missing.
 */
public final class Mm7Reader {

    private Mm7Reader() {
    }

    /** The body element of an envelope and the header's TransactionID (null when the header has none). */
    record Envelope(String transactionId, Element body) {
    }

    /** An MMSC's answer to a SubmitReq: its result when it accepted, an exception with the status when not. */
    public static SubmitResult submitResponse(byte[] xml) throws Mm7Exception {
        Envelope env = envelope(xml, Problem.MALFORMED_ANSWER);
        Element rsp = env.body();
        if (!"SubmitRsp".equals(rsp.getLocalName())) {
            throw new Mm7Exception(Problem.MALFORMED_ANSWER,
                    "expected SubmitRsp in the SOAP body, got " + rsp.getLocalName());
        }
        Mm7Status status = status(rsp, Problem.MALFORMED_ANSWER);
        if (!status.success()) {
            throw refusal(status, "SubmitRsp");
        }
        String messageId = Mm7Xml.childText(rsp, "MessageID");
        if (messageId == null || messageId.isEmpty()) {
            throw new Mm7Exception(Problem.MALFORMED_ANSWER, "SubmitRsp with status " + status.code()
                    + " has no MessageID");
        }
        return new SubmitResult(env.transactionId(), messageId, status);
    }

    /** A DeliveryReportReq from the MMSC. */
    public static DeliveryReport deliveryReport(byte[] xml) throws Mm7Exception {
        Envelope env = envelope(xml, Problem.MALFORMED_REQUEST);
        Element req = env.body();
        if (!"DeliveryReportReq".equals(req.getLocalName())) {
            throw new Mm7Exception(Problem.UNSUPPORTED_OPERATION,
                    "expected DeliveryReportReq in the SOAP body, got " + req.getLocalName());
        }
        String messageId = required(req, "MessageID");
        Element recipient = Mm7Xml.child(req, "Recipient");
        String to = recipient == null ? null : address(recipient);
        if (to == null) {
            throw new Mm7Exception(Problem.MALFORMED_REQUEST, "DeliveryReportReq has no Recipient address");
        }
        Element sender = Mm7Xml.child(req, "Sender");
        String statusText = required(req, "MMStatus");
        MmStatus status = MmStatus.fromWire(statusText);
        if (status == null) {
            throw new Mm7Exception(Problem.MALFORMED_REQUEST, "DeliveryReportReq has an MMStatus the schema does not"
                    + " list (" + statusText.length() + " characters)");
        }
        String date = Mm7Xml.childText(req, "Date");
        return new DeliveryReport(env.transactionId(), messageId, to, sender == null ? null : address(sender),
                date == null ? Mm7Xml.childText(req, "TimeStamp") : date, status, Mm7Xml.childText(req, "StatusText"));
    }

    /** A SubmitReq, as the MMSC reads it. */
    public static ReceivedSubmit submitRequest(byte[] xml) throws Mm7Exception {
        Envelope env = envelope(xml, Problem.MALFORMED_REQUEST);
        Element req = env.body();
        if (!"SubmitReq".equals(req.getLocalName())) {
            throw new Mm7Exception(Problem.UNSUPPORTED_OPERATION, "expected SubmitReq in the SOAP body, got "
                    + req.getLocalName());
        }
        Element sender = Mm7Xml.child(req, "SenderIdentification");
        Element recipients = Mm7Xml.child(req, "Recipients");
        List<String> to = new ArrayList<>();
        if (recipients != null) {
            for (Element kind : Mm7Xml.children(recipients)) {
                for (Element a : Mm7Xml.children(kind)) {
                    to.add(a.getTextContent().strip());
                }
            }
        }
        if (to.isEmpty()) {
            throw new Mm7Exception(Problem.MALFORMED_REQUEST, "SubmitReq has no recipient");
        }
        Element content = Mm7Xml.child(req, "Content");
        String href = content == null ? null : content.getAttribute("href");
        return new ReceivedSubmit(env.transactionId(), Mm7Xml.childText(req, "MM7Version"),
                sender == null ? null : Mm7Xml.childText(sender, "VASPID"),
                sender == null ? null : Mm7Xml.childText(sender, "VASID"), to, Mm7Xml.childText(req, "ServiceCode"),
                Mm7Xml.childText(req, "Subject"), "true".equalsIgnoreCase(Mm7Xml.childText(req, "DeliveryReport")),
                href == null || href.isEmpty() ? null : href);
    }

    /** The MM7 status of a DeliveryReportRsp (the MMSC side checks what the VASP answered). */
    public static Mm7Status deliveryReportResponse(byte[] xml) throws Mm7Exception {
        Envelope env = envelope(xml, Problem.MALFORMED_ANSWER);
        if (!"DeliveryReportRsp".equals(env.body().getLocalName())) {
            throw new Mm7Exception(Problem.MALFORMED_ANSWER, "expected DeliveryReportRsp, got "
                    + env.body().getLocalName());
        }
        return status(env.body(), Problem.MALFORMED_ANSWER);
    }

    static Envelope envelope(byte[] xml, Problem malformed) throws Mm7Exception {
        Document doc;
        try {
            doc = Mm7Xml.parse(xml);
        } catch (SAXException | IOException e) {
            throw new Mm7Exception(malformed, "not well-formed XML (" + xml.length + " bytes)");
        }
        Element root = doc.getDocumentElement();
        if (!"Envelope".equals(root.getLocalName()) || !Mm7Xml.SOAP_ENV.equals(root.getNamespaceURI())) {
            throw new Mm7Exception(malformed, "the document is not a SOAP 1.1 Envelope");
        }
        Element header = Mm7Xml.child(root, "Header");
        String transactionId = header == null ? null : Mm7Xml.childText(header, "TransactionID");
        Element body = Mm7Xml.child(root, "Body");
        List<Element> content = body == null ? List.of() : Mm7Xml.children(body);
        if (content.size() != 1) {
            throw new Mm7Exception(malformed, "the SOAP Body holds " + content.size() + " elements, not one");
        }
        Element payload = content.get(0);
        if ("Fault".equals(payload.getLocalName()) && Mm7Xml.SOAP_ENV.equals(payload.getNamespaceURI())) {
            throw fault(payload, malformed);
        }
        if (!Mm7Xml.isMm7(payload)) {
            throw new Mm7Exception(malformed, "the SOAP Body holds " + payload.getLocalName()
                    + " outside the MM7 namespace");
        }
        if ("RSErrorRsp".equals(payload.getLocalName()) || "VASPErrorRsp".equals(payload.getLocalName())) {
            throw refusal(status(payload, malformed), payload.getLocalName());
        }
        return new Envelope(transactionId, payload);
    }

    private static Mm7Exception fault(Element fault, Problem malformed) {
        String faultCode = Mm7Xml.childText(fault, "faultcode");
        Element detail = Mm7Xml.child(fault, "detail");
        Element error = null;
        if (detail != null) {
            for (Element e : Mm7Xml.children(detail)) {
                if (Mm7Xml.isMm7(e) && e.getLocalName().endsWith("ErrorRsp")) {
                    error = e;
                }
            }
        }
        if (error == null) {
            return new Mm7Exception(Problem.FAULT, null, "SOAP fault " + faultCode + " without an MM7 status", null);
        }
        try {
            return refusal(status(error, malformed), "SOAP fault " + faultCode + ", " + error.getLocalName());
        } catch (Mm7Exception e) {
            return e;
        }
    }

    private static Mm7Exception refusal(Mm7Status status, String where) {
        Problem problem = status.code() == 4001 ? Problem.UNAUTHORIZED : Problem.FAULT;
        return new Mm7Exception(problem, status, "MM7 status " + status + " in " + where, null);
    }

    private static Mm7Status status(Element parent, Problem malformed) throws Mm7Exception {
        Element status = Mm7Xml.child(parent, "Status");
        String code = status == null ? null : Mm7Xml.childText(status, "StatusCode");
        if (code == null) {
            throw new Mm7Exception(malformed, parent.getLocalName() + " has no Status/StatusCode");
        }
        try {
            return Mm7Status.of(Integer.parseInt(code));
        } catch (NumberFormatException e) {
            throw new Mm7Exception(malformed, parent.getLocalName() + " has a StatusCode that is not a number");
        }
    }

    private static String required(Element parent, String name) throws Mm7Exception {
        String text = Mm7Xml.childText(parent, name);
        if (text == null || text.isEmpty()) {
            throw new Mm7Exception(Problem.MALFORMED_REQUEST, parent.getLocalName() + " has no " + name);
        }
        return text;
    }

    /** The first address in an address element: Number, ShortCode, RFC2822Address or a newer kind. */
    private static String address(Element holder) {
        List<Element> kinds = Mm7Xml.children(holder);
        if (kinds.isEmpty()) {
            String text = holder.getTextContent().strip(); // some MMSCs write the sender as bare text
            return text.isEmpty() ? null : text;
        }
        String text = kinds.get(0).getTextContent().strip();
        return text.isEmpty() ? null : text;
    }
}
