package io.tapbus.runtime.bank;

import static io.tapbus.runtime.bank.BankBench.PAN;
import static io.tapbus.runtime.bank.BankBench.eventually;
import static io.tapbus.runtime.bank.BankBench.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/** Whatever the gateway logs (requests, answers, late answers, reversals) shows the PAN masked, and no ICC data. */
class BankLogSafetyTest {

    @Test
    void noFullPanOrIccDataInTheLogs() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("bank-capture-" + UUID.randomUUID(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getMessage().getFormattedMessage()
                        + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        capture.start();
        Level before = LogManager.getLogger("io.tapbus.runtime.bank").getLevel();
        Configurator.setLevel("io.tapbus.runtime.bank", Level.DEBUG); // the exchanges themselves are logged at debug
        logs.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        logs.updateLoggers();
        try (BankBench bench = BankBench.h2()) {
            BankGateway gateway = bench.signedOnGateway(bench.settings(Duration.ofMillis(300)));
            gateway.authorize(purchase("pay-log-1", PAN, 100));
            bench.bank().behaviour().delayMillis(800);
            gateway.authorize(purchase("pay-log-2", PAN, 200));
            eventually(Duration.ofSeconds(10), () -> "ACKNOWLEDGED".equals(bench.reversalState("pay-log-2")), "reversed");
        } finally {
            logs.getConfiguration().getRootLogger().removeAppender(capture.getName());
            Configurator.setLevel("io.tapbus.runtime.bank", before);
            logs.updateLoggers();
        }
        assertThat(lines).as("the gateway did log the exchange").anyMatch(l -> l.contains("476173******0010"))
                .anyMatch(l -> l.contains("Late answer"));
        assertThat(lines).noneMatch(l -> l.contains(PAN)).noneMatch(l -> l.contains("9F2608C2A7F2B3D4"));
    }
}
