package io.tapbus.rules.scenario;

import java.nio.file.Path;

/** A scenario folder: {@code <decisions>/<decision>/scenarios/<name>/} with input.json and expected.json. */
public record Scenario(String decision, String name, Path folder) {
    public static final String INPUT_FILE = "input.json";
    public static final String EXPECTED_FILE = "expected.json";

    /** {@code decision/name}, as the runner prints it. */
    public String id() {
        return decision + "/" + name;
    }

    public Path input() {
        return folder.resolve(INPUT_FILE);
    }

    public Path expected() {
        return folder.resolve(EXPECTED_FILE);
    }
}
