package io.tapbus.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against everything it describes that can be read without a running bus: the REST
 * operations of the routes, its own examples, and the curl examples of the guides. (Every exchange of the
 * REST tests is checked against it as well: {@link ApiContract}, called from RunningBus.)
 */
class ApiDocumentTest {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Path FILE = HOME.resolve(ApiDocument.FILE);
    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "patch");
    private final ApiContract contract = ApiContract.of(FILE);

    @Test
    void isAnOpenApi31DocumentWithoutProblems() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(FILE.toUri().toString(), null, options);
        assertThat(parsed.getMessages()).as("what the swagger parser finds wrong").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("partnerToken");
    }

    @Test
    void describesExactlyTheOperationsOfTheRoutes() throws Exception {
        Set<String> routes = new TreeSet<>();
        try (Stream<Path> files = Files.list(HOME.resolve("routes/flows"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("api-.*\\.camel\\.yaml")).toList()) {
                for (JsonNode item : new YAMLMapper().readTree(file.toFile())) {
                    JsonNode rest = item.path("rest");
                    if (rest.isMissingNode()) {
                        continue;
                    }
                    for (String verb : VERBS) {
                        for (JsonNode op : rest.path(verb)) {
                            String path = rest.path("path").asText("") + op.path("path").asText("");
                            routes.add(verb.toUpperCase() + " " + path + " " + op.path("id").asText("(no id in " + file.getFileName() + ")"));
                        }
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (ApiContract.Operation op : contract.operations()) {
            documented.add(op.method() + " " + op.template() + " " + op.operationId());
        }
        assertThat(routes).hasSizeGreaterThan(40);
        assertThat(documented).as("operations in the document (method, path, operationId) = REST operations of routes/flows")
                .containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void everyOperationIsNamedDescribedSecuredAndAnswersProblems() {
        JsonNode doc = contract.document();
        assertThat(doc.path("security").toString()).contains("partnerToken");
        for (ApiContract.Operation op : contract.operations()) {
            JsonNode node = op.node();
            String name = op.method() + " " + op.template();
            assertThat(op.operationId()).as(name).matches("[a-z][A-Za-z0-9]+");
            assertThat(node.path("summary").asText()).as(name + " summary").isNotBlank();
            JsonNode responses = node.path("responses");
            assertThat(responses.fieldNames()).toIterable().as(name + " has a success response").anyMatch(s -> s.startsWith("2"));
            boolean open = node.has("security") && node.path("security").isEmpty();
            if (!open) {
                assertThat(responses.has("401")).as(name + " documents 401").isTrue();
            }
            Iterator<Map.Entry<String, JsonNode>> it = responses.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> r = it.next();
                JsonNode response = resolve(doc, r.getValue());
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    assertThat(response.path("content").has("application/problem+json"))
                            .as(name + " " + r.getKey() + " answers application/problem+json").isTrue();
                } else {
                    assertThat(response.path("content").fieldNames()).toIterable()
                            .as(name + " " + r.getKey() + " has an example for each media type")
                            .allMatch(mt -> response.path("content").path(mt).has("example")
                                    || response.path("content").path(mt).has("examples") || !mt.endsWith("json"));
                }
            }
            JsonNode body = resolve(doc, node.path("requestBody"));
            if (!body.isMissingNode()) {
                assertThat(body.path("content").path("application/json").has("example")
                        || body.path("content").path("application/json").has("examples")).as(name + " request example").isTrue();
            }
        }
    }

    @Test
    void everyExampleMatchesItsSchema() {
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        walk(contract.document(), "", (pointer, node) -> {
            if (node.has("schema") && node.has("example")) {
                problems.addAll(prefixed(pointer, contract.validate("#" + pointer + "/schema", node.path("example"))));
                checked[0]++;
            }
            if (node.path("examples").isArray() && (node.has("type") || node.has("$ref") || node.has("oneOf") || node.has("enum"))) {
                for (JsonNode example : node.path("examples")) {
                    problems.addAll(prefixed(pointer, contract.validate("#" + pointer, example)));
                    checked[0]++;
                }
            }
            if (node.has("schema") && node.path("examples").isObject()) {
                Iterator<Map.Entry<String, JsonNode>> it = node.path("examples").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    problems.addAll(prefixed(pointer + "/examples/" + e.getKey(), contract.validate("#" + pointer + "/schema", e.getValue().path("value"))));
                    checked[0]++;
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(checked[0]).as("examples checked").isGreaterThan(40);
    }

    @Test
    void theCurlExamplesOfTheGuidesCallDocumentedOperationsWithValidBodies() throws Exception {
        Pattern url = Pattern.compile("(?:\\$API|https?://127\\.0\\.0\\.1:8080/api)(/[^\\s'\"|)]*)");
        Pattern data = Pattern.compile("-d\\s+'([^']*)'");
        Pattern method = Pattern.compile("-X\\s+([A-Z]+)");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        List<Path> guides = new ArrayList<>(List.of(HOME.resolve("README.md")));
        try (Stream<Path> docs = Files.list(HOME.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(guides::add);
        }
        for (Path guide : guides) {
            String text = Files.readString(guide).replace("\\\n", " ");
            for (String line : text.split("\n")) {
                int at = line.indexOf("curl ");
                if (at < 0) {
                    continue;
                }
                String command = line.substring(at);
                Matcher u = url.matcher(command);
                if (!u.find()) {
                    continue;
                }
                Matcher d = data.matcher(command);
                Matcher m = method.matcher(command);
                String verb = m.find() ? m.group(1) : d.find(0) ? "POST" : "GET";
                String path = u.group(1).split("\\?")[0];
                String where = guide.getFileName() + ": " + verb + " " + path;
                var op = contract.find(verb, path);
                checked++;
                if (op.isEmpty()) {
                    problems.add(where + ": no such operation in the document");
                    continue;
                }
                if (d.find(0)) {
                    JsonNode body = new ObjectMapper().readTree(d.group(1));
                    String pointer = "#" + op.get().pointer() + "/requestBody/content/application~1json/schema";
                    if (op.get().node().path("requestBody").has("$ref")) {
                        pointer = op.get().node().path("requestBody").path("$ref").asText() + "/content/application~1json/schema";
                    }
                    problems.addAll(prefixed(where, contract.validate(pointer, body)));
                }
            }
        }
        assertThat(checked).as("curl examples found in README.md and docs/").isGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    private static List<String> prefixed(String where, List<String> problems) {
        return problems.stream().map(p -> where + ": " + p).toList();
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        while (node.has("$ref")) {
            node = doc.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }

    private interface Visitor {
        void visit(String pointer, JsonNode node);
    }

    private static void walk(JsonNode node, String pointer, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(pointer, node);
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("example") && !e.getKey().equals("examples")) {
                    walk(e.getValue(), pointer + "/" + ApiContract.escape(e.getKey()), visitor);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
