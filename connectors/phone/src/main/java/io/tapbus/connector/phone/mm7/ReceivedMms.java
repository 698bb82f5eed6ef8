package io.tapbus.connector.phone.mm7;

import java.util.ArrayList;
import java.util.List;

/**
 * A SubmitReq as the MMSC receives it over HTTP: the SOAP part read, and the media parts of its attachment,
 * flattened out of nested multiparts and with their transfer encoding undone. Used by the MMSC simulator and tests.
 */
public record ReceivedMms(ReceivedSubmit submit, List<MmsPart> parts) {

    public ReceivedMms {
        parts = List.copyOf(parts);
    }

    /** Reads an HTTP body with its Content-Type: a multipart/related with the envelope at its root, or bare XML. */
    public static ReceivedMms read(String contentType, byte[] body) throws Mm7Exception {
        if (!MimeType.base(contentType).startsWith("multipart/")) {
            return new ReceivedMms(Mm7Reader.submitRequest(body), List.of());
        }
        List<MimePart> parts = Multipart.parse(contentType, body);
        MimePart root = Multipart.root(contentType, parts);
        ReceivedSubmit submit = Mm7Reader.submitRequest(root.content());
        List<MmsPart> media = new ArrayList<>();
        for (MimePart p : parts) {
            if (p != root && (submit.contentId() == null || submit.contentId().equals(p.contentId()))) {
                flatten(p, media);
            }
        }
        if (submit.contentId() != null && media.isEmpty()) {
            throw new Mm7Exception(Mm7Exception.Problem.MALFORMED_REQUEST,
                    "no MIME part has the Content-ID the SubmitReq's Content href names");
        }
        return new ReceivedMms(submit, media);
    }

    /** An id as {@link MmsPart} takes it (not blank, no angle brackets), or null. */
    private static String usable(String id) {
        return id == null || id.isBlank() || id.contains("<") || id.contains(">") ? null : id.strip();
    }

    private static void flatten(MimePart part, List<MmsPart> out) throws Mm7Exception {
        String type = part.contentType();
        if (MimeType.base(type).startsWith("multipart/")) {
            for (MimePart inner : Multipart.parse(type, part.body())) {
                flatten(inner, out);
            }
            return;
        }
        String id = usable(part.contentId());
        if (id == null) {
            id = usable(part.header("content-location"));
        }
        if (id == null) {
            id = "part-" + (out.size() + 1);
        }
        out.add(new MmsPart(id, type, part.content()));
    }
}
