package io.tapbus.runtime.bills;

import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.phone.SmsOutbox;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/** Wires utility bills: the bean {@code billsApi} its routes call, from the {@code tapbus.bills.*} settings. */
public final class BillsWiring {
    private BillsWiring() {
    }

    /** @param sms the SMS outbox for receipts, or null when there is no phone channel */
    public static BillPayments bind(Registry registry, Function<String, String> settings, Jdbi jdbi, WritePath writes,
                                    PartnerService partners, UserService users, LedgerService ledger, EventOutbox events, SmsOutbox sms,
                                    Json json) {
        BillerRegistry billers = new BillerRegistry(jdbi, writes, partners);
        String timeout = settings.apply("tapbus.bills.inquiry-timeout-ms");
        BillerClient client = new BillerClient(json.mapper(),
                Duration.ofMillis(timeout == null || timeout.isBlank() ? 3000 : Long.parseLong(timeout.strip())));
        BillPayments payments = new BillPayments(jdbi, writes, billers, client, ledger, users, events, sms);
        registry.bind("billsApi", new BillsApi(billers, payments, json));
        return payments;
    }
}
