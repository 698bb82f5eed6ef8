package io.tapbus.connector.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds packager files and resolves {@code extends}: a variant file names the layout it inherits from and lists only
 * what it changes. Its {@code fields} entries are merged into the inherited field of the same number property by
 * property ({@code {"field": 48, "format": "LLVAR", "length": 99}} keeps the inherited type and name); a field the
 * parent lacks must be complete. {@code name}, {@code description}, {@code encoding} and {@code messageTypes} replace
 * the inherited ones when given.
 *
 * <p>Lookup of a name: the built-in files ({@code packagers/NAME.json} next to this class) first, then
 * {@code NAME.json} in {@link #folder()}. A name with a '/' or ending in {@code .json} is a path; an {@code extends}
 * path is relative to the file that says it.
 */
final class PackagerFiles {

    static final ObjectMapper JSON = new ObjectMapper();
    /** System property naming the folder of a bank's own layouts. */
    static final String FOLDER_PROPERTY = "tapbus.iso8583.layouts";
    private static final int MAX_DEPTH = 8;

    private PackagerFiles() {
    }

    /** {@code -Dtapbus.iso8583.layouts}, else {@code config/iso8583} under {@code -Dtapbus.home}, else under the working folder. */
    static Path folder() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        if (folder != null && !folder.isBlank()) {
            return Path.of(folder);
        }
        return Path.of(System.getProperty("tapbus.home", "."), "config", "iso8583");
    }

    /** The packager file of this name or path with everything it inherits merged in. */
    static JsonNode resolve(String name) throws IOException {
        return resolve(name, null, new ArrayList<>());
    }

    private static JsonNode resolve(String name, Path relativeTo, List<String> chain) throws IOException {
        if (chain.contains(name) || chain.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("packager " + name + ": extends itself (" + String.join(" -> ", chain)
                    + " -> " + name + ")");
        }
        chain.add(name);
        Located file = locate(name, relativeTo);
        JsonNode root;
        try (InputStream in = file.open()) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("packager " + name + ": " + file.where() + " is not JSON: "
                    + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("packager " + name + ": " + file.where() + " is not a JSON object");
        }
        JsonNode parentName = root.get("extends");
        if (parentName == null) {
            return root;
        }
        if (!parentName.isTextual()) {
            throw new IllegalArgumentException("packager " + name + ": extends must name a packager");
        }
        JsonNode parent = resolve(parentName.asText(), file.folder(), chain);
        return merge((ObjectNode) parent, (ObjectNode) root);
    }

    private static ObjectNode merge(ObjectNode parent, ObjectNode child) {
        ObjectNode merged = parent.deepCopy();
        child.fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("fields") && !entry.getKey().equals("extends")) {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        Map<Integer, ObjectNode> fields = new TreeMap<>();
        for (JsonNode f : parent.path("fields")) {
            fields.put(f.path("field").asInt(), (ObjectNode) f.deepCopy());
        }
        for (JsonNode f : child.path("fields")) {
            if (!f.isObject() || !f.path("field").isInt()) {
                throw new IllegalArgumentException("packager " + child.path("name").asText() + ": every entry of"
                        + " fields needs a field number: " + f);
            }
            fields.computeIfAbsent(f.path("field").asInt(), n -> JSON.createObjectNode()).setAll((ObjectNode) f);
        }
        ArrayNode list = merged.putArray("fields");
        fields.values().forEach(list::add);
        return merged;
    }

    private static Located locate(String name, Path relativeTo) {
        if (name.contains("/") || name.endsWith(".json")) {
            Path path = relativeTo == null ? Path.of(name) : relativeTo.resolve(name);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("packager file " + path + " does not exist");
            }
            return new Located(path.toString(), path.toAbsolutePath().getParent(), () -> Files.newInputStream(path));
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("unknown packager '" + name + "'");
        }
        String resource = "packagers/" + name + ".json";
        if (PackagerFiles.class.getResource(resource) != null) {
            return new Located("built-in " + name, null, () -> PackagerFiles.class.getResourceAsStream(resource));
        }
        Path file = folder().resolve(name + ".json");
        if (Files.isRegularFile(file)) {
            return new Located(file.toString(), file.toAbsolutePath().getParent(), () -> Files.newInputStream(file));
        }
        throw new IllegalArgumentException("unknown packager '" + name + "' (built in: ascii, binary, iso87a, iso87b;"
                + " or a variant file " + file + ")");
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private record Located(String where, Path folder, Opener opener) {
        InputStream open() throws IOException {
            return opener.open();
        }
    }
}
