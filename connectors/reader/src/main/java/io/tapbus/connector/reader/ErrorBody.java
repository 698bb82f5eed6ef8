package io.tapbus.connector.reader;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** The body of an ERROR frame: {@code {"code":"BAD_MAC","reason":"human readable"}}. */
public record ErrorBody(String code, String reason) {

    public byte[] toJson() {
        return Json.write(this);
    }

    /**
     * Reads an ERROR body leniently: a reader must be able to show whatever the server said, so a body
     * that is not the expected object yields code "INTERNAL" with the raw text as reason.
     */
    public static ErrorBody parse(byte[] body) {
        try {
            JsonNode node = Json.object(body);
            String code = Json.text(node, "code");
            String reason = Json.text(node, "reason");
            return new ErrorBody(code == null ? ErrorCode.INTERNAL.name() : code, reason == null ? "" : reason);
        } catch (IllegalArgumentException e) {
            return new ErrorBody(ErrorCode.INTERNAL.name(), new String(body, StandardCharsets.UTF_8));
        }
    }
}
