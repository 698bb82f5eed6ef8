package io.tapbus.runtime.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A request body that is JSON but not the request: the problem names the field and what it takes, in the
 * partner's terms (no Java class names). Amounts are integers in minor units: 12.5, 1e3 or "100" are refused.
 */
final class BodyProblems {
    private static final String OUT_OF_RANGE = "out of range (integers up to " + Long.MAX_VALUE + "; amounts are in minor units)";
    private BodyProblems() {
    }

    /** The problem for a body that does not bind, or null when the failure is not about one field. */
    static ApiProblem of(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return ApiProblem.badRequest("unknown field \"" + u.getPropertyName() + "\"; the fields of this request are "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty() && m.getCause() instanceof InputCoercionException) {
            return ApiProblem.badRequest("field " + path(m) + ": " + OUT_OF_RANGE);
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return ApiProblem.badRequest("field " + path(m) + ": expected " + expected(m.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && m.getPath().isEmpty()) {
            return ApiProblem.badRequest("the body must be a JSON object with this request's fields (see /api/openapi.json)");
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return ApiProblem.badRequest("field " + path(m) + ": not a valid value for this field (see /api/openapi.json)");
        }
        if (e instanceof JsonMappingException) {
            return ApiProblem.badRequest("the body does not match this request (see /api/openapi.json)");
        }
        if (e instanceof InputCoercionException c) {
            JsonParser parser = c.getProcessor();
            String field = parser == null ? null : parser.getParsingContext().getCurrentName();
            return ApiProblem.badRequest((field == null ? "a number" : "field " + field) + ": " + OUT_OF_RANGE);
        }
        return null;
    }

    /**
     * What is wrong with a body that is not JSON, in the parser's words without its Java side: no source location
     * block ("[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1]") and no backquoted Jackson
     * feature or type names (found by RestBodyFuzzTest); the line and column come last.
     */
    static String syntax(JsonProcessingException e) {
        String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        msg = SOURCE_WRAPPED.matcher(msg).replaceAll("");
        msg = SOURCE.matcher(msg).replaceAll("");
        int tick = msg.indexOf('`');
        if (tick >= 0) {
            int cut = Math.max(msg.lastIndexOf(':', tick), msg.lastIndexOf('(', tick));
            msg = cut > 0 ? msg.substring(0, cut) : "";
        }
        msg = msg.strip();
        if (msg.isEmpty()) {
            msg = "not valid JSON";
        }
        JsonLocation at = e.getLocation();
        return at != null && at.getLineNr() > 0 ? msg + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
                : msg;
    }

    private static final Pattern SOURCE_WRAPPED = Pattern.compile(
            "\\s*\\(for (?:Object|Array|root value) starting at \\[Source:[^\\]]*\\][^)]*\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\[Source:[^\\]]*\\]");

    private static String path(JsonMappingException m) {
        return m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class || type == short.class
                || type == Short.class) {
            return "an integer (amounts in minor units, e.g. 1250 for 12.50; no fraction, exponent or string)";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
