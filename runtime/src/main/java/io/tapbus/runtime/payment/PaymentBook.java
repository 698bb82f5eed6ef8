package io.tapbus.runtime.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.platform.CardDirectory;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.write.WritePath;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.tapbus.runtime.write.Batch;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code payment} table: the only class that writes it (inside the write path's batches) and the one that reads
 * it back as outcomes. A payment row moves on only from the status it is expected in, so two writers racing for the
 * same payment (a bank answer and a reversal, two confirmations) cannot both move it.
 */
public final class PaymentBook {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The columns a new payment row gets. {@code arpc} and {@code csu} are hex or null. */
    record NewPayment(String paymentId, PaymentContext payment, PaymentStatus status, List<Reason> reasons, String decisionId,
                      String arpc, String csu, String txnId, long discountMinor, Instant at) {}

    /** A status change: {@code arpc}, {@code csu} and {@code bankCode} keep their old values when null. */
    record Move(String paymentId, PaymentStatus from, PaymentStatus to, List<Reason> reasons, String decisionId, String arpc,
                String csu, String bankCode, String txnId, Long discountMinor, Instant at) {}

    private final Jdbi jdbi;
    private final WritePath writes;
    private final ObjectMapper json;
    private final CardDirectory cardDirectory;
    private final LedgerService ledger;
    private final PaymentState state;

    /** {@code cardDirectory} and {@code ledger}: where an approved stored-value payment's balance is looked up. */
    public PaymentBook(Jdbi jdbi, WritePath writes, CardDirectory cardDirectory, LedgerService ledger, ObjectMapper json) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.cardDirectory = cardDirectory;
        this.ledger = ledger;
        this.json = json;
        this.state = new PaymentState(jdbi);
    }

    // ---- writes (staged in a write-path batch) ----

    /** A new payment. Throws {@link AlreadyRecorded} when its idempotency key is recorded (a concurrent repeat). */
    void insert(Batch batch, NewPayment p) {
        PaymentCommand cmd = p.payment().command();
        PaymentCards.PaymentCard card = p.payment().paymentCard;
        if (state.recorded(batch, cmd.idempotencyKey())) {
            throw new AlreadyRecorded();
        }
        state.created(batch, p.paymentId(), cmd.idempotencyKey(), p.status());
        batch.stage("INSERT INTO payment(payment_id, idempotency_key, channel, merchant_id, reader_id, pan_token, card_uid, atc, arqc,"
                        + " amount_minor, currency, funding, status, reasons, decision_id, arpc, csu, created_at, updated_at, txn_id,"
                        + " discount_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.paymentId(), cmd.idempotencyKey(), cmd.channel(), cmd.merchantId(), cmd.readerId(),
                card == null ? null : card.panToken(), p.payment().cardUid, cmd.atc(),
                cmd.arqc() == null ? null : HEX.formatHex(cmd.arqc()), cmd.amountMinor(), cmd.currency(), p.payment().facts().getFunding(),
                p.status().name(), text(p.reasons()), p.decisionId(), p.arpc(), p.csu(), p.at(), p.at(), p.txnId(), p.discountMinor());
    }

    /** What a confirmation needs later: when the step-up expires, the PAN sealed, the data the card MACed. */
    void waitForConfirmation(Batch batch, String paymentId, Instant expiresAt, String panSealed, byte[] arqcInput) {
        batch.stage("UPDATE payment SET step_up_expires_at = ?, pan_sealed = ?, icc_data = ? WHERE payment_id = ?", expiresAt, panSealed,
                arqcInput == null ? null : HEX.formatHex(arqcInput), paymentId);
    }

    /** Moves the payment on; false when it was no longer in {@code from} (nothing written). The sealed PAN goes. */
    boolean move(Batch batch, Move m) {
        if (!state.move(batch, m.paymentId(), m.from(), m.to())) {
            return false;
        }
        batch.stage("UPDATE payment SET status = ?, reasons = ?, decision_id = COALESCE(?, decision_id), arpc = COALESCE(?, arpc),"
                        + " csu = COALESCE(?, csu), bank_response_code = COALESCE(?, bank_response_code), pan_sealed = NULL,"
                        + " updated_at = ?, txn_id = COALESCE(?, txn_id), discount_minor = COALESCE(?, discount_minor) WHERE payment_id = ? AND status = ?",
                m.to().name(), text(m.reasons()), m.decisionId(), m.arpc(), m.csu(), m.bankCode(), m.at(), m.txnId(), m.discountMinor(),
                m.paymentId(), m.from().name());
        return true;
    }

    /** A status change that keeps everything else (expiry, reversal, recovery). */
    boolean move(Batch batch, String paymentId, PaymentStatus from, PaymentStatus to, List<Reason> reasons) {
        return move(batch, new Move(paymentId, from, to, reasons, null, null, null, null, null, null, Instant.now()));
    }

    /** Moves a payment from STEP_UP to PENDING_BANK (its confirmed payment goes to the bank). */
    boolean toBank(Batch batch, String paymentId) {
        if (!state.move(batch, paymentId, PaymentStatus.STEP_UP, PaymentStatus.PENDING_BANK)) {
            return false;
        }
        batch.stage("UPDATE payment SET status = 'PENDING_BANK', updated_at = ? WHERE payment_id = ? AND status = 'STEP_UP'",
                Instant.now(), paymentId);
        return true;
    }

    /** The operator's id of a carrier-billed payment (CAMARA paymentId), as soon as the operator gave it. */
    void carrierPaymentId(Batch batch, String paymentId, String carrierPaymentId) {
        batch.stage("UPDATE payment SET carrier_payment_id = ? WHERE payment_id = ?", carrierPaymentId, paymentId);
    }

    /** A repeat from a new tap was answered over its own cryptogram: remembered, so its own repeat gets the same ARPC. */
    void retapped(Batch batch, String paymentId, int atc, String arqc) {
        batch.stage("UPDATE payment SET retap_atc = ?, retap_arqc = ? WHERE payment_id = ?", atc, arqc, paymentId);
    }

    /** The card took the payment's balance write. */
    void cardWritten(Batch batch, String paymentId) {
        state.cardWrite(batch, paymentId, PaymentState.CARD_WRITTEN);
    }

    /** The card did not take the payment's balance write: true when that is news (false once the card was written). */
    boolean cardWriteFailed(Batch batch, String paymentId) {
        if (PaymentState.CARD_WRITTEN.equals(state.cardWrite(batch, paymentId))) {
            return false;
        }
        state.cardWrite(batch, paymentId, PaymentState.CARD_WRITE_FAILED);
        return true;
    }

    /** Accepts the card's ATC, or throws {@link Settlement.AtcUsed} when another payment used it. */
    void consumeAtc(Batch batch, String panToken, int atc) {
        state.consumeAtc(batch, panToken, atc);
    }

    /** The card's last accepted ATC as the writer holds it (null when not known yet). */
    Integer lastAtc(String panToken) {
        return state.lastAtc(panToken);
    }

    /** Whether a payment may be recorded under this key: false means surely not (no query). */
    boolean maybeRecorded(String idempotencyKey) {
        return state.maybeRecorded(idempotencyKey);
    }

    /** A payment under this idempotency key was recorded by a concurrent request. */
    static final class AlreadyRecorded extends io.tapbus.runtime.domain.DomainError {
        AlreadyRecorded() {
            super(Code.DUPLICATE, "a payment with this idempotency key was recorded meanwhile");
        }
    }

    // ---- reads ----

    Optional<Map<String, Object>> byId(String paymentId) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM payment WHERE payment_id = ?").bind(0, paymentId).mapToMap().findOne());
    }

    Optional<Map<String, Object>> byKey(String idempotencyKey) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM payment WHERE idempotency_key = ?").bind(0, idempotencyKey).mapToMap()
                .findOne());
    }

    /** The payment with the phone number of its card holder (for a confirmation). */
    Optional<Map<String, Object>> withHolder(String paymentId) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT p.*, u.msisdn FROM payment p JOIN card c ON c.card_uid = p.card_uid"
                + " JOIN app_user u ON u.user_id = c.user_id WHERE p.payment_id = ?").bind(0, paymentId).mapToMap().findOne());
    }

    /** The newest payment of the card holder with this MSISDN that waits for a step-up, if any. */
    Optional<String> waitingStepUp(String msisdn) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT p.payment_id FROM payment p JOIN card c ON c.card_uid = p.card_uid"
                + " JOIN app_user u ON u.user_id = c.user_id WHERE u.msisdn = ? AND p.status = 'STEP_UP' ORDER BY p.created_at DESC")
                .bind(0, msisdn).mapTo(String.class).findFirst());
    }

    List<String> waitingForBankSince(Instant before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payment_id FROM payment WHERE status = 'PENDING_BANK' AND updated_at < ?")
                .bind(0, before).mapTo(String.class).list());
    }

    /** Carrier-billed payments waiting for the operator since before {@code before}, with the paying line's number. */
    List<Map<String, Object>> waitingForCarrierSince(Instant before) {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT p.*, u.msisdn FROM payment p JOIN card c ON c.card_uid = p.card_uid"
                + " JOIN app_user u ON u.user_id = c.user_id WHERE p.status = 'PENDING_CARRIER' AND p.updated_at < ?")
                .bind(0, before).mapToMap().list());
    }

    static PaymentStatus status(Map<String, Object> row) {
        return PaymentStatus.valueOf(((String) row.get("status")).strip());
    }

    PaymentOutcome outcome(Map<String, Object> row) {
        PaymentStatus status = status(row);
        Long balance = null;
        if (status == PaymentStatus.APPROVED && "STORED_VALUE".equals(row.get("funding")) && row.get("card_uid") != null) {
            CardDirectory.CardFact card = cardDirectory.find((String) row.get("card_uid"));
            balance = card == null || card.accountId() == null ? null : ledger.balance(card.accountId());
        }
        // an approving ARPC never goes out while the card holder has not confirmed
        boolean arpcShown = status != PaymentStatus.STEP_UP;
        return new PaymentOutcome((String) row.get("payment_id"), status, reasons(row), (String) row.get("decision_id"),
                arpcShown ? (String) row.get("arpc") : null, arpcShown ? (String) row.get("csu") : null, balance,
                (String) row.get("bank_response_code"), ((Number) row.get("discount_minor")).longValue());
    }

    List<Reason> reasons(Map<String, Object> row) {
        try {
            return List.of(json.readValue((String) row.get("reasons"), Reason[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reasons are not JSON", e);
        }
    }

    /** Reasons (or any value) as the JSON text the tables hold. */
    String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
