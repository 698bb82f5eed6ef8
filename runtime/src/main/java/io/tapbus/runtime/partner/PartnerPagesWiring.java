package io.tapbus.runtime.partner;

import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.platform.ReaderRegistry;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/** Binds the partner pages' beans: {@code partnerPagesApi} (REST) and {@code partnerEvents} (fed from the event topic). */
public final class PartnerPagesWiring {
    private PartnerPagesWiring() {
    }

    public static void bind(Registry registry, Jdbi jdbi, ReaderRegistry readers, Json json) {
        PartnerEvents events = new PartnerEvents(json.mapper());
        registry.bind("partnerEvents", events);
        registry.bind("partnerPagesApi", new PartnerPagesApi(new ReaderHealth(jdbi, readers), new MerchantActivity(jdbi), events, json));
    }
}
