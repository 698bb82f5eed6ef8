package io.tapbus.connector.phone.mm7;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MIME multipart bodies (RFC 2046 §5.1) as MM7 carries them: written with CRLF line ends, read with CRLF or bare LF
 * (the examples in TS 23.140 Annex L, as they are usually reproduced, have bare LFs), with transport padding after a
 * delimiter allowed. A body that has no closing delimiter, or no part, is refused.
 */
public final class Multipart {

    private static final byte[] CRLF = {'\r', '\n'};

    private Multipart() {
    }

    /** The body: each part's headers, a blank line, its bytes; the closing delimiter last. */
    public static byte[] write(String boundary, List<MimePart> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MimePart part : parts) {
            ascii(out, "--" + boundary);
            out.writeBytes(CRLF);
            for (Map.Entry<String, String> h : part.headers().entrySet()) {
                ascii(out, headerName(h.getKey()) + ": " + h.getValue());
                out.writeBytes(CRLF);
            }
            out.writeBytes(CRLF);
            out.writeBytes(part.body());
            out.writeBytes(CRLF);
        }
        ascii(out, "--" + boundary + "--");
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /** The parts of a multipart body whose Content-Type names the boundary. */
    public static List<MimePart> parse(String contentType, byte[] body) throws Mm7Exception {
        String boundary = MimeType.parameter(contentType, "boundary");
        if (!MimeType.base(contentType).startsWith("multipart/") || boundary == null || boundary.isEmpty()) {
            throw malformed("not a multipart Content-Type with a boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<int[]> lines = delimiterLines(body, delimiter);
        List<MimePart> parts = new ArrayList<>();
        boolean closed = false;
        for (int i = 0; i < lines.size(); i++) {
            int[] line = lines.get(i); // {start of the delimiter line, end of it incl. its line end, 1 if closing}
            if (line[2] == 1) {
                closed = true;
                break;
            }
            if (i + 1 >= lines.size()) {
                break;
            }
            int end = lines.get(i + 1)[0];
            // the line end before the next delimiter belongs to the delimiter (RFC 2046)
            if (end > line[1] && body[end - 1] == '\n') {
                end--;
                if (end > line[1] && body[end - 1] == '\r') {
                    end--;
                }
            }
            parts.add(part(body, line[1], Math.max(end, line[1])));
        }
        if (!closed) {
            throw malformed("a multipart body without its closing delimiter");
        }
        if (parts.isEmpty()) {
            throw malformed("a multipart body without parts");
        }
        return parts;
    }

    /** The part named by {@code start} (a Content-ID), else the first part, as multipart/related says. */
    public static MimePart root(String contentType, List<MimePart> parts) throws Mm7Exception {
        String start = MimeType.parameter(contentType, "start");
        if (start == null) {
            return parts.get(0);
        }
        String id = MimeType.unbracket(start);
        for (MimePart p : parts) {
            if (id.equals(p.contentId())) {
                return p;
            }
        }
        throw malformed("no part has the Content-ID the start parameter names");
    }

    private static List<int[]> delimiterLines(byte[] body, byte[] delimiter) {
        List<int[]> found = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < body.length) {
            int lineEnd = lineStart;
            while (lineEnd < body.length && body[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = Math.min(lineEnd + 1, body.length);
            if (startsWith(body, lineStart, delimiter)) {
                int after = lineStart + delimiter.length;
                boolean closing = after + 1 < body.length && body[after] == '-' && body[after + 1] == '-';
                int rest = closing ? after + 2 : after;
                if (onlyPadding(body, rest, lineEnd)) {
                    found.add(new int[] {lineStart, next, closing ? 1 : 0});
                }
            }
            lineStart = next;
        }
        return found;
    }

    private static boolean onlyPadding(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static MimePart part(byte[] body, int from, int to) throws Mm7Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        int i = from;
        String last = null;
        while (true) {
            int eol = i;
            while (eol < to && body[eol] != '\n') {
                eol++;
            }
            String line = new String(body, i, eol - i, StandardCharsets.ISO_8859_1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            i = Math.min(eol + 1, to);
            if (line.isEmpty() || eol >= to) {
                if (!line.isEmpty()) {
                    throw malformed("a MIME part whose headers do not end with a blank line");
                }
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                headers.put(last, headers.get(last) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a MIME part header line without a name");
            }
            last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.put(last, line.substring(colon + 1).strip());
        }
        byte[] content = new byte[Math.max(0, to - i)];
        System.arraycopy(body, i, content, 0, content.length);
        return new MimePart(headers, content);
    }

    private static String headerName(String lower) {
        return switch (lower) {
            case "content-type" -> "Content-Type";
            case "content-id" -> "Content-ID";
            case "content-transfer-encoding" -> "Content-Transfer-Encoding";
            case "content-location" -> "Content-Location";
            default -> lower;
        };
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Mm7Exception malformed(String message) {
        return new Mm7Exception(Mm7Exception.Problem.MALFORMED_REQUEST, message);
    }
}
