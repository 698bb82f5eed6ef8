package io.tapbus.connector.bank;

import io.tapbus.connector.common.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the golden pairs of src/test/resources/golden/PACKAGER/NAME.{hex,json}. */
final class Golden {

    private Golden() {
    }

    static Path folder(String packager) {
        try {
            return Path.of(Golden.class.getResource("/golden/" + packager).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names (without extension) of the pairs for a packager. */
    static List<String> names(String packager) {
        try (Stream<Path> files = Files.list(folder(packager))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hex"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a .hex file: everything after a '#' on a line is a comment, white space is ignored. */
    static byte[] bytes(String packager, String name) {
        return parse(read(packager, name + ".hex"));
    }

    static byte[] parse(String annotated) {
        StringBuilder hex = new StringBuilder();
        for (String line : annotated.split("\n")) {
            int comment = line.indexOf('#');
            hex.append(comment >= 0 ? line.substring(0, comment) : line);
        }
        return Hex.parse(hex.toString());
    }

    static Iso8583Message message(String packager, String name) {
        return Iso8583Json.read(read(packager, name + ".json"));
    }

    /** Read through the class loader, so that it also works from this module's test jar (the tools module). */
    private static String read(String packager, String file) {
        String resource = "/golden/" + packager + "/" + file;
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
