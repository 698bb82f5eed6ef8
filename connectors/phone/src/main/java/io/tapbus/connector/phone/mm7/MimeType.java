package io.tapbus.connector.phone.mm7;

import java.util.Locale;

/** Reading a Content-Type header: its media type and its parameters, quoted or not (RFC 2045 §5.1). */
final class MimeType {

    private MimeType() {
    }

    /** The media type in lower case, without parameters: {@code multipart/related}. */
    static String base(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** The value of parameter {@code name} (case-insensitive), unquoted; null when absent. */
    static String parameter(String contentType, String name) {
        int i = contentType.indexOf(';');
        while (i >= 0 && i < contentType.length()) {
            int eq = contentType.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String key = contentType.substring(i + 1, eq).strip();
            int start = eq + 1;
            while (start < contentType.length() && contentType.charAt(start) == ' ') {
                start++;
            }
            String value;
            int next;
            if (start < contentType.length() && contentType.charAt(start) == '"') {
                int close = contentType.indexOf('"', start + 1);
                if (close < 0) {
                    return null;
                }
                value = contentType.substring(start + 1, close);
                next = contentType.indexOf(';', close);
            } else {
                next = contentType.indexOf(';', start);
                value = (next < 0 ? contentType.substring(start) : contentType.substring(start, next)).strip();
            }
            if (key.equalsIgnoreCase(name)) {
                return value;
            }
            i = next;
        }
        return null;
    }

    /** {@code <id>} without its brackets; {@code cid:id} without its scheme. */
    static String unbracket(String id) {
        String s = id.strip();
        if (s.regionMatches(true, 0, "cid:", 0, 4)) {
            s = s.substring(4);
        }
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.strip();
    }
}
