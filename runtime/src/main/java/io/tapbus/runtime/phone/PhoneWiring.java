package io.tapbus.runtime.phone;

import io.tapbus.connector.common.Masking;
import io.tapbus.connector.phone.IncomingListener;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.WritePath;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the phone channel from the settings, for PlatformConfiguration: one call after the database is migrated and
 * the write path runs. The channel stops with the Camel context, before the write path (registered earlier).
 */
public final class PhoneWiring {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneWiring.class);

    private PhoneWiring() {
    }

    /** @param answerer who answers incoming texts, given the channel (its replies go through it) */
    public static PhoneChannel start(CamelContext context, Path home, Database database, WritePath writes,
            EventOutbox events, java.util.function.Function<PhoneChannel, IncomingListener> answerer) throws Exception {
        PhoneChannel phone = new PhoneChannel(key -> setting(context, key), home, database.jdbi(), writes, events,
                sms -> LOG.info("incoming SMS from {} ({} characters): no commands are handled yet",
                        Masking.msisdn("+" + sms.source().address()), sms.text().length()));
        phone.answerWith(answerer.apply(phone)); // before the links start: no incoming text finds no one to answer
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                phone.close();
            }
        }, true, true);
        return phone.start();
    }

    private static String setting(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(context::resolvePropertyPlaceholders)
                .orElse(null);
    }
}
