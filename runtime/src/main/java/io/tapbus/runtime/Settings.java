package io.tapbus.runtime;

import java.nio.file.Path;
import org.apache.camel.CamelContext;

/** Typed access to TapBus properties (config/application*.properties, system properties, environment). */
final class Settings {
    private final CamelContext context;
    private final Path home;

    Settings(CamelContext context, Path home) {
        this.context = context;
        this.home = home;
    }

    String get(String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .map(v -> context.resolvePropertyPlaceholders(v))
                .orElseThrow(() -> new IllegalStateException("missing setting " + key + " (config/application.properties)"));
    }

    /** A setting that may be left empty; empty when absent. */
    String getOptional(String key) {
        return context.getPropertiesComponent().resolveProperty(key)
                .map(v -> context.resolvePropertyPlaceholders(v)).orElse("").strip();
    }

    int getInt(String key) {
        return Integer.parseInt(get(key).strip());
    }

    boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key).strip());
    }

    /** A file or folder setting; relative paths are relative to the TapBus home folder. */
    Path path(String key) {
        Path p = Path.of(get(key).strip());
        return p.isAbsolute() ? p : home.resolve(p).normalize();
    }

    Path dataDir() {
        return path("tapbus.data.dir");
    }
}
