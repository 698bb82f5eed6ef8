package io.tapbus.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The health and metrics paths the repository's Markdown (README.md, docs/*.md, module READMEs) names. */
final class DocPaths {

    /** A path ending in a health, metrics, liveness or readiness word, whatever prefix a document gives it. */
    private static final Pattern MANAGEMENT_PATH = Pattern.compile("(?:/[A-Za-z0-9_.{}-]+)*/(?:health|metrics|live|ready)\\b(?:/[a-z]+)*");

    private DocPaths() {
    }

    /** Every such path, as a document names it (a leading {@code :9876} is left out). */
    static Set<String> managementPaths(Path home) throws IOException {
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> files = Files.walk(home)) {
            files.filter(f -> f.toString().endsWith(".md")).filter(f -> !f.toString().contains("/target/"))
                    .filter(f -> !f.toString().contains("/data/")).filter(f -> !f.toString().contains("/."))
                    .filter(f -> !f.toString().contains("/node_modules/")) // the AMQP test client's packages' own READMEs
                    .forEach(f -> {
                        try {
                            Matcher m = MANAGEMENT_PATH.matcher(Files.readString(f));
                            while (m.find()) {
                                paths.add(m.group());
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return paths;
    }
}
