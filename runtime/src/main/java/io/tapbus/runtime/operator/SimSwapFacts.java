package io.tapbus.runtime.operator;

import io.tapbus.connector.operator.CamaraException;
import io.tapbus.connector.common.Masking;
import io.tapbus.connector.operator.PhoneNumbers;
import io.tapbus.connector.operator.SimSwapClient;
import io.tapbus.rules.payment.PaymentAuthorizationInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIM swap facts of a phone payment: how many hours ago the paying number's SIM changed, from the operator's
 * CAMARA SIM Swap API, for the payment-authorize rules ({@code simSwapAgeHours}, {@code simSwapCheck}).
 *
 * <p>retrieve-date gives the date. When the operator does not disclose it (null, or 403 for that scope), check is
 * asked for each configured window, shortest first, and the age is the bound that answer proves. What is known is
 * kept as an instant ("changed at or before") for a short while, so its age keeps growing correctly in the cache;
 * a failure is kept a few seconds, so that an operator outage does not make every payment wait for the timeout.
 */
public final class SimSwapFacts {
    private static final Logger LOG = LoggerFactory.getLogger(SimSwapFacts.class);
    private static final Duration FAILURE_TTL = Duration.ofSeconds(5);
    private static final int CACHE_MAX = 10_000;

    /** The SIM swap client of the operator serving a number; null when no operator API serves it. */
    private final java.util.function.Function<String, SimSwapClient> clients;
    private final Duration ttl;
    private final List<Integer> checkWindowsHours;
    private final Clock clock;
    private final Map<String, Known> cache = new ConcurrentHashMap<>();

    /** What was learnt at {@code fetched}: the SIM changed at or before {@code since} (null: unknown, with the check's outcome). */
    private record Known(Instant since, String check, Instant fetched) {}

    public SimSwapFacts(SimSwapClient client, Duration ttl, List<Integer> checkWindowsHours, Clock clock) {
        this(msisdn -> client, ttl, checkWindowsHours, clock);
    }

    /** Asks each number's own operator: {@code clients} gives its client, or null (then NOT_CONFIGURED). */
    public SimSwapFacts(java.util.function.Function<String, SimSwapClient> clients, Duration ttl,
            List<Integer> checkWindowsHours, Clock clock) {
        this.clients = clients;
        this.ttl = ttl;
        this.checkWindowsHours = checkWindowsHours.stream().sorted().toList();
        this.clock = clock;
    }

    /** Sets simSwapAgeHours and simSwapCheck for the paying number. Never throws: an unknown is a fact too. */
    public void addTo(PaymentAuthorizationInput in, String msisdn) {
        Instant now = clock.instant();
        Known known = cache.get(msisdn == null ? "" : msisdn);
        if (known == null || known.fetched().plus(known.since() == null ? FAILURE_TTL : ttl).isBefore(now) || ttl.isZero()) {
            known = lookup(msisdn, now);
            if (cache.size() >= CACHE_MAX) {
                cache.clear();
            }
            if (msisdn != null) {
                cache.put(msisdn, known);
            }
        }
        in.setSimSwapCheck(known.check());
        in.setSimSwapAgeHours(known.since() == null ? null : Math.max(0, Duration.between(known.since(), now).toHours()));
    }

    private Known lookup(String msisdn, Instant now) {
        if (!PhoneNumbers.isE164(msisdn)) {
            return new Known(null, "UNAVAILABLE", now);
        }
        SimSwapClient client = clients.apply(msisdn);
        if (client == null) {
            return new Known(null, "NOT_CONFIGURED", now);
        }
        try {
            SimSwapClient.SimSwapInfo info = null;
            try {
                info = client.retrieveDate(msisdn);
            } catch (CamaraException.PermissionDenied e) {
                LOG.info("operator refuses retrieve-date ({}): asking check instead", e.code());
            }
            if (info != null && info.latestSimChange() != null) {
                return new Known(info.latestSimChange(), "CHECKED", now);
            }
            if (info != null && info.monitoredPeriodDays() != null) {
                return new Known(now.minus(Duration.ofDays(info.monitoredPeriodDays())), "CHECKED", now);
            }
            return byChecks(client, msisdn, now);
        } catch (CamaraException.NotFound e) {
            LOG.info("operator does not know the number {} ({})", Masking.msisdn(msisdn), e.code());
            return new Known(null, "NOT_FOUND", now);
        } catch (CamaraException e) {
            LOG.warn("SIM swap of {} unknown: {}", Masking.msisdn(msisdn), e.getMessage());
            return new Known(null, "UNAVAILABLE", now);
        }
    }

    /** The first window in which the SIM changed bounds the age from above; no change in the longest bounds it from below. */
    private Known byChecks(SimSwapClient client, String msisdn, Instant now) {
        int previous = 0;
        for (int hours : checkWindowsHours) {
            if (client.check(msisdn, hours)) {
                return new Known(now.minus(Duration.ofHours(previous)), "CHECKED", now);
            }
            previous = hours;
        }
        return checkWindowsHours.isEmpty() ? new Known(null, "UNAVAILABLE", now) : new Known(now.minus(Duration.ofHours(previous)), "CHECKED", now);
    }
}
