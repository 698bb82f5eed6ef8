package io.tapbus.runtime.bank;

import io.tapbus.runtime.db.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Starts the bank gateway from the {@code tapbus.bank.*} settings, for PlatformConfiguration: one call after the
 * database is migrated. The gateway stops with the Camel context (before the database, which was registered first).
 */
public final class BankWiring {
    private BankWiring() {
    }

    /** The started gateway, or null when {@code tapbus.bank.enabled} is false. */
    public static BankGateway start(CamelContext context, Database database) throws Exception {
        if (!Boolean.parseBoolean(setting(context, "tapbus.bank.enabled"))) {
            return null;
        }
        BankGateway gateway = new BankGateway(BankSettings.from(key -> setting(context, key)), database.jdbi());
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                gateway.close();
            }
        }, true, true);
        return gateway.start();
    }

    private static String setting(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(context::resolvePropertyPlaceholders)
                .orElse(null);
    }
}
