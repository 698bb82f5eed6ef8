package io.tapbus.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Boots TapBus on Camel Main: settings from {@code config/application.properties} (plus a profile
 * file), the platform wiring, and the YAML routes from {@code routes/flows} on disk or, when the
 * folder is missing, the copies packaged in the routes jar.
 */
public final class TapBusApplication {
    private final Main main;

    public TapBusApplication(Path home, String profile, Map<String, String> overrides) {
        Path absHome = home.toAbsolutePath().normalize();
        main = new Main();
        StringBuilder locations = new StringBuilder("file:" + absHome.resolve("config/application.properties"));
        if (profile != null && !profile.isBlank()) {
            Path profileFile = absHome.resolve("config/application-" + profile + ".properties");
            if (!Files.exists(profileFile)) {
                throw new IllegalArgumentException("no such profile: " + profileFile + " does not exist");
            }
            locations.append(",file:").append(profileFile);
        }
        main.setPropertyPlaceholderLocations(locations.toString());
        Path routesDir = absHome.resolve("routes/flows");
        if (Files.isDirectory(routesDir)) {
            main.addOverrideProperty("camel.main.routes-include-pattern", "file:" + routesDir + "/*.camel.yaml");
            main.addOverrideProperty("camel.main.routes-reload-directory", routesDir.toString());
        } else {
            main.addOverrideProperty("camel.main.routes-include-pattern", "classpath:routes/*.camel.yaml");
            main.addOverrideProperty("camel.main.routes-reload-enabled", "false");
        }
        if (System.getProperty("tapbus.data.dir") == null && !overrides.containsKey("tapbus.data.dir")) {
            main.addOverrideProperty("tapbus.data.dir", absHome.resolve("data").toString());
        }
        overrides.forEach(main::addOverrideProperty);
        PlatformConfiguration platform = new PlatformConfiguration(absHome);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                try {
                    platform.configure(support.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("TapBus could not start: " + e.getMessage(), e);
                }
            }
        });
    }

    /** Starts the bus and returns once it is running. */
    public TapBusApplication start() throws Exception {
        main.start();
        return this;
    }

    /** Starts the bus and blocks until it is stopped (Ctrl-C, SIGTERM). */
    public void run() throws Exception {
        main.run();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public void stop() throws Exception {
        main.stop();
    }
}
