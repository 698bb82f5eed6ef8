package io.tapbus.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;

/**
 * The partner contract: the OpenAPI document {@code routes/openapi/tapbus-api.yaml}, written by hand and
 * served as JSON at {@code /api/openapi.json}. The bus serves the file on disk when there is one (as it
 * does with the routes), else the copy packaged in the routes jar. Tests hold the code to it.
 */
public final class ApiDocument {
    public static final String FILE = "routes/openapi/tapbus-api.yaml";
    public static final String RESOURCE = "openapi/tapbus-api.yaml";
    private final byte[] json;

    public ApiDocument(Path home) {
        JsonNode document = read(home.resolve(FILE));
        try {
            this.json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree, from the file when it exists, else from the classpath. */
    public static JsonNode read(Path file) {
        YAMLMapper yaml = new YAMLMapper();
        try {
            if (Files.isRegularFile(file)) {
                return yaml.readTree(file.toFile());
            }
            try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the OpenAPI document is missing: neither " + file + " nor classpath:" + RESOURCE);
                }
                return yaml.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    public void json(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json);
    }
}
