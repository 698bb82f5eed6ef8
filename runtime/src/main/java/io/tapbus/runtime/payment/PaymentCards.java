package io.tapbus.runtime.payment;

import io.tapbus.connector.card.CardId;
import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.db.Sql;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.platform.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The payment applications of universal cards: which card a PAN belongs to, how it is funded, which issuer key
 * checks its cryptograms, and the highest transaction counter (ATC) accepted. PANs are kept only as an HMAC token.
 */
public final class PaymentCards {
    public static final Set<String> FUNDING = Set.of("STORED_VALUE", "BANK");

    private final Jdbi jdbi;
    private final SecretKeySpec tokenKey;
    private final AuditLog audit;

    public PaymentCards(Jdbi jdbi, KeyVault vault, AuditLog audit) {
        this.jdbi = jdbi;
        this.tokenKey = new SecretKeySpec(vault.deriveKey("pan-token"), "HmacSHA256");
        this.audit = audit;
    }

    public record PaymentCard(String panToken, String panMasked, String psn, String cardUid, String funding, String issuerKeyLabel,
                              int lastAtc) {}

    /** The token that stands for a PAN in the database. */
    public String token(String pan) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(tokenKey);
            return HexFormat.of().formatHex(mac.doFinal(pan.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the payment application of a platform card (the issuer personalised it with this PAN). */
    public PaymentCard register(String cardUid, String pan, String psn, String funding, String issuerKeyLabel, String actor) {
        CardId id;
        try {
            id = new CardId(pan, psn);
        } catch (IllegalArgumentException e) {
            throw DomainError.invalid(e.getMessage());
        }
        if (funding == null || !FUNDING.contains(funding)) {
            throw DomainError.invalid("funding must be one of " + FUNDING);
        }
        if (issuerKeyLabel == null || !issuerKeyLabel.matches("[A-Za-z0-9._-]{1,64}")) {
            throw DomainError.invalid("issuerKeyLabel names an issuer master key: 1-64 letters, digits, '.', '_' or '-'");
        }
        String token = token(id.pan());
        PaymentCard card = new PaymentCard(token, Masking.pan(id.pan()), id.psn(), cardUid, funding, issuerKeyLabel, -1);
        jdbi.useTransaction(h -> {
            if (Sql.queryString(h, "SELECT card_uid FROM card WHERE card_uid = ?", cardUid) == null) {
                throw DomainError.notFound("card " + cardUid);
            }
            if (Sql.queryString(h, "SELECT pan_token FROM payment_card WHERE pan_token = ?", token) != null) {
                throw DomainError.conflict("a payment card with this PAN is already registered");
            }
            Sql.update(h, "INSERT INTO payment_card(pan_token, pan_masked, psn, card_uid, funding, issuer_key_label, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", token, card.panMasked(), id.psn(), cardUid, funding, issuerKeyLabel, Instant.now());
            audit.record(h, actor, "payment-card.register", cardUid, card.panMasked() + " funding=" + funding);
        });
        return card;
    }

    /** The universal card a payment card (PAN) belongs to; null when the PAN is not registered. */
    public String cardUidOf(String pan) {
        return jdbi.withHandle(h -> find(h, pan)).map(PaymentCard::cardUid).orElse(null);
    }

    /** The user who holds the card with this PAN (the person of a basket paid with it), if the card is known and held. */
    public Optional<String> holder(String pan) {
        return jdbi.withHandle(h -> Optional.ofNullable(Sql.queryString(h, "SELECT c.user_id FROM payment_card p JOIN card c"
                + " ON c.card_uid = p.card_uid WHERE p.pan_token = ?", token(pan))));
    }

    public boolean exists(String pan) {
        return jdbi.withHandle(h -> find(h, pan)).isPresent();
    }

    Optional<PaymentCard> find(Handle h, String pan) {
        return Sql.queryOne(h, "SELECT pan_token, pan_masked, psn, card_uid, funding, issuer_key_label, last_atc FROM payment_card"
                        + " WHERE pan_token = ?",
                rs -> new PaymentCard(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getInt(7)), token(pan));
    }

    /** Raises the card's last ATC to {@code atc}, only if it is above the last one: false for a replayed counter. */
}
