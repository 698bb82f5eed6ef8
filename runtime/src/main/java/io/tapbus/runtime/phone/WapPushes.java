package io.tapbus.runtime.phone;

import io.tapbus.connector.common.Masking;
import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.connector.phone.PushDocument;
import io.tapbus.connector.phone.PushDocumentType;
import io.tapbus.connector.phone.PushElement;
import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsPart;
import io.tapbus.connector.phone.WapPushSms;
import io.tapbus.connector.phone.WbxmlEncoder;
import io.tapbus.connector.phone.WspPush;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.write.WritePath;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAP Push sent by the bus ("download the information on the spot"): a Service Indication (WAP-167) or Service Loading
 * (WAP-168) document, tokenised as WBXML, in a connectionless WSP push PDU, as 8-bit binary short messages to WDP port
 * 2948 (data_coding 0x04, protocol id 0, port UDH, concatenated when long). The parts are queued in the durable SMS
 * outbox in one write unit, so the push travels like any SMS: never sent twice, with receipts and states on
 * {@code GET /api/sms/{id}}. Everything that could not go out is refused before the unit (a {@link DomainError}).
 */
public final class WapPushes {
    private static final Logger LOG = LoggerFactory.getLogger(WapPushes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** WAP push data: 8-bit, no message class (SMPP data_coding 0x04); an ordinary short message (TP-PID 0x00). */
    public static final int DATA_CODING = 0x04;
    public static final int PROTOCOL_ID = 0x00;
    /** The most short messages one push may take (handsets reassemble few WAP push segments). */
    public static final int MAX_PARTS = 10;
    public static final int MAX_HREF = 1024;
    public static final int MAX_TEXT = 1000;
    public static final int MAX_SI_ID = 64;

    /** What to push. {@code kind} SI or SL; text, created, expires and siId are SI only. */
    public record Push(String msisdn, String kind, String href, String text, String action, String created,
            String expires, String siId, String correlation, Duration validity) {}

    /** The outbox message that carries the push. */
    public record Queued(String messageId, String kind, int parts, String state) {}

    private final WritePath writes;
    private final SmsOutbox outbox;
    private final Duration defaultValidity;

    public WapPushes(WritePath writes, SmsOutbox outbox, Duration defaultValidity) {
        this.writes = writes;
        this.outbox = outbox;
        this.defaultValidity = defaultValidity;
    }

    public Queued send(Push push) {
        String msisdn = msisdn(push.msisdn());
        PushDocument document = document(push);
        List<byte[]> userData = userData(document);
        Duration validity = push.validity() == null ? defaultValidity : push.validity();
        SmsOutbox.Queued sms = writes.execute(b -> outbox.queueBinary(b, msisdn, userData, PROTOCOL_ID, DATA_CODING,
                push.correlation(), validity));
        LOG.info("WAP push {} to {}: {} part(s) queued as {}", document.type(), Masking.msisdn(msisdn), sms.parts(),
                sms.messageId());
        return new Queued(sms.messageId(), document.type().name(), sms.parts(), "QUEUED");
    }

    /** The document the push carries; refuses what SI or SL cannot say. */
    static PushDocument document(Push push) {
        PushDocumentType type = kind(push.kind());
        String action = push.action();
        boolean delete = "delete".equals(action);
        String href = push.href();
        if (href == null || href.isEmpty()) {
            if (type == PushDocumentType.SL || !delete) {
                throw DomainError.invalid("href is required (only an SI with action delete goes without one)");
            }
        } else {
            checkHref(href);
        }
        List<Map.Entry<String, String>> attributes = new ArrayList<>();
        if (type == PushDocumentType.SL) {
            if (push.text() != null || push.created() != null || push.expires() != null || push.siId() != null) {
                throw DomainError.invalid("text, created, expires and siId are for SI only: SL carries href and action");
            }
            attributes.add(entry("href", href));
            if (action != null) {
                attributes.add(entry("action", action));
            }
            return new PushDocument(type, new PushElement("sl", attributes, List.of()));
        }
        if (push.siId() != null && (push.siId().isEmpty() || push.siId().length() > MAX_SI_ID
                || !clean(push.siId()))) {
            throw DomainError.invalid("siId must be 1 to " + MAX_SI_ID + " printable characters");
        }
        if (delete && push.siId() == null) {
            throw DomainError.invalid("action delete needs the siId of the indication to delete (WAP-167 §6.2)");
        }
        String created = date("created", push.created());
        String expires = date("expires", push.expires());
        if (created != null && expires != null && !expires.equals(created)
                && OffsetDateTime.parse(expires).isBefore(OffsetDateTime.parse(created))) {
            throw DomainError.invalid("expires is before created");
        }
        if (href != null && !href.isEmpty()) {
            attributes.add(entry("href", href));
        }
        if (push.siId() != null) {
            attributes.add(entry("si-id", push.siId()));
        }
        if (created != null) {
            attributes.add(entry("created", created));
        }
        if (expires != null) {
            attributes.add(entry("si-expires", expires));
        }
        if (action != null) {
            attributes.add(entry("action", action));
        }
        List<Object> content = new ArrayList<>();
        if (push.text() != null && (push.text().length() > MAX_TEXT || !clean(push.text()))) {
            throw DomainError.invalid("text must be at most " + MAX_TEXT + " characters, without control characters");
        }
        if (push.text() != null && !push.text().isBlank()) {
            content.add(push.text().strip());
        }
        PushElement indication = new PushElement("indication", attributes, content);
        return new PushDocument(type, new PushElement("si", List.of(), List.of(indication)));
    }

    /** Each short message's TP user data, its UDH (ports, and concatenation when long) first. */
    static List<byte[]> userData(PushDocument document) {
        try {
            byte[] wbxml = WbxmlEncoder.encode(document);
            byte[] pdu = WspPush.encode(RANDOM.nextInt(256), document.type(), false, wbxml);
            if (pdu.length > MAX_PARTS * 128) {
                throw DomainError.invalid("the push is " + pdu.length + " octets; at most " + MAX_PARTS
                        + " short messages (" + MAX_PARTS * 128 + " octets) go to a phone: shorten text or href");
            }
            List<byte[]> out = new ArrayList<>();
            for (SmsPart part : WapPushSms.parts(pdu, RANDOM.nextInt(256), false)) {
                out.add(part.shortMessage(false));
            }
            return out;
        } catch (PhoneCodecException e) {
            throw DomainError.invalid(e.getMessage());
        }
    }

    private static String msisdn(String msisdn) {
        if (msisdn == null || msisdn.isBlank()) {
            throw DomainError.invalid("msisdn is required");
        }
        try {
            return "+" + SmppAddress.msisdn(msisdn).address();
        } catch (PhoneCodecException e) {
            throw DomainError.invalid(e.getMessage());
        }
    }

    private static PushDocumentType kind(String kind) {
        if ("SI".equals(kind)) {
            return PushDocumentType.SI;
        }
        if ("SL".equals(kind)) {
            return PushDocumentType.SL;
        }
        throw DomainError.invalid("kind must be SI (Service Indication) or SL (Service Loading)");
    }

    /** An absolute http or https URL with a host, at most {@link #MAX_HREF} characters, nothing a phone would choke on. */
    private static void checkHref(String href) {
        if (href.length() > MAX_HREF || !clean(href) || href.contains(" ")) {
            throw DomainError.invalid("href must be an http or https URL of at most " + MAX_HREF
                    + " characters without spaces or control characters");
        }
        try {
            URI uri = new URI(href);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw DomainError.invalid("href must be an absolute http:// or https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            throw DomainError.invalid("href is not a URL: " + e.getReason());
        }
    }

    /** An ISO-8601 date-time with offset, as WAP-167 writes it: UTC, to the second. */
    private static String date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.format(OffsetDateTime.parse(value).toInstant()
                    .truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            throw DomainError.invalid(field + " must be a date-time such as 2026-12-07T15:23:15Z");
        }
    }

    private static boolean clean(String s) {
        return s.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new SimpleImmutableEntry<>(name, value);
    }
}
