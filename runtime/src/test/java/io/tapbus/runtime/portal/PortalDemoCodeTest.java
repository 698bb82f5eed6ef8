package io.tapbus.runtime.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.RunningBus;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * On the embedded demo with no SMSC bound, a person still signs in as a phone user: the one-time code is written to
 * the log as a line marked DEMO, with the number masked, and that code opens a session. The cluster profile turns it
 * off.
 */
class PortalDemoCodeTest {
    private static final Pattern DEMO = Pattern.compile("DEMO one-time code (\\d{6}) for (\\S+)");

    @Test
    void withoutAnSmscTheCodeIsInTheLogMarkedAsADemo() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("portal-capture-" + UUID.randomUUID(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        logs.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        logs.updateLoggers();
        try (RunningBus bus = new RunningBus(Map.of())) { // its SMSC port has no one listening
            var sent = bus.post("/portal/phone-codes", null, "{\"msisdn\":\"+8613800000001\"}");
            assertThat(sent.statusCode()).isEqualTo(202);
            String registrationId = PortalClient.JSON.readTree(sent.body()).path("registrationId").asText();
            PortalClient.await(() -> lines.stream().anyMatch(l -> l.contains("DEMO one-time code")));
            Optional<Matcher> demo = lines.stream().map(DEMO::matcher).filter(Matcher::find).findFirst();
            assertThat(demo).isPresent();
            assertThat(demo.get().group(2)).as("the number masked").doesNotContain("13800000001");
            PortalClient.Session session = PortalClient.session(PortalClient.phoneSignIn(bus, registrationId, demo.get().group(1)));
            assertThat(PortalClient.get(bus, session.cookie(), "/app/cards").body()).contains("04A1B2C3D4E5F6");
        } finally {
            logs.getConfiguration().getRootLogger().removeAppender(capture.getName());
            logs.updateLoggers();
        }
        assertThat(lines).filteredOn(l -> l.contains("DEMO") || l.contains("portal")).isNotEmpty()
                .noneMatch(l -> l.contains("13800000001"));
        assertThat(Files.readString(RunningBus.HOME.resolve("config/application-cluster.properties")))
                .contains("tapbus.app.demo-codes-in-log = false");
    }
}
