package io.tapbus.runtime.reader;

import io.tapbus.connector.reader.TapRequest;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.rules.Decision;
import io.tapbus.rules.tap.TapAuthorizationInput;

/** What the tap flow knows about one tap as it moves through enrich, decide and record. */
public final class TapContext {
    private final String readerId;
    private final long sequence;
    private final TapRequest request;
    private final String correlationId;
    private final boolean retryable;
    private String merchantId;
    private String accountId;
    private TapAuthorizationInput facts;
    private Decision decision;
    private TapResponse answer;

    /** @param retryable the reader chose the correlationId, so a retry can carry it again */
    public TapContext(String readerId, long sequence, TapRequest request, String correlationId, boolean retryable) {
        this.readerId = readerId;
        this.sequence = sequence;
        this.request = request;
        this.correlationId = correlationId;
        this.retryable = retryable;
    }

    public String readerId() { return readerId; }
    public long sequence() { return sequence; }
    public TapRequest request() { return request; }
    public String correlationId() { return correlationId; }
    public boolean retryable() { return retryable; }
    public String merchantId() { return merchantId; }
    public String accountId() { return accountId; }
    public TapAuthorizationInput facts() { return facts; }
    public Decision decision() { return decision; }

    void enriched(String merchantId, String accountId, TapAuthorizationInput facts) {
        this.merchantId = merchantId;
        this.accountId = accountId;
        this.facts = facts;
    }

    public void decided(Decision decision) {
        this.decision = decision;
    }

    /** The answer for the reader: recorded now, or the recorded outcome of an earlier try. */
    public TapResponse answer() { return answer; }

    /** True once the tap has its answer (a retry of a recorded tap has it before any decision). */
    public boolean answered() { return answer != null; }

    void answer(TapResponse answer) {
        this.answer = answer;
    }
}
