package io.tapbus.runtime.bank;

import static io.tapbus.runtime.bank.BankBench.PAN;
import static io.tapbus.runtime.bank.BankBench.eventually;
import static io.tapbus.runtime.bank.BankBench.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** BankWiring reads the settings as the bus has them, stays off by default, and stops the gateway with Camel. */
class BankWiringTest {

    @Test
    void offInTheEmbeddedDefault() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("../config/application.properties"))) {
            defaults.load(in);
        }
        assertThat(defaults.getProperty("tapbus.bank.enabled")).isEqualTo("false");
        try (BankBench bench = BankBench.h2(); CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(defaults);
            assertThat(BankWiring.start(context, bench.database)).isNull();
            defaults.setProperty("tapbus.bank.enabled", "true");
            assertThat(BankSettings.from(defaults::getProperty)).as("every setting is there and valid")
                    .isEqualTo(new BankSettings("127.0.0.1", 7500, "ascii", Duration.ofMillis(2000),
                            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30), "10000001", "TB"));
        }
    }

    @Test
    void theFramingIsCheckedWithTheOtherSettings() {
        assertThat(new BankSettings("127.0.0.1", 7500, "ascii", Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(30), "10000001", "TB", "ascii4", " 6000010000 ").framing())
                .hasToString("ascii4 with TPDU 6000010000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BankSettings("127.0.0.1", 7500, "ascii",
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30),
                "10000001", "TB", "ascii2", "")).hasMessageContaining("tapbus.bank.length-header")
                .hasMessageContaining("ascii4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BankSettings("127.0.0.1", 7500, "ascii",
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30),
                "10000001", "TB", "binary2", "60")).hasMessageContaining("tapbus.bank.tpdu")
                .hasMessageContaining("10 hex digits");
    }

    @Test
    void startsWithTheContextSettingsAndStopsWithTheContext() throws Exception {
        try (BankBench bench = BankBench.h2(); CamelContext context = new DefaultCamelContext()) {
            Properties settings = new Properties();
            settings.setProperty("tapbus.bank.enabled", "true");
            settings.setProperty("tapbus.bank.host", "127.0.0.1");
            settings.setProperty("tapbus.bank.port", String.valueOf(bench.settings(Duration.ofSeconds(1)).port()));
            settings.setProperty("tapbus.bank.packager", "ascii");
            settings.setProperty("tapbus.bank.timeout-ms", "1000");
            settings.setProperty("tapbus.bank.echo-seconds", "30");
            settings.setProperty("tapbus.bank.reversal-retry-seconds", "5");
            settings.setProperty("tapbus.bank.reconnect-max-seconds", "5");
            settings.setProperty("tapbus.bank.acquirer-id", "{{acquirer}}");
            settings.setProperty("acquirer", "10000001");
            settings.setProperty("tapbus.bank.terminal-id-prefix", "TB");
            settings.setProperty("tapbus.bank.length-header", "binary2");
            context.getPropertiesComponent().setInitialProperties(settings);
            context.start();

            BankGateway gateway = BankWiring.start(context, bench.database);
            eventually(Duration.ofSeconds(10), gateway::signedOn, "signed on");
            assertThat(gateway.authorize(purchase("pay-w", PAN, 100)).approved()).isTrue();

            context.stop();
            assertThat(gateway.signedOn()).as("closed with the context").isFalse();
        }
    }
}
