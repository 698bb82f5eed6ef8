package io.tapbus.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rule files of one decision folder, read into memory once so that the version and the build
 * see the same bytes.
 *
 * <p>Rule files are {@code *.drl}, {@code *.csv}, {@code *.xls} and {@code *.xlsx} anywhere under the
 * folder except under {@code scenarios/}; hidden files and office lock files ({@code ~$x.xlsx}) are
 * skipped.
 */
record RuleFiles(String decision, Path folder, List<RuleFile> files, String version) {

    static final String SCENARIOS_FOLDER = "scenarios";
    private static final int VERSION_LENGTH = 12;

    enum Kind { DRL, CSV_TABLE, SPREADSHEET_TABLE }

    /**
     * @param relativePath path inside the decision folder, with '/' separators
     * @param displayPath  path inside the decisions folder, as problems and status show it
     */
    record RuleFile(String relativePath, String displayPath, Kind kind, byte[] content) {
    }

    static RuleFiles read(String decision, Path folder) throws IOException {
        Map<String, Path> byRelativePath = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path relative = folder.relativize(path);
                if (!Files.isRegularFile(path) || isSkipped(relative) || kindOf(path) == null) {
                    continue;
                }
                byRelativePath.put(slashed(relative), path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<RuleFile> files = new ArrayList<>();
        for (Map.Entry<String, Path> entry : byRelativePath.entrySet()) {
            files.add(new RuleFile(entry.getKey(), decision + "/" + entry.getKey(), kindOf(entry.getValue()),
                    Files.readAllBytes(entry.getValue())));
        }
        return new RuleFiles(decision, folder, List.copyOf(files), versionOf(files));
    }

    /**
     * First 12 hex digits of SHA-256 over the files sorted by relative path, each as
     * {@code path NUL content NUL}. The same files give the same version wherever the folder lives.
     */
    static String versionOf(List<RuleFile> files) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (RuleFile file : files) {
            sha256.update(file.relativePath().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(file.content());
            sha256.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, VERSION_LENGTH);
    }

    List<String> displayPaths() {
        return files.stream().map(RuleFile::displayPath).toList();
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    private static boolean isSkipped(Path relative) {
        if (relative.getNameCount() > 1 && relative.getName(0).toString().equals(SCENARIOS_FOLDER)) {
            return true;
        }
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("~")) {
                return true;
            }
        }
        return false;
    }

    private static Kind kindOf(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".drl")) {
            return Kind.DRL;
        }
        if (name.endsWith(".csv")) {
            return Kind.CSV_TABLE;
        }
        if (name.endsWith(".xls") || name.endsWith(".xlsx")) {
            return Kind.SPREADSHEET_TABLE;
        }
        return null;
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
