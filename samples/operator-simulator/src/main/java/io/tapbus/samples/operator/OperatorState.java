package io.tapbus.samples.operator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the simulated operator knows and how it behaves: its API client, the tokens it issued, which numbers it
 * serves, when each number's SIM last changed, which number the "device" has, and the delays and errors a test or
 * a user asked for. Everything in memory; thread-safe.
 */
public final class OperatorState {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> simChanges = new ConcurrentHashMap<>();
    private final AtomicReference<String> deviceNumber = new AtomicReference<>();
    private final AtomicReference<String> servedPrefix = new AtomicReference<>("+");
    private final AtomicReference<Integer> monitoredPeriodDays = new AtomicReference<>();
    private final AtomicLong tokenTtlSeconds = new AtomicLong(3600);
    private final AtomicLong delayMillis = new AtomicLong();
    private final AtomicReference<Exchange.CamaraError> forcedError = new AtomicReference<>();
    private final AtomicInteger forcedErrorsLeft = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger apiCalls = new AtomicInteger();

    public OperatorState(String clientId, String clientSecret, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    // ---- OAuth2 client credentials ----

    boolean clientMatches(String id, String secret) {
        return clientId.equals(id) && clientSecret.equals(secret);
    }

    /** A new opaque bearer token. */
    String issueToken() {
        String token = HexFormat.of().formatHex(randomBytes());
        tokens.put(token, now().plusSeconds(tokenTtlSeconds.get()));
        tokensIssued.incrementAndGet();
        return token;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    boolean tokenValid(String token) {
        Instant expires = token == null ? null : tokens.get(token);
        return expires != null && now().isBefore(expires);
    }

    long tokenTtlSeconds() {
        return tokenTtlSeconds.get();
    }

    public void tokenTtl(Duration ttl) {
        tokenTtlSeconds.set(Math.max(1, ttl.toSeconds()));
    }

    /** Every issued token stops working (a key rotation at the operator): clients must fetch a new one. */
    public void revokeTokens() {
        tokens.clear();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    // ---- subscribers ----

    /** Numbers starting with this are the operator's; others get 404 IDENTIFIER_NOT_FOUND. "+" serves all. */
    public void servedPrefix(String prefix) {
        servedPrefix.set(prefix);
    }

    boolean serves(String number) {
        return number.startsWith(servedPrefix.get());
    }

    /** The number's SIM changed at {@code when}. */
    public void simSwap(String number, Instant when) {
        simChanges.put(number, when);
    }

    public void clearSimSwap(String number) {
        simChanges.remove(number);
    }

    Optional<Instant> latestSimChange(String number) {
        return Optional.ofNullable(simChanges.get(number));
    }

    /** The operator keeps SIM changes only this many days (null: unlimited); older ones are answered as null. */
    public void monitoredPeriodDays(Integer days) {
        monitoredPeriodDays.set(days);
    }

    Integer monitoredPeriodDays() {
        return monitoredPeriodDays.get();
    }

    /** The number of the SIM in the device that calls Number Verification (null: no device on the mobile network). */
    public void deviceNumber(String number) {
        deviceNumber.set(number);
    }

    String deviceNumber() {
        return deviceNumber.get();
    }

    // ---- behaviour on command ----

    /** Every API answer (not the token endpoint) waits this long first. */
    public void delay(Duration delay) {
        delayMillis.set(delay.toMillis());
    }

    long delayMillis() {
        return delayMillis.get();
    }

    /** The next {@code times} API calls answer this CAMARA error instead. */
    public void failNext(int times, int status, String code, String message, long retryAfterSeconds) {
        forcedError.set(new Exchange.CamaraError(status, code, message, retryAfterSeconds));
        forcedErrorsLeft.set(times);
    }

    /** The forced error for this call, if one is due. */
    Exchange.CamaraError takeForcedError() {
        apiCalls.incrementAndGet();
        return forcedErrorsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? forcedError.get() : null;
    }

    public int apiCalls() {
        return apiCalls.get();
    }
}
