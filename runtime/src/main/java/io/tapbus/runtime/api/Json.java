package io.tapbus.runtime.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.camel.Exchange;

/** Request parsing and response writing shared by the API beans. */
public final class Json {
    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The platform's JSON mapper. Reading is exact: an integer field (an amount in minor units, a count) takes
     * only a JSON integer, never a fraction, an exponent, a string or a boolean (no rounding, no coercion).
     */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public <T> T read(Exchange exchange, Class<T> type) throws IOException {
        return read(exchange.getMessage().getBody(String.class), type);
    }

    /**
     * A request body as the request type: the value, or an {@link ApiProblem} or a Jackson exception that
     * {@link ProblemResponder#toProblem} answers as 400 naming the field (RestBodyFuzzTest holds it to that).
     */
    public <T> T read(String body, Class<T> type) throws IOException {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("a JSON request body is required");
        }
        T value = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(body);
        if (value == null) {
            throw ApiProblem.badRequest("a JSON object is required");
        }
        return value;
    }

    public void reply(Exchange exchange, int status, Object value) throws IOException {
        exchange.getMessage().removeHeaders("*", "breadcrumbId"); // request headers must not echo into the response
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(mapper.writeValueAsString(value));
    }
}
