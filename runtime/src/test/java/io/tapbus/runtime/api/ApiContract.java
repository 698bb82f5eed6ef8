package io.tapbus.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI document as a checker: given one HTTP exchange with the bus, it names every way the exchange
 * departs from the document (undocumented operation, status, media type, parameter, or a body that does not
 * match its JSON Schema). The REST tests pass every exchange through it, so the document cannot drift from
 * the code. A request is held to the document only when the bus accepted it (2xx): refusing a bad request is
 * the point of many tests.
 */
public final class ApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Statuses the HTTP server answers before any operation (the document's Errors section lists them once). */
    private static final java.util.Set<Integer> ANY_OPERATION = java.util.Set.of(414, 431);
    private static final Map<Path, ApiContract> LOADED = new ConcurrentHashMap<>();
    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Integer> exercised = new ConcurrentHashMap<>();

    /** One operation of the document: method, path template and its node. */
    public record Operation(String method, String template, Pattern pattern, String pointer, JsonNode node, int literalSegments) {
        public String operationId() {
            return node.path("operationId").asText();
        }
    }

    /** What a test saw: the request it sent and the answer it got. */
    public record Exchange(String method, URI uri, Map<String, List<String>> requestHeaders, String requestBody,
                           int status, String responseContentType, String responseBody) {
    }

    public ApiContract(JsonNode document) {
        this.document = document;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> verbs = path.getValue().fields();
            while (verbs.hasNext()) {
                Map.Entry<String, JsonNode> verb = verbs.next();
                if (!List.of("get", "put", "post", "delete", "patch", "head", "options").contains(verb.getKey())) {
                    continue;
                }
                String regex = "^" + path.getKey().replaceAll("\\{[^}/]+}", "[^/]+") + "$";
                int literal = (int) java.util.Arrays.stream(path.getKey().split("/")).filter(s -> !s.isEmpty() && !s.startsWith("{")).count();
                operations.add(new Operation(verb.getKey().toUpperCase(), path.getKey(), Pattern.compile(regex),
                        "/paths/" + escape(path.getKey()) + "/" + verb.getKey(), verb.getValue(), literal));
            }
        }
        operations.sort(Comparator.comparingInt(Operation::literalSegments).reversed());
    }

    /** The committed document, read once per file. */
    public static ApiContract of(Path documentFile) {
        return LOADED.computeIfAbsent(documentFile.toAbsolutePath().normalize(), f -> new ApiContract(ApiDocument.read(f)));
    }

    public JsonNode document() {
        return document;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** Operations exercised so far in this JVM, by operationId. */
    public Map<String, Integer> exercised() {
        return Map.copyOf(exercised);
    }

    public Optional<Operation> find(String method, String apiPath) {
        return operations.stream().filter(o -> o.method().equals(method) && o.pattern().matcher(apiPath).matches()).findFirst();
    }

    /** Every way the exchange departs from the document; empty when it conforms. */
    public List<String> violations(Exchange exchange) {
        List<String> found = new ArrayList<>();
        String apiPath = exchange.uri().getRawPath().replaceFirst("^/api", "");
        String what = exchange.method() + " " + apiPath + " -> " + exchange.status();
        Optional<Operation> match = find(exchange.method(), apiPath);
        if (match.isEmpty()) {
            if (exchange.status() >= 400) {
                checkProblem(found, what, exchange);
                return found;
            }
            found.add(what + ": the document has no such operation");
            return found;
        }
        Operation op = match.get();
        exercised.merge(op.operationId(), 1, Integer::sum);
        checkResponse(found, op, what, exchange);
        if (exchange.status() / 100 == 2) {
            checkRequest(found, op, what, exchange);
        }
        return found;
    }

    /** An error answered outside any documented operation's responses: problem+json of the Problem schema. */
    private void checkProblem(List<String> found, String what, Exchange exchange) {
        String mediaType = ExchangeParts.mediaType(exchange.responseContentType());
        if (!mediaType.equals("application/problem+json")) {
            found.add(what + ": an error must be application/problem+json, was " + (mediaType.isEmpty() ? "no body" : mediaType));
        } else {
            checkBody(found, what, "#/components/schemas/Problem", mediaType, exchange.responseBody(), true);
        }
    }

    private void checkResponse(List<String> found, Operation op, String what, Exchange exchange) {
        String status = Integer.toString(exchange.status());
        JsonNode responses = op.node().path("responses");
        String key = responses.has(status) ? status : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX" : responses.has("default") ? "default" : null;
        if (key == null && ANY_OPERATION.contains(exchange.status())) {
            checkProblem(found, what, exchange);
            return;
        }
        if (key == null) {
            found.add(what + ": status " + status + " is not documented for " + op.operationId());
            return;
        }
        JsonNode response = resolve(responses.path(key));
        JsonNode content = response.path("content");
        String body = exchange.responseBody();
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                found.add(what + ": a body came back but the document declares none");
            }
            return;
        }
        String mediaType = ExchangeParts.mediaType(exchange.responseContentType());
        if (!content.has(mediaType)) {
            found.add(what + ": response media type " + mediaType + " is not among " + ExchangeParts.names(content));
            return;
        }
        JsonNode raw = responses.path(key);
        String base = raw.has("$ref") ? raw.path("$ref").asText() : "#" + op.pointer() + "/responses/" + key;
        String pointer = base + "/content/" + escape(mediaType) + "/schema";
        checkBody(found, what + " (response)", pointer, mediaType, body, ExchangeParts.isJson(mediaType));
    }

    private void checkRequest(List<String> found, Operation op, String what, Exchange exchange) {
        Map<String, String> query = ExchangeParts.query(exchange.uri());
        for (JsonNode p : op.node().path("parameters")) {
            JsonNode param = resolve(p);
            String name = param.path("name").asText();
            String in = param.path("in").asText();
            boolean required = param.path("required").asBoolean(false);
            if (in.equals("query")) {
                String value = query.remove(name);
                if (value == null && required) {
                    found.add(what + ": required query parameter " + name + " missing but accepted");
                } else if (value != null && param.path("schema").path("type").asText().equals("integer") && !value.matches("-?\\d+")) {
                    found.add(what + ": query parameter " + name + "=" + value + " is not an integer but was accepted");
                }
            } else if (in.equals("header") && required && ExchangeParts.header(exchange.requestHeaders(), name) == null) {
                found.add(what + ": required header " + name + " missing but accepted");
            }
        }
        if (!query.isEmpty()) {
            found.add(what + ": query parameters " + query.keySet() + " were accepted but are not documented");
        }
        JsonNode requestBody = resolve(op.node().path("requestBody"));
        String body = exchange.requestBody();
        boolean hasBody = body != null && !body.isEmpty();
        if (requestBody.isMissingNode()) {
            if (hasBody && !body.isBlank() && !body.equals("{}")) {
                found.add(what + ": a request body was accepted but the document declares none");
            }
            return;
        }
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                found.add(what + ": the document requires a request body but none was sent and the call was accepted");
            }
            return;
        }
        String mediaType = ExchangeParts.mediaType(ExchangeParts.header(exchange.requestHeaders(), "Content-Type"));
        JsonNode content = requestBody.path("content");
        if (!content.has(mediaType)) {
            found.add(what + ": request media type " + mediaType + " is not among " + ExchangeParts.names(content));
            return;
        }
        String base = op.node().path("requestBody").has("$ref") ? op.node().path("requestBody").path("$ref").asText() : "#" + op.pointer() + "/requestBody";
        checkBody(found, what + " (request)", base + "/content/" + escape(mediaType) + "/schema", mediaType, body, ExchangeParts.isJson(mediaType));
    }

    private void checkBody(List<String> found, String what, String pointer, String mediaType, String body, boolean json) {
        if (!json) {
            return;
        }
        if (body == null || body.isEmpty()) {
            found.add(what + ": empty body where the document has a " + mediaType + " schema");
            return;
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (java.io.IOException e) {
            found.add(what + ": the body is not JSON although the media type is " + mediaType);
            return;
        }
        for (Error e : schema(pointer).validate(value.toString(), InputFormat.JSON)) {
            found.add(what + ": " + e.getInstanceLocation() + " " + e.getMessage());
        }
    }

    /** Fails the test when an exchange of a test with the bus departs from the document. */
    public void assertConforms(java.net.http.HttpRequest request, java.net.http.HttpResponse<String> response) {
        if (!request.uri().getRawPath().startsWith("/api/")) {
            return;
        }
        List<String> found = violations(new Exchange(request.method(), request.uri(), request.headers().map(), RequestBodyReader.bodyOf(request),
                response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body()));
        if (!found.isEmpty()) {
            throw new AssertionError("the exchange departs from the OpenAPI document " + ApiDocument.FILE + ":\n  "
                    + String.join("\n  ", found) + "\n  response body: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }

    /** Validates one JSON value against the schema at a pointer of the document ("#/components/schemas/X"). */
    public List<String> validate(String pointer, JsonNode value) {
        List<String> found = new ArrayList<>();
        for (Error e : schema(pointer).validate(value.toString(), InputFormat.JSON)) {
            found.add(e.getInstanceLocation() + " " + e.getMessage());
        }
        return found;
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            ObjectNode root = JSON.createObjectNode();
            root.set("components", document.path("components"));
            root.set("paths", document.path("paths"));
            root.put("$ref", (p.startsWith("#") ? p : "#" + p).replace("{", "%7B").replace("}", "%7D"));
            return registry.getSchema(root.toString(), InputFormat.JSON);
        });
    }

    private JsonNode resolve(JsonNode node) {
        int hops = 0;
        while (node.has("$ref") && hops++ < 10) {
            node = document.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }

    static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }
}
