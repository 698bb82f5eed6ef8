package io.tapbus.connector.phone.mm7;

import java.util.Objects;

/**
 * One media object of an MMS: a Content-ID the SMIL presentation refers to, a MIME type ({@code image/png},
 * {@code text/plain; charset=utf-8}, {@code application/smil}) and the bytes.
 */
public record MmsPart(String contentId, String contentType, byte[] content) {

    public MmsPart {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        if (contentId.isBlank() || contentId.contains("<") || contentId.contains(">")) {
            throw new IllegalArgumentException("a Content-ID is a non-empty id without angle brackets");
        }
    }

    public boolean isSmil() {
        return MimeType.base(contentType).equals("application/smil");
    }

    @Override
    public String toString() {
        return "MmsPart[" + contentId + ", " + contentType + ", " + content.length + " bytes]";
    }
}
