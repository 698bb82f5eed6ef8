package io.tapbus.runtime.mms;

import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.WritePath;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Starts the MMS channel from the settings, for PlatformConfiguration: one call after the database is migrated and
 * the write path runs. The channel stops with the Camel context, before the write path (registered earlier).
 */
public final class MmsWiring {
    private MmsWiring() {
    }

    /** @param operatorOf the operator serving a number (the SMS routes' answer), which picks the MMSC */
    public static MmsChannel start(CamelContext context, Database database, WritePath writes, EventOutbox events,
            java.util.function.Function<String, String> operatorOf) throws Exception {
        MmsChannel mms = new MmsChannel(key -> context.getPropertiesComponent().resolveProperty(key)
                .map(context::resolvePropertyPlaceholders).orElse(null), database.jdbi(), writes, events, operatorOf);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                mms.close();
            }
        }, true, true);
        return mms.start();
    }
}
