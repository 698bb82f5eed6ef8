package io.tapbus.connector.phone.mm7;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the MM7 SOAP envelopes, in the layout of TS 23.140 Annex L: {@code env:} for SOAP 1.1, the TransactionID in
 * the header with {@code mustUnderstand="1"}, the MM7 element in the body with the Rel-6 namespace as its default
 * namespace. Errors go in a SOAP Fault whose detail holds RSErrorRsp (from the MMSC) or VASPErrorRsp (from TapBus).
 */
public final class Mm7Writer {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private Mm7Writer() {
    }

    /** The SubmitReq envelope for {@code request}, its Content pointing at {@code contentId}. */
    public static byte[] submitReq(Mm7Account account, SubmitRequest request, String contentId) throws Mm7Exception {
        List<String> numbers = new java.util.ArrayList<>();
        for (String r : request.recipients()) {
            numbers.add(SubmitRequest.number(r));
        }
        return envelope(request.transactionId(), x -> {
            x.begin("SubmitReq", true);
            x.leaf("MM7Version", Mm7Xml.MM7_VERSION);
            x.begin("SenderIdentification", false);
            x.leaf("VASPID", account.vaspId());
            x.leaf("VASID", account.vasId());
            if (account.senderShortCode() != null) {
                x.begin("SenderAddress", false);
                x.leaf("ShortCode", account.senderShortCode());
                x.end();
            }
            x.end();
            x.begin("Recipients", false);
            x.begin("To", false);
            for (String n : numbers) {
                x.leaf("Number", n);
            }
            x.end();
            x.end();
            if (account.serviceCode() != null) {
                x.leaf("ServiceCode", account.serviceCode());
            }
            x.leaf("DeliveryReport", Boolean.toString(request.deliveryReport()));
            x.leaf("Subject", request.subject());
            x.w.writeEmptyElement("", "Content", Mm7Xml.MM7_NS);
            x.w.writeAttribute("href", "cid:" + contentId);
            x.w.writeAttribute("allowAdaptations", "true");
            x.end();
        });
    }

    /** MM7_submit.RES: status 1000 and the message id the MMSC gave. */
    public static byte[] submitRsp(String transactionId, String messageId) throws Mm7Exception {
        return envelope(transactionId, x -> {
            x.begin("SubmitRsp", true);
            x.leaf("MM7Version", Mm7Xml.MM7_VERSION);
            status(x, Mm7Status.of(Mm7Status.SUCCESS));
            x.leaf("MessageID", messageId);
            x.end();
        });
    }

    /** The MMSC's error answer: a SOAP Fault (Client for 2xxx and 4xxx, Server for 3xxx) holding RSErrorRsp. */
    public static byte[] rsErrorFault(String transactionId, Mm7Status status) throws Mm7Exception {
        return fault(transactionId, "RSErrorRsp", status);
    }

    /** TapBus's error answer to a request from the MMSC: a SOAP Fault holding VASPErrorRsp. */
    public static byte[] vaspErrorFault(String transactionId, Mm7Status status) throws Mm7Exception {
        return fault(transactionId, "VASPErrorRsp", status);
    }

    /** MM7_delivery_report.REQ, as the MMSC sends it. */
    public static byte[] deliveryReportReq(DeliveryReport report, String relayServerId) throws Mm7Exception {
        return envelope(report.transactionId(), x -> {
            x.begin("DeliveryReportReq", true);
            x.leaf("MM7Version", Mm7Xml.MM7_VERSION);
            if (relayServerId != null) {
                x.leaf("MMSRelayServerID", relayServerId);
            }
            x.leaf("MessageID", report.messageId());
            x.begin("Recipient", false);
            x.leaf(addressKind(report.recipient()), report.recipient());
            x.end();
            if (report.sender() != null) {
                x.begin("Sender", false);
                x.leaf(addressKind(report.sender()), report.sender());
                x.end();
            }
            x.leaf("Date", report.date());
            x.leaf("MMStatus", report.status().wire());
            if (report.statusText() != null) {
                x.leaf("StatusText", report.statusText());
            }
            x.end();
        });
    }

    /** MM7_delivery_report.RES, TapBus's answer to a delivery report. */
    public static byte[] deliveryReportRsp(String transactionId, Mm7Status status) throws Mm7Exception {
        return envelope(transactionId, x -> {
            x.begin("DeliveryReportRsp", true);
            x.leaf("MM7Version", Mm7Xml.MM7_VERSION);
            status(x, status);
            x.end();
        });
    }

    private static byte[] fault(String transactionId, String element, Mm7Status status) throws Mm7Exception {
        return envelope(transactionId, x -> {
            x.w.writeStartElement("env", "Fault", Mm7Xml.SOAP_ENV);
            boolean server = status.kind() == Mm7Status.Kind.SERVER_ERROR;
            x.w.writeStartElement("faultcode");
            x.w.writeCharacters(server ? "env:Server" : "env:Client");
            x.w.writeEndElement();
            x.w.writeStartElement("faultstring");
            x.w.writeCharacters(status.meaning());
            x.w.writeEndElement();
            x.w.writeStartElement("detail");
            x.begin(element, true);
            x.leaf("MM7Version", Mm7Xml.MM7_VERSION);
            status(x, status);
            x.end();
            x.w.writeEndElement();
            x.w.writeEndElement();
        });
    }

    /** RFC2822Address for an address with '@', Number for digits (with an optional '+'), ShortCode otherwise. */
    static String addressKind(String address) {
        if (address.contains("@")) {
            return "RFC2822Address";
        }
        return address.matches("\\+?[0-9]+") ? "Number" : "ShortCode";
    }

    private static void status(Out x, Mm7Status status) throws XMLStreamException {
        x.begin("Status", false);
        x.leaf("StatusCode", Integer.toString(status.code()));
        x.leaf("StatusText", status.meaning());
        x.end();
    }

    private static byte[] envelope(String transactionId, Body body) throws Mm7Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("env", "Envelope", Mm7Xml.SOAP_ENV);
            w.writeNamespace("env", Mm7Xml.SOAP_ENV);
            w.writeStartElement("env", "Header", Mm7Xml.SOAP_ENV);
            w.writeStartElement("mm7", "TransactionID", Mm7Xml.MM7_NS);
            w.writeNamespace("mm7", Mm7Xml.MM7_NS);
            w.writeAttribute("env", Mm7Xml.SOAP_ENV, "mustUnderstand", "1");
            w.writeCharacters(transactionId);
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("env", "Body", Mm7Xml.SOAP_ENV);
            body.write(new Out(w));
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new Mm7Exception(Mm7Exception.Problem.BAD_REQUEST, "the MM7 envelope could not be written", e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(Out x) throws XMLStreamException;
    }

    /** Elements in the MM7 namespace, unprefixed under a default namespace declaration. */
    private static final class Out {
        final XMLStreamWriter w;

        Out(XMLStreamWriter w) {
            this.w = w;
        }

        void begin(String name, boolean declare) throws XMLStreamException {
            w.writeStartElement("", name, Mm7Xml.MM7_NS);
            if (declare) {
                w.writeDefaultNamespace(Mm7Xml.MM7_NS);
            }
        }

        void leaf(String name, String text) throws XMLStreamException {
            w.writeStartElement("", name, Mm7Xml.MM7_NS);
            w.writeCharacters(text == null ? "" : text);
            w.writeEndElement();
        }

        void end() throws XMLStreamException {
            w.writeEndElement();
        }
    }
}
