package io.tapbus.runtime.account;

import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.membership.Membership;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.pricing.PersonCoupons;
import io.tapbus.runtime.tickets.CardTickets;
import org.apache.camel.spi.Registry;

/**
 * Wires the account overview for PlatformConfiguration, after pricing ({@code personCoupons}), tickets
 * ({@code cardTickets}) and membership: the beans {@code overviewApi} (REST) and {@code readerAccounts} (the reader
 * port's ACCOUNT_QUERY). The overview itself goes to the phone channel for {@code BAL}.
 */
public final class AccountWiring {
    private AccountWiring() {
    }

    public static AccountOverview bind(Registry registry, UserService users, CardDirectory directory, LedgerService ledger,
                                       Membership membership, ReaderRegistry readers, Json json) {
        AccountOverview overview = new AccountOverview(users, directory, ledger, membership.points(),
                registry.lookupByNameAndType("personCoupons", PersonCoupons.class),
                registry.lookupByNameAndType("cardTickets", CardTickets.class));
        registry.bind("overviewApi", new OverviewApi(overview, json));
        registry.bind("readerAccounts", new ReaderAccounts(overview, readers));
        return overview;
    }
}
