package io.tapbus.connector.phone.mm7;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One body part of a MIME multipart: its headers (names in lower case, in order) and its body as it stands on the
 * wire. {@link #content()} undoes a base64 Content-Transfer-Encoding.
 */
public record MimePart(Map<String, String> headers, byte[] body) {

    public MimePart {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String contentType() {
        String type = header("content-type");
        return type == null ? "text/plain" : type.strip();
    }

    /** The Content-ID without its angle brackets, or null. */
    public String contentId() {
        String id = header("content-id");
        return id == null ? null : MimeType.unbracket(id);
    }

    /** The body with its transfer encoding undone (base64; 7bit, 8bit and binary as they are). */
    public byte[] content() throws Mm7Exception {
        String encoding = header("content-transfer-encoding");
        if (encoding == null) {
            return body;
        }
        switch (encoding.strip().toLowerCase(Locale.ROOT)) {
            case "7bit", "8bit", "binary":
                return body;
            case "base64":
                try {
                    return Base64.getMimeDecoder().decode(new String(body, StandardCharsets.US_ASCII).strip());
                } catch (IllegalArgumentException e) {
                    throw new Mm7Exception(Mm7Exception.Problem.MALFORMED_REQUEST,
                            "a MIME part's base64 body does not decode");
                }
            default:
                throw new Mm7Exception(Mm7Exception.Problem.MALFORMED_REQUEST,
                        "unsupported Content-Transfer-Encoding " + encoding.strip());
        }
    }
}
